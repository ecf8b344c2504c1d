import { expect, type Locator, type Page } from '@playwright/test';
import { animationsDone } from './front-desk';

/** The alarm board (护理 → 呼叫) and its wall view. */
export class AlarmBoardPage {
  constructor(readonly page: Page) {}

  async open() {
    // The icon's label comes first in the accessible name ("alert 呼叫"); 呼叫记录 must not match.
    await this.page.getByRole('menuitem', { name: /(^|\s)呼叫$/ }).click();
    await expect(this.page.getByRole('heading', { name: '呼叫', exact: true })).toBeVisible();
  }

  cards(): Locator {
    return this.page.getByTestId('call-card');
  }

  card(address: string): Locator {
    return this.page.locator(`[data-testid="call-card"][data-address="${address}"]`);
  }

  empty(): Locator {
    return this.page.getByTestId('call-board-empty');
  }

  async acknowledge(address: string) {
    await this.card(address)
      .getByRole('button', { name: /^响\s?应$/ })
      .click();
  }

  /** Acknowledges naming a colleague through the picker next to 响应. */
  async acknowledgeAs(address: string, name: string) {
    await this.card(address).getByRole('button', { name: '选择响应人' }).click();
    const picker = this.page.locator('.ant-popover:visible');
    await picker.getByRole('combobox', { name: '响应人' }).click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: name }).click();
    await picker.getByRole('button', { name: '登记为此人响应' }).click();
  }

  async clear(address: string, note: string) {
    await this.card(address)
      .getByRole('button', { name: /已处理/ })
      .click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('处理情况（可不填）').fill(note);
    await animationsDone(dialog);
    await dialog.getByRole('button', { name: '确认已处理' }).click();
    await expect(dialog).toBeHidden();
  }

  async mute(minutes: number) {
    await this.page.getByRole('button', { name: /静\s?音/ }).hover();
    await this.page.getByRole('menuitem', { name: `静音 ${minutes} 分钟` }).click();
  }

  muteCountdown(): Locator {
    return this.page.getByTestId('mute-countdown');
  }

  /** In browser mode 全屏 opens the wall view in its own tab. */
  async openWall(): Promise<Page> {
    const [wall] = await Promise.all([
      this.page.waitForEvent('popup'),
      this.page.getByRole('button', { name: /全屏/ }).click(),
    ]);
    await expect(wall.getByTestId('wall-view')).toBeVisible();
    return wall;
  }
}

/** Waits until an antd modal has finished its opening animation, so a screenshot shows it sharp. */
export async function dialogSettled(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect
    .poll(() =>
      page.locator('.ant-modal').evaluate((el) => {
        const style = getComputedStyle(el);
        return (
          style.opacity === '1' &&
          (style.transform === 'none' || style.transform === 'matrix(1, 0, 0, 1, 0, 0)')
        );
      }),
    )
    .toBe(true);
  return dialog;
}

/** The calls listed above the login form (and the forced password change) while nobody is signed in. */
export class LoginCallsPanel {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('login-calls');
  }

  call(label: string): Locator {
    return this.page.getByTestId('login-call').filter({ hasText: label });
  }

  wait(label: string): Locator {
    return this.call(label).getByTestId('login-call-wait');
  }

  soundBlocked(): Locator {
    return this.page.getByTestId('login-sound-blocked');
  }
}
