import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { makeIdNumber } from '../../src-main/shared/id-number';
import { ADMIN, expect, screenshot, setUpInstitution, test } from './fixtures';
import {
  adminCookie,
  AdmissionWizardPage,
  BedBoardPage,
  buttonName,
  call,
  chooseRadio,
  createBeds,
  pickOption,
  ResidentCardPage,
} from './pages/residents';
import { Shell } from './pages/shell';

/** Viewport-only picture, for screens with a drawer or a long form behind them. */
async function viewShot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

// The app keeps an event stream open; closing the page first lets the test server stop at once
// instead of waiting for the browser to hang up.
test.afterEach(async ({ page }) => {
  await page.close();
});

// Colours from the UX guide as the browser reports them.
const ORANGE_BORDER = 'rgb(212, 107, 8)'; // 半失能 #d46b08
const ORANGE_TINT = 'rgb(255, 247, 230)';
const LEAVE_BLUE_BG = 'rgb(230, 244, 255)';
const LEAVE_BLUE_BORDER = 'rgb(22, 119, 255)';
const VACANT_BG = 'rgb(255, 255, 255)';

test('admit through the wizard, see the bed in the category colour, leave, return and discharge', async ({
  page,
  server,
}) => {
  test.setTimeout(360_000);
  const cookie = await adminCookie(server);
  await createBeds(server, cookie, '1号楼', 3, 301, 305);
  const shell = new Shell(page);
  const wizard = new AdmissionWizardPage(page);
  const board = new BedBoardPage(page);
  const card = new ResidentCardPage(page);

  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await wizard.startNew();

  // Step 1: profile, with the 身份证号 checked as it is typed.
  const idNumber = makeIdNumber('110101', '1940-03-15', 22);
  const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
  await wizard.fillProfile({
    name: '张桂兰',
    idNumber: wrongCheck,
    contact: { name: '李明', relation: '儿子', phone: '13800138000' },
  });
  await expect(page.getByText('身份证号校验位不正确，请核对最后一位及其他各位')).toBeVisible();
  await page.getByLabel('证件号码').fill(idNumber);
  await expect(page.getByText('出生日期 1940-03-15，女')).toBeVisible();
  await screenshot(page, 'residents-wizard-1-profile');
  await wizard.next();

  // Step 2: GB/T 42195 — 2 points on each self-care item, full marks elsewhere: 74 → 轻度失能 → 半失能.
  await expect(page.getByTestId('ability-summary')).toBeVisible();
  await wizard.next();
  await expect(page.getByText('第1项「进食」尚未评分，请选择')).toBeVisible();
  await wizard.scoreAbility((key, max) => (key <= 8 ? 2 : max));
  await expect(page.getByTestId('ability-total')).toHaveText('74 / 90');
  await expect(page.getByTestId('ability-level')).toHaveText('轻度失能');
  await expect(page.getByTestId('ability-category')).toHaveText('半失能');
  await screenshot(page, 'residents-wizard-2-ability');
  await page.evaluate('window.scrollTo(0, 0)');
  await viewShot(page, 'residents-wizard-2-ability-top');
  await wizard.next();

  // Step 3: 九防, a high fall risk needs a measure before the step can be left.
  await wizard.assessRisks({
    跌倒: { level: '高' },
    走失: { level: '中', measure: '每班清点人数，交接班时重点交接' },
  });
  await wizard.next();
  await expect(page.getByText('「跌倒」为高风险，请至少选择一项防护措施')).toBeVisible();
  await page
    .getByRole('group', { name: '跌倒', exact: true })
    .getByRole('checkbox', { name: '穿防滑鞋和合身衣裤' })
    .check();
  await expect(page.getByLabel('被告知人姓名')).toHaveValue('李明');
  await screenshot(page, 'residents-wizard-3-risks');
  await wizard.next();

  // Step 4–6: bed, contract, confirm.
  await wizard.chooseBed('301', '1号楼 301-1床');
  await screenshot(page, 'residents-wizard-4-bed');
  await wizard.next();
  await wizard.fillContract('HT-2026-018');
  await wizard.next();
  await expect(page.getByTestId('confirm-category')).toHaveText('半失能');
  await expect(page.getByText('1号楼 301-1床', { exact: false }).first()).toBeVisible();
  await screenshot(page, 'residents-wizard-5-confirm');
  await wizard.admit();
  await expect(page.getByText('张桂兰 已入住 1号楼 301-1床')).toBeVisible();

  // The drafts list is empty again: the finished admission took its draft with it.
  await page.getByRole('button', { name: '返回入住办理' }).click();
  await expect(page.getByText('没有未办完的入住')).toBeVisible();

  // The bed board shows her in orange with the fall and wandering badges, and the hover card names her.
  await board.open();
  await board.expectBed('301-1', {
    status: 'occupied',
    category: 'partlyDependent',
    background: ORANGE_TINT,
    border: ORANGE_BORDER,
  });
  await expect(board.cell('301-1').locator('[data-risk="fall"]')).toHaveAttribute('title', '跌倒：高风险');
  await expect(board.cell('301-1').locator('[data-risk="wandering"]')).toHaveAttribute(
    'title',
    '走失：中风险',
  );
  await board.expectBed('301-2', { status: 'vacant', background: VACANT_BG });
  await expect(board.cell('301-1')).toHaveAttribute('aria-label', '1号楼 301-1床 张桂兰');
  await board.cell('301-1').hover();
  await expect(page.getByTestId('bed-hover')).toContainText('张桂兰');
  await expect(page.getByTestId('bed-hover')).toContainText('半失能');
  // The card names the building and room class, which the board's cells leave to the tree.
  await expect(page.getByTestId('bed-hover')).toContainText('1号楼 301-1床 · 双人间');
  await screenshot(page, 'residents-board-one-resident');

  // Leave: the bed is kept and turns blue.
  await board.cell('301-1').click();
  await card.expectOpen('张桂兰');
  await viewShot(page, 'residents-card');
  await card.action('请假');
  const leave = card.dialog('请假：张桂兰（1号楼 301-1床）');
  await chooseRadio(leave, '住院');
  await leave.getByLabel('去向（医院、亲属家等）').fill('市第一人民医院');
  await leave.getByRole('button', { name: '登记请假' }).click();
  await expect(page.getByText('张桂兰 已登记请假，床位保留')).toBeVisible();
  await expect(card.drawer.getByText('请假中').first()).toBeVisible();
  await card.close();
  await board.expectBed('301-1', { status: 'onLeave', background: LEAVE_BLUE_BG, border: LEAVE_BLUE_BORDER });
  await screenshot(page, 'residents-board-on-leave');

  // Return.
  await board.cell('301-1').click();
  await card.action('销假');
  await card.dialog('销假：张桂兰').getByRole('button', { name: '确认返回' }).click();
  await expect(page.getByText('张桂兰 已返回，恢复在住')).toBeVisible();
  await card.close();
  await board.expectBed('301-1', { status: 'occupied', category: 'partlyDependent', border: ORANGE_BORDER });

  // Discharge asks for a reason and then names the person and the bed.
  await board.cell('301-1').click();
  await card.action('办理退住');
  const discharge = card.dialog('办理退住：张桂兰');
  await discharge.getByRole('button', { name: '办理退住' }).click();
  await expect(discharge.getByText('请选择退住原因')).toBeVisible();
  await chooseRadio(discharge, '自愿退住');
  await discharge.getByRole('button', { name: '办理退住' }).click();
  const confirm = page.getByRole('dialog', { name: '确认为 张桂兰（1号楼 301-1床）办理退住？' });
  await expect(confirm).toBeVisible();
  await screenshot(page, 'residents-discharge-confirm');
  await confirm.getByRole('button', { name: buttonName('确认') }).click();
  await expect(page.getByText('张桂兰 已办理退住')).toBeVisible();
  // Billing offers the settlement next; the front desk may do it later.
  const settle = page.getByRole('dialog').filter({ hasText: '办理退住结算' });
  await expect(settle).toBeVisible();
  await settle.getByRole('button', { name: buttonName('稍后') }).click();
  await card.close();
  await board.expectBed('301-1', { status: 'vacant', category: '', background: VACANT_BG });

  // The history keeps every step.
  const list = await call<{ rows: Array<{ id: number; status: string }> }>(server, cookie, 'residents.list', {
    search: '张桂兰',
    statuses: ['discharged'],
  });
  expect(list.rows).toHaveLength(1);
  const history = await call<Array<{ action: string }>>(server, cookie, 'residents.history', {
    id: list.rows[0]!.id,
  });
  expect(history.map((h) => h.action)).toEqual(
    expect.arrayContaining(['admit', 'startLeave', 'endLeave', 'discharge']),
  );
});

