import { makeIdNumber } from '../../src-main/shared/id-number';
import { ADMIN, expect, screenshot, test } from './fixtures';
import { adminCookie, AdmissionWizardPage, call, createBeds } from './pages/residents';
import { Shell } from './pages/shell';

test.afterEach(async ({ page }) => {
  await page.close();
});

test('the admission wizard warns before an admission breaks the caregiver ratio', async ({
  page,
  server,
}) => {
  test.setTimeout(300_000);
  const cookie = await adminCookie(server);
  await createBeds(server, cookie, '1号楼', 3, 301, 302);
  const shell = new Shell(page);
  const wizard = new AdmissionWizardPage(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await wizard.startNew();
  await wizard.fillProfile({
    name: '张桂兰',
    idNumber: makeIdNumber('110101', '1940-03-15', 22),
    contact: { name: '李明', relation: '儿子', phone: '13800138000' },
  });
  await wizard.next();
  // Full marks: 能力完好 → 自理, 1 : 10; with no caregiver on the roll one is already missing.
  await wizard.scoreAbility((_key, max) => max);
  await wizard.next();
  await wizard.assessRisks({});
  await wizard.next();
  await wizard.chooseBed('301', '1号楼 301-1床');
  await wizard.next();
  await wizard.fillContract('HT-2026-101');
  await wizard.next();
  const warning = page.getByTestId('ratio-whatif');
  await expect(warning).toContainText('护理员配比不达标：入住后需护理员 1 人，现有 0 人，缺 1 人');
  await expect(page.getByRole('button', { name: '确认入住' })).toBeDisabled();
  await screenshot(page, 'staff-admission-ratio-warning');
  await page.getByTestId('ratio-override-reason').fill('新护理员下周一到岗');
  await page.getByRole('button', { name: '记录理由并继续' }).click();
  await expect(warning).toContainText('已记录仍然办理的理由');
  await wizard.admit();
  await expect(page.getByText('张桂兰 已入住 1号楼 301-1床')).toBeVisible();

  // The ratio page and the workbench tile now show the shortfall.
  await page.goto(`${server.url}/#/staff/ratio`);
  await expect(page.getByTestId('ratio-required')).toHaveText('1');
  await expect(page.getByTestId('ratio-available')).toHaveText('0');
  await screenshot(page, 'staff-ratio-page');
  const overrides = await call<Array<{ reason: string; userName: string }>>(
    server,
    cookie,
    'staffing.overrides',
    {},
  );
  expect(overrides[0]).toMatchObject({ reason: '新护理员下周一到岗', userName: ADMIN.displayName });
});

test('the rota refuses a caregiver without pre-job training', async ({ page, server }) => {
  test.setTimeout(90_000);
  const cookie = await adminCookie(server);
  const trained = await call<{ id: number }>(server, cookie, 'staff.create', {
    name: '王桂英',
    roles: ['caregiver'],
    employment: 'fullTime',
    hiredOn: '2025-01-01',
  });
  await call(server, cookie, 'training.record', {
    kind: 'preJob',
    on: '2025-01-02',
    hours: 40,
    topic: '岗前培训',
    staffIds: [trained.id],
  });
  await call(server, cookie, 'staff.create', {
    name: '刘新来',
    roles: ['caregiver'],
    employment: 'fullTime',
    hiredOn: '2025-01-01',
  });
  const week = await call<{ days: string[]; shifts: Array<{ id: number }> }>(server, cookie, 'rota.week', {});
  const [monday] = week.days;
  const day = week.shifts[0]!.id;
  await call(server, cookie, 'rota.assign', { staffId: trained.id, date: monday, shiftId: day });

  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await page.goto(`${server.url}/#/staff/rota`);
  const cell = page.getByTestId(`rota-${week.days[1]}-${day}`);
  await cell.getByRole('button', { name: '排班' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('assign-staff').click();
  await page.getByText('刘新来（未岗前培训）').click();
  // antd spaces two-character button labels: 排 班.
  await dialog.getByRole('button', { name: /^排\s?班$/ }).click();
  await expect(dialog.getByTestId('assign-error')).toContainText('还没有岗前培训记录');
  await dialog.getByRole('button', { name: /取\s?消/ }).click();
  await expect(page.getByTestId(`rota-${monday}-${day}`)).toContainText('王桂英');
  await screenshot(page, 'staff-rota');
  await page.goto(`${server.url}/#/staff/roster`);
  await expect(page.getByText('刘新来')).toBeVisible();
  await screenshot(page, 'staff-roster');
});
