import { afterEach, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../src-main/shared/id-number';
import { addUser } from '../../support/core';
import {
  admit,
  createResident,
  idNumber,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from '../residents/support';
import { sheetRows } from '../../support/sheets';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

function auditRows(s: SetUp, procedure: string) {
  return s.core.services.auditLog
    .list({ offset: 0, limit: 500 })
    .rows.filter((r) => r.procedure === procedure);
}

describe('list exports', () => {
  it('exports the waiting list in priority order, masked for users who may not see full ID numbers', async () => {
    t = await setUp();
    const full = idNumber(501, '1939-03-08');
    const first = await createResident(t, '赵桂芬', { idNumber: full, supportType: 'extremePoverty' });
    const second = await createResident(t, '钱德明');
    const finance = await addUser(t, 'caiwu', ['finance']);
    // Finance no longer exports by default (issue 9); an institution may still grant it, without full ID numbers.
    await t.call(
      'roles.setPermissions',
      { role: 'finance', permissions: ['residents.read', 'residents.export'] },
      t.adminToken,
    );

    const masked = await t.call('residents.exportWaitingList', {}, finance);
    expect(masked.fileName).toBe(`轮候名单-${TODAY}.xlsx`);
    const rows = await sheetRows(masked);
    expect(rows[0]![0]).toContain('幸福里颐养中心 轮候名单');
    expect(rows[0]![0]).toContain('证件号码已脱敏');
    expect(rows[1]).toContain('证件号码（已脱敏）');
    expect(rows.slice(2).map((r) => r[1])).toEqual(['赵桂芬', '钱德明']);
    expect(JSON.stringify(rows)).not.toContain(full);
    expect(rows[2]).toContain(maskIdNumber(full));

    const withFull = await sheetRows(await t.call('residents.exportWaitingList', {}, t.adminToken));
    expect(withFull[2]).toContain(full);

    const audits = auditRows(t, 'residents.exportWaitingList');
    expect(audits.map((a) => a.after)).toEqual([
      expect.objectContaining({ residentIds: [first.id, second.id], unmaskedIds: true }),
      expect.objectContaining({ residentIds: [first.id, second.id], unmaskedIds: false }),
    ]);
    expect(audits[1]!.username).toBe('caiwu');
  });

  it('exports 待评估 and 床位清单 with an audit row naming the residents, and refuses caregivers', async () => {
    t = await setUp();
    const admitted = await createResident(t, '孙玉兰');
    await admit(t, admitted.id, '301-1', '2025-10-01');
    const caregiver = await addUser(t, 'huli', ['caregiver']);

    const due = await sheetRows(await t.call('assessments.exportDue', {}, t.adminToken));
    expect(due[1]).toEqual(['序号', '姓名', '床位', '原因', '说明', '上次评估', '应评估日期']);
    expect(due[2]).toEqual(
      expect.arrayContaining(['孙玉兰', '1号楼 301-1', '到期复评', '2025-10-01', '2026-10-01（已逾期）']),
    );

    const beds = await sheetRows(await t.call('beds.export', {}, t.adminToken));
    expect(beds[0]![0]).toContain('共 10 张床，1 张有人');
    expect(beds).toHaveLength(12);
    expect(beds[2]).toEqual(expect.arrayContaining(['1号楼', '301-1床', '孙玉兰', '在住']));

    expect(auditRows(t, 'assessments.exportDue')[0]!.after).toMatchObject({ residentIds: [admitted.id] });
    expect(auditRows(t, 'beds.export')[0]!.after).toMatchObject({ count: 10, residentIds: [admitted.id] });

    for (const name of ['assessments.exportDue', 'beds.export', 'residents.exportWaitingList'] as const) {
      expect(await t.fail(name, {}, caregiver)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('exports the audit log with users by name, ID numbers in details masked, and audits the export', async () => {
    t = await setUp();
    // Someone types their ID number into the username box: the failed login keeps what was typed.
    const typed = idNumber(77, '1965-01-02');
    await t.fail('auth.login', { username: typed, password: 'whatever-1' });
    await t.call('roles.setPermissions', { role: 'fireOfficer', permissions: ['audit.read'] }, t.adminToken);
    const officer = await addUser(t, 'xiaofang', ['fireOfficer']);

    const masked = await sheetRows(await t.call('audit.export', {}, officer));
    expect(masked[1]).toEqual(['编号', '时间', '用户', '操作', '对象', '程序名', '变更前', '变更后']);
    expect(JSON.stringify(masked)).not.toContain(typed);
    expect(JSON.stringify(masked)).toContain(maskIdNumber(typed));
    // Actions and subjects in plain words; the procedure stays for support staff.
    const setup = masked.find((r) => r[5] === 'auth.setup' && String(r[4]).startsWith('用户'))!;
    expect(setup[2]).toBe('王院长（admin）');
    expect(setup[1]).toBe(`${TODAY} 10:00:00`);
    expect(setup[3]).toBe('登录与账号·首次设置');
    expect(setup[4]).toBe('用户 王院长');

    const full = await sheetRows(await t.call('audit.export', { module: 'auth' }, t.adminToken));
    expect(JSON.stringify(full)).toContain(typed);
    expect(full.slice(2).every((r) => String(r[5]).startsWith('auth.'))).toBe(true);

    const exports = auditRows(t, 'audit.export');
    expect(exports.map((e) => e.after)).toEqual([
      expect.objectContaining({ filter: { module: 'auth' }, unmaskedIds: true }),
      expect.objectContaining({ filter: {}, unmaskedIds: false }),
    ]);
    expect(await t.fail('audit.export', {}, await addUser(t, 'qiantai', ['frontDesk']))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