test('a half-done admission is kept as a draft and resumed', async ({ page, server }) => {
  const cookie = await adminCookie(server);
  await createBeds(server, cookie, '2号楼', 1, 101, 102);
  const shell = new Shell(page);
  const wizard = new AdmissionWizardPage(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await wizard.startNew();
  await wizard.fillProfile({
    name: '王德明',
    idNumber: makeIdNumber('320102', '1938-11-02', 31),
    contact: { name: '王小红', relation: '女儿', phone: '025-84561234' },
  });
  await wizard.next();
  await expect(page.getByText(/草稿已于 \d\d:\d\d 保存/)).toBeVisible();
  await page.getByRole('button', { name: '保存草稿并退出' }).click();
  await expect(page.getByRole('cell', { name: '王德明' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '第 2 步：能力评估' })).toBeVisible();
  await screenshot(page, 'residents-drafts');
  await page.getByRole('button', { name: '继续办理' }).click();
  await expect(page.getByTestId('ability-summary')).toBeVisible();
  await page.getByRole('button', { name: '上一步' }).click();
  await expect(page.locator('form').getByLabel('姓名', { exact: true }).first()).toHaveValue('王德明');
  // The archive exists already (in the waiting state) and the number is not sent back to the screen.
  const waiting = await call<Array<{ name: string; idNumberMasked: string }>>(
    server,
    cookie,
    'residents.waitingList',
    {},
  );
  expect(waiting.map((w) => w.name)).toContain('王德明');
  expect(waiting[0]!.idNumberMasked).toMatch(/^320102\*{8}\d{3}[\dX]$/);
});

test('import an Excel ledger with one bad row: row-level report, import the valid rows, download the rest', async ({
  page,
  server,
}) => {
  const cookie = await adminCookie(server);
  await createBeds(server, cookie, '1号楼', 2, 201, 203);
  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.menu('在住').click();
  await page.getByRole('button', { name: '导入 Excel' }).click();
  const dialog = page.getByRole('dialog', { name: '从 Excel 导入老人名单' });

  const [templateDownload] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: '下载导入模板' }).click(),
  ]);
  const templatePath = test.info().outputPath('template.xlsx');
  await templateDownload.saveAs(templatePath);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(templatePath);
  const sheet = workbook.worksheets[0]!;
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(String(cell.value ?? '').replace(/[*＊\s]/g, ''), col));
  const column = (...names: string[]) => {
    for (const [header, col] of headers) if (names.some((n) => header.includes(n))) return col;
    throw new Error(`template has no column like ${names.join('/')}: ${[...headers.keys()].join(', ')}`);
  };
  const nameCol = column('姓名');
  const idCol = column('身份证号', '证件号码');
  if (sheet.rowCount > 1) sheet.spliceRows(2, sheet.rowCount - 1);
  const good1 = makeIdNumber('320104', '1941-05-20', 41);
  const good2 = makeIdNumber('320105', '1936-12-01', 52);
  const bad = good2.slice(0, 17) + (good2[17] === '1' ? '2' : '1');
  const rows: Array<[string, string]> = [
    ['周玉珍', good1],
    ['吴长根', bad],
    ['郑秀英', good2],
  ];
  rows.forEach(([name, id], i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(nameCol).value = name;
    row.getCell(idCol).value = id;
    row.commit();
  });
  const filled = test.info().outputPath('ledger.xlsx');
  await workbook.xlsx.writeFile(filled);

  await dialog.locator('input[type=file]').setInputFiles(filled);
  await expect(dialog.getByText('共 3 行：2 行无误，1 行有问题', { exact: false })).toBeVisible();
  const problems = dialog.getByTestId('import-problems');
  const problemRow = problems.getByRole('row').filter({ hasText: '校验位' });
  await expect(problemRow.getByRole('cell').first()).toHaveText('3');
  await expect(problemRow).toContainText(/身份证|证件/);
  await screenshot(page, 'residents-import-report');

  // All-or-nothing refuses while a row is wrong; valid-only imports two and returns the third.
  await dialog.getByRole('radio', { name: /全部无误才导入/ }).check();
  await expect(dialog.getByRole('button', { name: /导入全部/ })).toBeDisabled();
  await dialog.getByRole('radio', { name: /只导入无误的行/ }).check();
  await dialog.getByRole('button', { name: '只导入无误的 2 人' }).click();
  await expect(dialog.getByText('已导入 2 人')).toBeVisible();
  const [rejected] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: '下载未导入的行' }).click(),
  ]);
  const rejectedPath = test.info().outputPath('rejected.xlsx');
  await rejected.saveAs(rejectedPath);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(readFileSync(rejectedPath) as unknown as ArrayBuffer);
  const names: string[] = [];
  back.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(nameCol).value ?? ''));
  });
  expect(names).toContain('吴长根');
  expect(names).not.toContain('周玉珍');
  await screenshot(page, 'residents-import-done');

  const imported = await call<Array<{ name: string }>>(server, cookie, 'residents.waitingList', {});
  expect(imported.map((r) => r.name).sort()).toEqual(['周玉珍', '郑秀英'].sort());
});

