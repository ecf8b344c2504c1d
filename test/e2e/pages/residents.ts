import { expect, type Locator, type Page } from '@playwright/test';
import { ADMIN, setUpInstitution, type Server } from '../fixtures';
import { Shell } from './shell';

/** antd puts a space between two Chinese characters on buttons ("请 假"). */
export function buttonName(text: string): RegExp {
  return text.length === 2 ? new RegExp(`^${text[0]}\\s?${text[1]}$`) : new RegExp(`^${text}$`);
}

/** Picks an option in an antd Select opened from the field with this label (types to narrow). */
export async function pickOption(
  page: Page,
  scope: Locator | Page,
  fieldLabel: string,
  optionText: string | RegExp,
  typed?: string,
) {
  const field = scope.getByLabel(fieldLabel, { exact: true });
  // This field's own dropdown (it holds the `<id>_list` listbox): right after another pick, that
  // select's dropdown is still fading out and any visible dropdown's option may be the old one.
  const id = await field.getAttribute('id');
  const dropdown = id
    ? page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) })
    : page.locator('.ant-select-dropdown:visible');
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: optionText }).first();
  await expect(async () => {
    if (!(await option.isVisible())) {
      await field.click({ timeout: 2_000 });
      if (typed) await field.fill(typed, { timeout: 2_000 });
    }
    await option.click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** antd hides the input of button-style radios; people click the label, and so do we. */
export async function chooseRadio(scope: Locator, text: string) {
  await scope
    .locator('label')
    .filter({ has: scope.page().locator('input[type=radio]'), hasText: new RegExp(`^${text}$`) })
    .click();
}

export interface ProfileData {
  name: string;
  idNumber: string;
  contact?: { name: string; relation: string; phone: string };
}

/** The six-step admission wizard (入住办理). */
export class AdmissionWizardPage {
  constructor(readonly page: Page) {}

  async startNew() {
    await this.page.getByRole('menuitem', { name: '入住办理' }).click();
    await this.page.getByRole('button', { name: '新办理入住' }).click();
    await expect(this.page.getByText('基本资料').first()).toBeVisible();
  }

  async fillProfile(p: ProfileData) {
    const form = this.page.locator('form');
    await form.getByLabel('姓名', { exact: true }).first().fill(p.name);
    await form.getByLabel('证件号码').fill(p.idNumber);
    if (p.contact) {
      const card = this.page.locator('.ant-card').filter({ hasText: '联系人 1' }).last();
      await card.getByLabel('姓名', { exact: true }).fill(p.contact.name);
      await card.getByLabel('关系').fill(p.contact.relation);
      await card.getByLabel('电话', { exact: true }).fill(p.contact.phone);
    }
  }

  async next() {
    await this.page.getByRole('button', { name: '下一步' }).click();
  }

  /** Picks, for every one of the 26 items, the option with the score `pick` returns. */
  async scoreAbility(pick: (itemKey: number, maxScore: number) => number) {
    for (let key = 1; key <= 26; key += 1) {
      const group = this.page.locator(`#ability-item-${key}`);
      const radios = group.getByRole('radio');
      // Counted only once the step has drawn its items: a count taken earlier is 0 (max −1).
      await expect(radios.first()).toBeVisible();
      const max = (await radios.count()) - 1;
      const score = pick(key, max);
      await group.getByRole('radio', { name: new RegExp(`^${score}分`) }).check();
    }
  }

  /** Sets every risk: `levels` names the ones above 无 (by Chinese name) and one measure for each. */
  async assessRisks(levels: Record<string, { level: '低' | '中' | '高'; measure?: string }>) {
    const names = [
      '噎食',
      '食品药品误食',
      '压疮',
      '烫伤',
      '坠床',
      '跌倒',
      '走失',
      '他伤和自伤',
      '文娱活动意外',
    ];
    for (const name of names) {
      const card = this.page.getByRole('group', { name, exact: true });
      const wanted = levels[name];
      await chooseRadio(card, wanted?.level ?? '无');
      if (wanted?.measure) await card.getByRole('checkbox', { name: wanted.measure }).check();
    }
  }

  async chooseBed(room: string, optionText: string) {
    await pickOption(this.page, this.page, '入住床位', optionText, room);
  }

  async fillContract(number: string) {
    await this.page.getByLabel('服务合同编号').fill(number);
  }

  async admit() {
    await recordRatioReasonIfAsked(this.page);
    await this.page.getByRole('button', { name: '确认入住' }).click();
  }
}

/** 房态图. */
export class BedBoardPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('menuitem', { name: '房态图' }).click();
    await expect(this.page.getByTestId('bed-board').or(this.page.getByText('还没有床位'))).toBeVisible();
  }

  cell(label: string, building?: string): Locator {
    const scope = building
      ? this.page.getByRole('region', { name: building })
      : this.page.getByTestId('bed-board');
    return scope.locator(`[data-bed-label="${label}"]`);
  }

  async expectBed(
    label: string,
    expected: { status: string; category?: string; background?: string; border?: string },
  ) {
    const cell = this.cell(label);
    await expect(cell).toHaveAttribute('data-status', expected.status);
    if (expected.category !== undefined)
      await expect(cell).toHaveAttribute('data-category', expected.category);
    if (expected.background) await expect(cell).toHaveCSS('background-color', expected.background);
    if (expected.border) await expect(cell).toHaveCSS('border-left-color', expected.border);
  }
}

