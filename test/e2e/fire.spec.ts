import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test, type Server } from './fixtures';
import { Shell } from './pages/shell';

// 19:30 on a December evening: the demo left last night's 22:00 patrol undone.
test.use({ serverArgs: ['--seed', 'demo', '--test-clock', '2026-12-01T19:30:00+08:00'] });

const passwordOf = (server: Server, username: string) =>
  server.output
    .find((l) => l.startsWith(`demo account: ${username} `))!
    .split(' ')
    .pop()!;

/** Signs a demo account in through the API and sets its own password; returns its cookie. */
async function apiSession(server: Server, username: string): Promise<string> {
  const password = passwordOf(server, username);
  const { cookie } = await server.api('auth.login', { username, password });
  const { body } = await server.api(
    'auth.changePassword',
    { currentPassword: password, newPassword: `${username}-2026-pass` },
    cookie!,
  );
  expect(body.ok).toBe(true);
  return (await server.api('auth.login', { username, password: `${username}-2026-pass` })).cookie!;
}

async function signInOfficer(page: Page, server: Server) {
  const password = passwordOf(server, 'fireofficer');
  const shell = new Shell(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(server.url);
  await shell.login('fireofficer', password);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('fire-officer-2026');
  await page.getByLabel('再次输入新密码').fill('fire-officer-2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  return shell;
}

test('a missed night patrol is an alert on the workbench; a patrol on the big-button page closes its slot; the ledger prints', async ({
  page,
  server,
}) => {
  const admin = await apiSession(server, 'admin');
  const shell = await signInOfficer(page, server);

  const missed = page
    .getByTestId('alerts-panel')
    .locator('[data-testid="alert-item"][data-kind="fire.patrolMissed"]', {
      hasText: '夜间防火巡查漏巡：11-30 22:00–00:00',
    });
  // The first workbench of a freshly seeded month loads every module's reads at once.
  await expect(missed).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('fire-patrols-kpi')).toBeVisible();
  await expect(page.getByTestId('fire-timeline-tile').locator('[data-status="done"]').first()).toBeVisible();
  await screenshot(page, 'fire-workbench');

  // 20:10: the 20:00 night slot is open.
  const moved = await server.api('testing.clock.advance', { minutes: 40 }, admin);
  expect(moved.body.ok).toBe(true);
  await shell.menu('巡查').click();
  const slot = page.getByTestId('patrol-timeline').locator('[data-start="2026-12-01T12:00:00.000Z"]');
  await expect(slot).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('patrol-slot')).toContainText('20:00–22:00');
  await expect(page.getByTestId('patrol-slot')).toContainText('夜间巡查');
  await page.getByRole('button', { name: '其余全部正常' }).click();
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(slot).toHaveAttribute('data-status', 'done');
  await screenshot(page, 'fire-patrol-page');

  await page.getByRole('button', { name: '打印防火巡查记录表' }).click();
  const preview = page.getByTestId('print-preview');
  await expect(preview).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(preview).toContainText('防火巡查记录表');
  await expect(preview).toContainText('2026-12-01 防火巡查记录');
  await page.screenshot({ path: join('test-results', 'screens', 'fire-patrol-ledger.png'), fullPage: true });
});

test('a failed patrol item becomes a hazard and is taken to closure', async ({ page, server }) => {
  // Four sign-ins, a patrol and three dialogs: on a busy machine this outruns the default 90 s.
  test.setTimeout(180_000);
  const admin = await apiSession(server, 'admin');
  const headNurse = await apiSession(server, 'headnurse');
  const shell = await signInOfficer(page, server);
  await server.api('testing.clock.advance', { minutes: 40 }, admin);

  await shell.menu('巡查').click();
  await page.getByTestId('item-p2').getByRole('button', { name: '有问题' }).click();
  await page.getByTestId('item-p2').getByRole('textbox').fill('2号楼3层东侧通道堆放轮椅');
  await page.getByRole('button', { name: '其余全部正常' }).click();
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByText('已登记 1 条隐患待整改')).toBeVisible();

  await shell.menu('隐患').click();
  const row = page.getByRole('row', { name: /防火巡查发现/ });
  await expect(row).toContainText('待指派');
  await row.getByRole('button', { name: /^指\s?派$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('整改负责人').click();
  await page.getByTitle('李秀梅').click();
  await dialog.getByLabel('整改期限').fill('2026-12-03');
  await dialog.getByLabel('整改期限').press('Enter');
  await dialog.getByLabel('整改期间的临时防范措施').fill('专人看守，夜班加巡');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(row).toContainText('整改中');

  // The head nurse moves the wheelchairs and records it from her own screen.
  const [hazard] = (await server.api('fire.hazards.list', { status: 'assigned' }, headNurse)).body
    .value as Array<{ id: number; title: string }>;
  const fixed = await server.api(
    'fire.hazards.rectify',
    { id: hazard!.id, on: '2026-12-01', measures: '轮椅移入储物间' },
    headNurse,
  );
  expect(fixed.body.ok).toBe(true);

  await expect(row).toContainText('待验收');
  await row.getByRole('button', { name: /^验\s?收$/ }).click();
  await dialog.getByLabel('验收意见').fill('通道已畅通');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(dialog).toHaveCount(0);
  await page.locator('.ant-segmented-item', { hasText: '已销案' }).click();
  await expect(page.getByRole('row', { name: /防火巡查发现/ })).toContainText('已销案');
  await screenshot(page, 'fire-hazards-closed');
});