test.describe('with the demo institution', () => {
  test.use({ serverArgs: ['--seed', 'demo'] });

  test('bed board, resident list and card on ~120 beds', async ({ page, server }) => {
    const line = server.output.find((l) => l.startsWith('demo account: admin '));
    expect(line, server.output.join('\n')).toBeTruthy();
    test.setTimeout(180_000);
    const password = line!.split(' ').pop()!;
    const shell = new Shell(page);
    await page.goto(server.url);
    await shell.login('admin', password);
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill('demo-admin-2026');
    await page.getByLabel('再次输入新密码').fill('demo-admin-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    await expect(page.getByText('入住率').first()).toBeVisible();
    await screenshot(page, 'residents-dashboard-demo');

    const board = new BedBoardPage(page);
    await board.open();
    const cells = page.locator('[data-bed-id]');
    expect(await cells.count()).toBeGreaterThanOrEqual(100);
    await expect(page.locator('[data-status="onLeave"]').first()).toBeVisible();
    for (const category of ['selfCare', 'partlyDependent', 'dependent']) {
      await expect(
        page.locator(`[data-status="occupied"][data-category="${category}"]`).first(),
      ).toBeVisible();
    }
    await page.locator('[data-status="occupied"][data-category="dependent"]').first().hover();
    await expect(page.getByTestId('bed-hover')).toContainText('失能');
    await screenshot(page, 'residents-board-demo');

    // Filters: only the on-leave beds.
    await page.locator('.ant-tag-checkable').filter({ hasText: '请假（保留床位）' }).click();
    await expect(page.locator('[data-bed-id]:not([data-status="onLeave"])')).toHaveCount(0);
    await screenshot(page, 'residents-board-demo-on-leave');

    await shell.menu('在住').click();
    await expect(page.getByText(/共 \d+ 人/)).toBeVisible();
    await expect(
      page
        .getByRole('table')
        .getByText(/^\d{6}\*{8}\d{3}[\dX]$/)
        .first(),
    ).toBeVisible();
    await screenshot(page, 'residents-list-demo');
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await exported.path()) as unknown as ArrayBuffer);
    // Header plus one row per listed resident (在住 and 请假中, the list's default filter).
    const listed = Number(/共 (\d+) 人/.exec((await page.getByText(/共 \d+ 人/).textContent()) ?? '')?.[1]);
    expect(book.worksheets[0]!.actualRowCount).toBeGreaterThanOrEqual(listed + 1);
    await page.getByRole('row').nth(1).click();
    const card = new ResidentCardPage(page);
    await expect(card.drawer).toBeVisible();
    await card.drawer.getByRole('button', { name: '查看' }).first().click();
    await expect(card.drawer.getByText(/^\d{17}[\dX]$/)).toBeVisible();
    await viewShot(page, 'residents-card-demo');
    await card.tab('评估');
    await expect(card.drawer.getByRole('columnheader', { name: '能力等级' })).toBeVisible();
    await viewShot(page, 'residents-card-demo-assessments');
    await card.tab('风险');
    await viewShot(page, 'residents-card-demo-risks');
    await card.close();

    await shell.menu('轮候').click();
    await expect(page.getByRole('columnheader', { name: '顺位' })).toBeVisible();
    await screenshot(page, 'residents-waiting-demo');
    await shell.menu('待评估').click();
    await expect(page.getByRole('columnheader', { name: '应评估日期' })).toBeVisible();
    await screenshot(page, 'residents-assessments-due-demo');
  });
});

