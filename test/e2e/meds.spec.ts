import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { call, demoLogin, settled, signIn } from './pages/front-desk';

/**
 * Chooses the second person by typing their name, as a nurse can: clicking an option in the opening
 * dropdown could land on a copy of the list still animating in under load.
 */
async function pickWitness(page: Page, dialog: Locator, name: string): Promise<void> {
  const box = dialog.getByRole('combobox');
  await box.click();
  await box.fill(name);
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText(name);
}

const SCREENS = join('test-results', 'screens');

test.use({
  serverArgs: ['--seed', 'demo', '--test-clock', '2026-12-01T07:40:00+08:00'],
  viewport: { width: 1366, height: 768 },
});

interface Dose {
  doseId: string;
  residentId: number;
  residentName: string;
  area: string;
  time: string;
  status: string;
}

test('a round given with a witness, a missed dose as an alert, and the monthly MAR printed', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  const nurse = await demoLogin(server, 'nurse');
  const head = await demoLogin(server, 'headnurse');

  // A resident of the demo home gets insulin at 07:30 and a tablet at 07:00 today.
  const residents = await call<{ rows: Array<{ id: number; name: string }> }>(
    server,
    nurse.cookie,
    'residents.list',
    {
      statuses: ['admitted'],
      limit: 100,
    },
  );
  const resident = residents.rows[70]!;
  const drugs = await call<Array<{ id: number; name: string }>>(server, nurse.cookie, 'meds.drugs.list', {});
  const insulin = drugs.find((d) => d.name === '门冬胰岛素注射液')!;
  const calcium = drugs.find((d) => d.name === '碳酸钙D3片')!;
  const common = { residentId: resident.id, startOn: '2026-12-01', prescriber: '王医生', source: 'hospital' };
  await call(server, nurse.cookie, 'meds.orders.create', {
    ...common,
    drugId: insulin.id,
    dose: '6',
    route: '皮下注射',
    schedule: { times: ['07:30'] },
  });
  await call(server, nurse.cookie, 'meds.orders.create', {
    ...common,
    drugId: calcium.id,
    dose: '1',
    route: '口服',
    schedule: { times: ['07:00'] },
  });
  const mar = await call<Dose[]>(server, nurse.cookie, 'meds.mar', {
    date: '2026-12-01',
    residentId: resident.id,
  });
  const insulinDose = mar.find((d) => d.time === '07:30')!;
  const calciumDose = mar.find((d) => d.time === '07:00')!;

  await signIn(page, server, 'nurse');
  await page.goto(`${server.url}/#/meds/round?date=2026-12-01`);
  await settled(page);
  // The round loads one area's doses at a time; the picker lists each area with what is still due.
  const areaPicker = page.getByRole('combobox', { name: '给药区域' });
  const areaOption = page
    .locator('.ant-select-dropdown .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${insulinDose.area}（`) });
  await expect(async () => {
    if (!(await areaOption.isVisible())) await areaPicker.click({ timeout: 2_000 });
    await areaOption.click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('round-area')).toContainText(insulinDose.area);
  await page.getByTestId('round-time').getByText('07:30', { exact: true }).click();
  const card = page.locator(`[data-dose="${insulinDose.doseId}"]`);
  await expect(card).toBeVisible();
  await screenshot(page, 'meds-round');
  await card.getByRole('button', { name: /^给\s*药$/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('核对人（高警示药品需双人核对）')).toBeVisible();
  // Without the 三查七对 tick and a witness nothing is recorded.
  await dialog.getByTestId('confirm-administer').click();
  await expect(dialog.getByText('请先完成三查七对再给药')).toBeVisible();
  await dialog.getByTestId('three-checks').click();
  await pickWitness(page, dialog, head.displayName);
  await screenshot(page, 'meds-administer-dialog');
  await dialog.getByTestId('confirm-administer').click();
  await expect(card.locator('[data-status="given"]')).toBeVisible();
  await expect(card).toContainText(`核对 ${head.displayName}`);

  // 09:01: the 07:00 tablet's window (06:00–08:00) is long closed: missed, and an alert says so.
  const advanced = await server.api(
    'testing.clock.set',
    { at: '2026-12-01T09:01:00+08:00' },
    await adminCookie(),
  );
  expect(advanced.body.ok).toBe(true);
  await page.goto(server.url);
  // The workbench tile counts the whole home's day as the MAR shows it.
  const day = await call<{ counts: Record<string, number> }>(server, nurse.cookie, 'meds.marSummary', {
    date: '2026-12-01',
  });
  expect(day.counts.missed).toBeGreaterThan(0);
  const missedTile = page.getByTestId('meds-tile').locator('.ant-statistic', { hasText: '漏给' });
  await expect(missedTile.locator('.ant-statistic-content-value')).toHaveText(String(day.counts.missed));
  const group = page.locator('[data-testid="alert-group"][data-kind="meds.doseMissed"]');
  await expect(group).toBeVisible({ timeout: 20_000 });
  const more = group.getByRole('button', { name: /展开/ });
  if (await more.count()) await more.click();
  const alert = page.locator('[data-testid="alert-item"][data-kind="meds.doseMissed"]', {
    hasText: `${resident.name} 07:00 的 碳酸钙D3片 漏给`,
  });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'meds-missed-alert');
  const after = await call<Dose[]>(server, nurse.cookie, 'meds.mar', {
    date: '2026-12-01',
    residentId: resident.id,
  });
  expect(after.find((d) => d.doseId === calciumDose.doseId)?.status).toBe('missed');

  // The month on paper, rendered to PNG.
  await page.goto(`${server.url}/#/meds/orders?resident=${resident.id}`);
  await settled(page);
  await screenshot(page, 'meds-orders');
  await page.getByRole('button', { name: '打印月度给药记录' }).click();
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByText('月度给药记录单').first()).toBeVisible({ timeout: 20_000 });
  await settled(page);
  await page.screenshot({ path: join(SCREENS, 'meds-monthly-mar-preview.png') });
  mkdirSync(join('test-results', 'print-pdf'), { recursive: true });
  const pdf = join('test-results', 'print-pdf', 'meds-monthly-mar.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const png = spawnSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-l',
    '1',
    pdf,
    join(SCREENS, 'print-meds-monthly-mar-page'),
  ]);
  expect(png.status).toBe(0);
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('月度给药记录单');
  expect(text).toContain('门冬胰岛素注射液');

  async function adminCookie(): Promise<string> {
    return (await demoLogin(server, 'admin')).cookie;
  }
});

