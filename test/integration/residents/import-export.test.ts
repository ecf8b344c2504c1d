import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../support/core';
import { addDays, admit, createResident, idNumber, setUp, TODAY, type Facility, type SetUp } from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

async function load(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** Fills the downloaded template the way a front desk would, one object per row keyed by column header. */
async function filledTemplate(s: SetUp, rows: Array<Record<string, string | number>>): Promise<string> {
  const wb = await load((await s.call('residents.importTemplate', {}, s.adminToken)).base64);
  const sheet = wb.worksheets[0]!;
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(String(cell.value).replace('*', ''), col));
  rows.forEach((values, i) => {
    for (const [header, value] of Object.entries(values)) {
      const col = headers.get(header);
      if (col === undefined) throw new Error(`no column ${header}`);
      sheet.getRow(i + 2).getCell(col).value = value;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const good1 = {
  姓名: '张桂兰',
  证件号码: idNumber(2, '1938-02-14'),
  供养类型: '特困',
  疾病诊断: '高血压、2型糖尿病',
  联系人姓名: '张建军',
  联系人关系: '侄子',
  联系人电话: '13800001111',
  联系人是否监护人: '是',
};
const bad = { 姓名: '李德胜', 证件号码: idNumber(3).slice(0, 17) + (idNumber(3).endsWith('0') ? '1' : '0') };
const good2 = { 姓名: '王秀英', 证件号码: idNumber(4, '1941-07-01'), 申请日期: '2026/3/5', 性别: '女' };

describe('Excel import', () => {
  it('offers a template with the columns, drop-downs and instructions', async () => {
    t = await setUp();
    const file = await t.call('residents.importTemplate', {}, t.adminToken);
    expect(file.fileName).toMatch(/\.xlsx$/);
    const wb = await load(file.base64);
    const headers: string[] = [];
    wb.worksheets[0]!.getRow(1).eachCell((c) => headers.push(String(c.value)));
    expect(headers.slice(0, 3)).toEqual(['姓名*', '证件类型', '证件号码*']);
    expect(headers).toEqual(expect.arrayContaining(['楼栋', '床位号', '入住日期', '联系人电话']));
    expect(wb.worksheets[0]!.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
    expect(wb.getWorksheet('填写说明')).toBeDefined();
  });

  it('checks every row and reports row, column and reason without importing anything', async () => {
    t = await setUp();
    const base64 = await filledTemplate(t, [good1, bad, good2, { 姓名: '缺号码' }]);
    const report = await t.call('residents.importCheck', { base64 }, t.adminToken);
    expect(report.totalRows).toBe(4);
    expect(report.validRows).toBe(2);
    expect(report.problems).toEqual([
      { row: 3, column: '证件号码', reason: expect.stringContaining('校验位不正确') },
      { row: 5, column: '证件号码', reason: expect.stringContaining('必填') },
    ]);
    expect((await t.call('residents.list', {}, t.adminToken)).total).toBe(0);
  });

  it('imports nothing in allOrNothing mode when one row is bad', async () => {
    t = await setUp();
    const base64 = await filledTemplate(t, [good1, bad, good2]);
    const result = await t.call('residents.importCommit', { base64, mode: 'allOrNothing' }, t.adminToken);
    expect(result).toMatchObject({ imported: 0, totalRows: 3, validRows: 2, rejectedRowsFile: null });
    expect(result.problems).toHaveLength(1);
    expect((await t.call('residents.list', {}, t.adminToken)).total).toBe(0);
  });

  it('imports the valid rows in validOnly mode and hands back the rejected rows to fix', async () => {
    t = await setUp();
    const base64 = await filledTemplate(t, [good1, bad, good2]);
    const result = await t.call('residents.importCommit', { base64, mode: 'validOnly' }, t.adminToken);
    expect(result).toMatchObject({ imported: 2, totalRows: 3, validRows: 2 });
    const list = await t.call('residents.list', {}, t.adminToken);
    expect(list.rows.map((r) => r.name).sort()).toEqual(['张桂兰', '王秀英'].sort());
    const zhang = await t.call(
      'residents.get',
      { id: list.rows.find((r) => r.name === '张桂兰')!.id },
      t.adminToken,
    );
    expect(zhang).toMatchObject({
      supportType: 'extremePoverty',
      diagnoses: ['高血压', '2型糖尿病'],
      contacts: [{ name: '张建军', relation: '侄子', phones: ['13800001111'], isGuardian: true }],
      status: 'waiting',
    });
    expect(list.rows.find((r) => r.name === '王秀英')!.appliedOn).toBe('2026-03-05');
    expect((await t.call('residents.history', { id: zhang.id }, t.adminToken))[0]).toMatchObject({
      action: 'import',
    });

    const rejected = await load(result.rejectedRowsFile!.base64);
    const sheet = rejected.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('李德胜');
    const lastCol = sheet.getRow(1).cellCount;
    expect(String(sheet.getRow(1).getCell(lastCol).value)).toContain('问题说明');
    expect(String(sheet.getRow(2).getCell(lastCol).value)).toContain('原第3行「证件号码」');
    expect(sheet.getRow(3).cellCount).toBe(0);

    // Fixed in the returned file, it imports.
    sheet.getRow(2).getCell(3).value = idNumber(3);
    const fixed = Buffer.from(await rejected.xlsx.writeBuffer()).toString('base64');
    expect(
      await t.call('residents.importCommit', { base64: fixed, mode: 'allOrNothing' }, t.adminToken),
    ).toMatchObject({ imported: 1, problems: [] });
    // The same file twice would duplicate people: refused row by row.
    const again = await t.call('residents.importCheck', { base64: fixed }, t.adminToken);
    expect(again.problems[0]).toMatchObject({
      row: 2,
      column: '证件号码',
      reason: expect.stringContaining('已有档案'),
    });
    const audit = await t.call('audit.list', { module: 'residents', limit: 50 }, t.adminToken);
    expect(
      audit.rows.filter((r) => r.procedure === 'residents.importCommit' && r.entity === 'resident'),
    ).toHaveLength(3);
  });

  it('places residents who already live here in their beds and checks the beds', async () => {
    t = await setUp();
    const existing = await createResident(t, '已在住');
    await admit(t, existing.id, '301-1');
    const base64 = await filledTemplate(t, [
      { ...good1, 楼栋: '1号楼', 床位号: '302-1', 入住日期: '2024-05-01' },
      { ...good2, 楼栋: '1号楼', 床位号: '302-1', 入住日期: '2024-05-02' },
      { 姓名: '床位被占', 证件号码: idNumber(6), 楼栋: '1号楼', 床位号: '301-1', 入住日期: '2024-05-02' },
      { 姓名: '楼栋不对', 证件号码: idNumber(8), 楼栋: '9号楼', 床位号: '101-1', 入住日期: '2024-05-02' },
      { 姓名: '缺日期', 证件号码: idNumber(10), 楼栋: '1号楼', 床位号: '303-1' },
      { 姓名: '号码变数字', 证件号码: Number('110101194005120011'), 性别: '男' },
    ]);
    const report = await t.call('residents.importCheck', { base64 }, t.adminToken);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '床位号'],
      [4, '床位号'],
      [5, '楼栋'],
      [6, '入住日期'],
      [7, '证件号码'],
    ]);
    expect(report.problems[0]!.reason).toContain('第 2 行');
    expect(report.problems[1]!.reason).toContain('已在住');
    expect(report.problems[4]!.reason).toContain('文本');
    const result = await t.call('residents.importCommit', { base64, mode: 'validOnly' }, t.adminToken);
    expect(result.imported).toBe(1);
    const zhang = (await t.call('residents.list', { search: 'zgl' }, t.adminToken)).rows[0]!;
    expect(zhang).toMatchObject({
      status: 'admitted',
      admittedOn: '2024-05-01',
      bed: { label: '302-1' },
      careCategory: null,
    });
    // In residence since 2024 with no category yet: counted as unassessed on dates since then.
    expect(await t.call('residents.careHistory', { residentId: zhang.id }, t.adminToken)).toEqual([
      { category: null, grade: null, from: '2024-05-01', to: null },
    ]);
    expect(t.core.services.residents.careHistory.categoryCountsOn('2025-01-01').unassessed).toBe(1);
    expect((await t.call('assessments.due', {}, t.adminToken)).map((d) => [d.name, d.why])).toContainEqual([
      '张桂兰',
      'flagged',
    ]);
  });

  it('places only people admitted before today, flags them for assessment, and needs facilities.manage', async () => {
    t = await setUp();
    const rows: Array<Record<string, string>> = [
      { ...good1, 楼栋: '1号楼', 床位号: '302-1', 入住日期: addDays(TODAY, -1) },
      { ...good2, 楼栋: '1号楼', 床位号: '302-2', 入住日期: TODAY },
      { 姓名: '明天来', 证件号码: idNumber(6), 楼栋: '1号楼', 床位号: '303-1', 入住日期: addDays(TODAY, 2) },
      { 姓名: '轮候者', 证件号码: idNumber(8) },
    ];
    const base64 = await filledTemplate(t, rows);

    // A front desk whose role was not given bed management may still import the waiting list.
    const frontDesk = await addUser(t, 'fd', ['frontDesk']);
    const role = (await t.call('roles.list', {}, t.adminToken)).find((r) => r.key === 'frontDesk')!;
    await t.call(
      'roles.setPermissions',
      { role: 'frontDesk', permissions: role.permissions.filter((p) => p !== 'facilities.manage') },
      t.adminToken,
    );
    const asFrontDesk = await t.call('residents.importCheck', { base64 }, frontDesk);
    const permissionProblems = asFrontDesk.problems.filter((p) => p.column === '楼栋');
    expect(permissionProblems.map((p) => p.row)).toEqual([2, 3, 4]);
    expect(permissionProblems[0]!.reason).toContain('“管理楼栋、房间和床位”权限');
    expect(permissionProblems[0]!.reason).toContain('院长/管理员');
    expect(permissionProblems[0]!.reason).not.toContain('前台');
    expect(asFrontDesk.problems.some((p) => p.row === 5)).toBe(false);

    const report = await t.call('residents.importCheck', { base64 }, t.adminToken);
    expect(report.problems).toEqual([
      { row: 3, column: '入住日期', reason: expect.stringContaining(`不早于今天（${TODAY}）`) },
      { row: 4, column: '入住日期', reason: expect.stringContaining('系统启用前已经在院') },
    ]);

    const result = await t.call('residents.importCommit', { base64, mode: 'validOnly' }, t.adminToken);
    expect(result.imported).toBe(2);
    const list = await t.call('residents.list', {}, t.adminToken);
    expect(list.rows.map((r) => [r.name, r.status, r.bed?.label ?? null])).toEqual([
      ['张桂兰', 'admitted', '302-1'],
      ['轮候者', 'waiting', null],
    ]);
    const zhang = await t.call('residents.get', { id: list.rows[0]!.id }, t.adminToken);
    expect(zhang.reassessmentFlag).toContain('导入时未在系统中评估');
    expect(zhang.latestAbility).toBeNull();
    expect((await t.call('residents.history', { id: zhang.id }, t.adminToken))[0]).toMatchObject({
      action: 'import',
      on: addDays(TODAY, -1),
      toStatus: 'admitted',
      detail: expect.stringMatching(/^导入（历史入住）/),
    });
    const due = await t.call('assessments.due', {}, t.adminToken);
    expect(due).toEqual([
      expect.objectContaining({
        residentId: zhang.id,
        why: 'flagged',
        flagReason: expect.stringContaining('导入时未在系统中评估'),
      }),
    ]);
  });

  it('refuses a file that is not an xlsx with a clear message', async () => {
    t = await setUp();
    const error = await t.fail(
      'residents.importCheck',
      { base64: Buffer.from('姓名,证件号码\n张三,1').toString('base64') },
      t.adminToken,
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['名字', '号码']);
    const wrongColumns = await t.fail(
      'residents.importCheck',
      { base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') },
      t.adminToken,
    );
    expect(wrongColumns.message).toContain('「姓名」');
  });

  it('needs residents.write', async () => {
    t = await setUp();
    const finance = await addUser(t, 'fin', ['finance']);
    const base64 = await filledTemplate(t, [good1]);
    expect((await t.fail('residents.importCommit', { base64, mode: 'validOnly' }, finance)).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('Excel export', () => {
  it('exports the filtered list as a readable xlsx with masked ID numbers, and audits it', async () => {
    t = await setUp();
    const a = await createResident(t, '张桂兰', { idNumber: idNumber(12, '1938-02-14', '320104') });
    await createResident(t, '李秀英');
    await admit(t, a.id, '301-1', TODAY, 40);
    const finance = await addUser(t, 'fin', ['finance']);
    // Finance no longer exports by default (issue 9); an institution may still grant it, without full ID numbers.
    await t.call(
      'roles.setPermissions',
      { role: 'finance', permissions: ['residents.read', 'residents.export'] },
      t.adminToken,
    );
    const file = await t.call('residents.export', { statuses: ['admitted'] }, finance);
    expect(file.fileName).toBe(`老人名单-${TODAY}.xlsx`);
    const wb = await load(file.base64);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('共 1 人');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['姓名', '证件号码（已脱敏）', '床位', '护理类别']));
    const row = sheet.getRow(3).values as unknown[];
    expect(row).toEqual(
      expect.arrayContaining([
        '张桂兰',
        '320104********' + idNumber(12, '1938-02-14', '320104').slice(14),
        '301-1',
        '失能',
        '一级',
      ]),
    );
    expect(sheet.rowCount).toBe(3);
    const cells: string[] = [];
    sheet.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join('|')).not.toContain(idNumber(12, '1938-02-14', '320104'));
    const audit = await t.call('audit.list', { module: 'residents', limit: 1 }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({
      procedure: 'residents.export',
      username: 'fin',
      entity: 'residentExport',
    });
    expect(audit.rows[0]!.after).toMatchObject({ count: 1, residentIds: [a.id] });
  });
});