test('bed management: a building, "3楼 301–320 每间2床", a bed out of service', async ({ page, server }) => {
  await setUpInstitution(server);
  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.menu('房态图').click();
  await expect(page.getByText('还没有床位')).toBeVisible();
  await page.getByRole('button', { name: '批量创建床位' }).click();
  await page.getByRole('button', { name: '新建楼栋' }).click();
  const buildingDialog = page.getByRole('dialog', { name: '新建楼栋' });
  await buildingDialog.getByLabel('楼栋名称').fill('3号楼');
  await buildingDialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByRole('cell', { name: '3号楼' })).toBeVisible();

  const bulk = page.locator('.ant-card').filter({ hasText: '批量创建房间和床位' });
  await pickOption(page, bulk, '楼栋', '3号楼');
  await bulk.getByLabel('楼层').fill('3');
  await bulk.getByLabel('起始房号').fill('301');
  await bulk.getByLabel('结束房号').fill('299');
  await expect(bulk.getByText('结束房间号不能小于起始房间号')).toBeVisible();
  await bulk.getByLabel('结束房号').fill('320');
  await pickOption(page, bulk, '房型', /双人间/);
  await expect(bulk.getByText('将在 3号楼 3楼 创建 20 间房（301–320），每间 2 床，共 40 张床')).toBeVisible();
  await bulk.getByRole('button', { name: buttonName('创建') }).click();
  await expect(page.getByText('已创建 20 间房、40 张床')).toBeVisible();
  await screenshot(page, 'residents-bed-management');

  const row = page.getByRole('row').filter({ hasText: '305-2' });
  await row.getByRole('button', { name: buttonName('停用') }).click();
  const reason = page.getByRole('dialog', { name: '停用：3号楼 305-2床' });
  await reason.getByRole('button', { name: buttonName('确认') }).click();
  await expect(reason.getByText('请填写原因，如：维修')).toBeVisible();
  await reason.getByLabel('原因').fill('卫生间漏水维修');
  await reason.getByRole('button', { name: buttonName('确认') }).click();
  await expect(row.getByText('卫生间漏水维修')).toBeVisible();

  const board = new BedBoardPage(page);
  await board.open();
  await expect(page.locator('[data-bed-id]')).toHaveCount(40);
  await board.expectBed('305-2', { status: 'outOfService', background: 'rgb(217, 217, 217)' });
  await board.cell('305-2').hover();
  await expect(page.getByTestId('bed-hover')).toContainText('卫生间漏水维修');
});