/** The resident card drawer with its tabs and lifecycle buttons. */
export class ResidentCardPage {
  constructor(readonly page: Page) {}

  get drawer(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.locator('.ant-drawer-body') });
  }

  async expectOpen(name: string) {
    await expect(this.drawer.getByRole('heading', { name })).toBeVisible();
  }

  async action(text: string) {
    await this.drawer.getByRole('button', { name: buttonName(text) }).click();
  }

  async tab(name: string) {
    await this.drawer.getByRole('tab', { name }).click();
  }

  async close() {
    await this.page.locator('.ant-drawer-close').click();
    await expect(this.drawer).toHaveCount(0);
  }

  dialog(titlePart: string): Locator {
    return this.page.getByRole('dialog').filter({ hasText: titlePart }).last();
  }
}

/** Types a date into an antd DatePicker found by its label and confirms it. */
export async function typeDate(scope: Locator, fieldLabel: string, date: string) {
  const input = scope.getByLabel(fieldLabel, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  // Leaving the field closes the calendar, as a user clicking elsewhere would.
  await input.press('Tab');
}

/** 系统 → 护理等级与评估规则. */
export class ResidentsSettingsPage {
  constructor(readonly page: Page) {}

  async open() {
    await new Shell(this.page).menu('护理等级与评估规则').click();
    await expect(this.page.getByRole('heading', { name: '护理等级与评估规则' })).toBeVisible();
  }

  gradeShortName(n: number): Locator {
    return this.page.getByLabel(`第 ${n} 个护理等级简称`, { exact: true });
  }

  gradeName(n: number): Locator {
    return this.page.getByLabel(`第 ${n} 个护理等级全称`, { exact: true });
  }

  gradeButton(n: number, what: '上移' | '下移'): Locator {
    return this.page.getByRole('button', { name: `第 ${n} 个护理等级${what}`, exact: true });
  }

  removeGradeButton(n: number): Locator {
    return this.page.getByRole('button', { name: `删除第 ${n} 个护理等级`, exact: true });
  }

  async save() {
    await this.page.getByRole('button', { name: '保存设置' }).click();
  }
}

// ---------------------------------------------------------------- API shortcuts for setting up

type ApiValue<T> = { body: { ok: boolean; value?: T; error?: { message: string } } };

/** Calls a procedure as the given session and returns its value, failing loudly with the Chinese message. */
export async function call<T>(server: Server, cookie: string, name: string, input: unknown): Promise<T> {
  const r = (await server.api(name, input, cookie)) as ApiValue<T>;
  if (!r.body.ok) throw new Error(`${name}: ${r.body.error?.message}`);
  return r.body.value as T;
}

/** Sets up the institution and signs the administrator in; returns the cookie and the user id. */
export async function adminSession(server: Server): Promise<{ cookie: string; userId: number }> {
  await setUpInstitution(server);
  const login = await server.api('auth.login', { username: ADMIN.username, password: ADMIN.password });
  expect(login.body.ok).toBe(true);
  const value = login.body.value as { user: { id: number } };
  return { cookie: login.cookie!, userId: value.user.id };
}

export async function adminCookie(server: Server): Promise<string> {
  return (await adminSession(server)).cookie;
}

/** A building with rooms `from`–`to` on one floor, two nursing beds each, through the API. */
export async function createBeds(
  server: Server,
  cookie: string,
  name: string,
  floor: number,
  from: number,
  to: number,
) {
  const config = await call<{ roomClasses: string[] }>(server, cookie, 'residents.getConfig', {});
  const building = await call<{ id: number }>(server, cookie, 'facilities.saveBuilding', { name });
  await call(server, cookie, 'beds.bulkCreate', {
    buildingId: building.id,
    floor,
    roomFrom: from,
    roomTo: to,
    bedsPerRoom: 2,
    roomClass: config.roomClasses[1] ?? config.roomClasses[0],
    bedKind: 'nursing',
  });
  return building.id;
}

/**
 * A home with fewer caregivers than the ratio needs is asked for a reason before an admission or a
 * category change goes ahead; tests about something else give one. (With no caregiver registered at
 * all, as in most of these tests, the check only says the roster is not kept and asks nothing.)
 */
export async function recordRatioReasonIfAsked(page: Page) {
  const warning = page.getByTestId('ratio-whatif');
  await expect(warning).toBeVisible();
  const reason = page.getByTestId('ratio-override-reason');
  if (await reason.isVisible()) {
    await reason.fill('护理员已在招聘，下周到岗');
    await page.getByRole('button', { name: '记录理由并继续' }).click();
    await expect(warning).toContainText('已记录仍然办理的理由');
  }
}