test('controlled drugs counted by two at the shift handover; an uncounted handover raises an alert', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const head = await demoLogin(server, 'headnurse');
  await signIn(page, server, 'nurse');
  // 07:40: the 08:00 handover's window (07:00–09:00) is open; the demo keeps psychotropic stock.
  await page.goto(`${server.url}/#/meds/handover`);
  await settled(page);
  await expect(page.getByTestId('handover-summary')).toHaveAttribute('data-status', 'open');
  const first = page.getByTestId('handover-item').first();
  await expect(first).toHaveAttribute('data-counted', 'no');
  const expected = (await first.locator('.meds-dose-amount b').innerText()).split(' ')[0]!;
  await screenshot(page, 'meds-handover');
  await first.getByRole('button', { name: /清\s*点/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('counted-input').fill(expected);
  await pickWitness(page, dialog, head.displayName);
  await screenshot(page, 'meds-handover-count-dialog');
  await dialog.getByRole('button', { name: /确认清点/ }).click();
  await expect(first).toHaveAttribute('data-counted', 'yes');
  await expect(first).toContainText('相符');
  await expect(first).toContainText(head.displayName);
  await screenshot(page, 'meds-handover-counted');

  // 09:01: the window has closed with the other residents' stock uncounted.
  const admin = await demoLogin(server, 'admin');
  expect(
    (await server.api('testing.clock.set', { at: '2026-12-01T09:01:00+08:00' }, admin.cookie)).body.ok,
  ).toBe(true);
  await page.goto(server.url);
  const group = page.locator('[data-testid="alert-group"][data-kind="meds.handoverCountMissing"]');
  await expect(group).toBeVisible({ timeout: 20_000 });
  const more = group.getByRole('button', { name: /展开/ });
  if (await more.count()) await more.click();
  await expect(
    page.locator('[data-testid="alert-item"][data-kind="meds.handoverCountMissing"]', {
      hasText: '12月1日 08:00 交接班未双人清点精神/麻醉药品',
    }),
  ).toBeVisible();
  await screenshot(page, 'meds-handover-alert');
  await page.goto(`${server.url}/#/meds/handover?date=2026-12-01&time=08:00`);
  await settled(page);
  await expect(page.getByTestId('handover-summary')).toHaveAttribute('data-status', 'missed');
  await screenshot(page, 'meds-handover-missed');

  // The stock ledger and the catalog with their exports.
  const nurse = await demoLogin(server, 'nurse');
  const residents = await call<{ rows: Array<{ id: number }> }>(server, nurse.cookie, 'residents.list', {
    statuses: ['admitted'],
    limit: 5,
  });
  await page.goto(`${server.url}/#/meds/stock?resident=${residents.rows[0]!.id}`);
  await settled(page);
  await expect(page.getByRole('button', { name: /台账导出 Excel/ })).toBeVisible();
  await screenshot(page, 'meds-stock');
});