test('bed board with 1,000 beds renders quickly', async ({ page, server }) => {
  test.setTimeout(240_000);
  const cookie = await adminCookie(server);
  const config = await call<{ roomClasses: string[] }>(server, cookie, 'residents.getConfig', {});
  for (const name of ['1号楼', '2号楼']) {
    const b = await call<{ id: number }>(server, cookie, 'facilities.saveBuilding', { name });
    for (let floor = 1; floor <= 5; floor += 1) {
      await call(server, cookie, 'beds.bulkCreate', {
        buildingId: b.id,
        floor,
        roomFrom: floor * 100 + 1,
        roomTo: floor * 100 + 50,
        bedsPerRoom: 2,
        roomClass: config.roomClasses[0],
        bedKind: 'general',
      });
    }
  }
  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  const timings: number[] = [];
  const renders: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    await shell.menu(i % 2 === 0 ? '在住' : '待评估').click();
    const start = Date.now();
    await shell.menu('房态图').click();
    await expect(page.locator('[data-bed-id]')).toHaveCount(1000);
    timings.push(Date.now() - start);
    renders.push(Number(await page.getByTestId('bed-board').getAttribute('data-render-ms')));
  }
  // Hovering must not re-render the grid (the render stamp stays the same).
  const stamp = await page.getByTestId('bed-board').getAttribute('data-render-ms');
  await page.locator('[data-bed-label="301-1"]').first().hover();
  await expect(page.getByTestId('bed-hover')).toBeVisible();
  await page.locator('[data-bed-label="302-2"]').first().hover();
  expect(await page.getByTestId('bed-board').getAttribute('data-render-ms')).toBe(stamp);
  const summary = `bed board, 1000 beds: click→all cells ${timings.join('/')} ms; React render+commit ${renders.join('/')} ms`;
  console.log(summary);
  test.info().annotations.push({ type: 'measurement', description: summary });
  await screenshot(page, 'residents-board-1000');
  expect(Math.min(...timings)).toBeLessThan(3000);
});
