import { afterEach, describe, expect, it } from 'vitest';
import { makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
let u: (TestCore & { adminToken: string }) | undefined;
afterEach(() => {
  t?.close();
  u?.close();
});

describe('staff roster in Excel', () => {
  it('exports the roster and reads it back into another installation', async () => {
    t = await makeSetUpCore();
    const s = t;
    await s.call(
      'staff.create',
      {
        name: '王桂英',
        roles: ['caregiver'],
        employment: 'partTime',
        fte: 0.5,
        hiredOn: '2025-03-01',
        phone: '13900000001',
        areas: ['1号楼'],
      },
      s.adminToken,
    );
    await s.call(
      'staff.create',
      { name: '邓医生', roles: ['doctor', 'manager'], employment: 'fullTime', hiredOn: '2024-01-01' },
      s.adminToken,
    );
    const file = await s.call('staff.export', {}, s.adminToken);
    expect(file.fileName).toMatch(/^人员花名册-\d{4}-\d{2}-\d{2}\.xlsx$/);

    u = await makeSetUpCore();
    expect(await u.call('staff.import', { base64: file.base64 }, u.adminToken)).toEqual({ created: 2 });
    const list = await u.call('staff.list', {}, u.adminToken);
    expect(list.map((m) => [m.name, m.roles, m.employment, m.fte, m.hiredOn, m.phone, m.areas])).toEqual([
      ['邓医生', ['doctor', 'manager'], 'fullTime', 1, '2024-01-01', '', []],
      ['王桂英', ['caregiver'], 'partTime', 0.5, '2025-03-01', '13900000001', ['1号楼']],
    ]);
    const bad = await u.fail(
      'staff.import',
      { base64: Buffer.from('not a workbook').toString('base64') },
      u.adminToken,
    );
    expect(bad.code).toBe('VALIDATION');
  });

  it('lists the certificates of staff on the roll for the 持证情况表', async () => {
    t = await makeSetUpCore();
    const s = t;
    const a = await s.call(
      'staff.create',
      { name: '甲', roles: ['caregiver'], employment: 'fullTime', hiredOn: '2025-01-01' },
      s.adminToken,
    );
    await s.call(
      'staff.addCertificate',
      {
        staffId: a.id,
        kind: 'caregiverSkill',
        number: 'C-1',
        level: 5,
        issuedOn: '2025-01-01',
        expiresOn: '2026-12-01',
      },
      s.adminToken,
    );
    // The fake clock's today is 2026-11-25: six days before expiry is "expiring".
    expect(await s.call('staff.certificates', {}, s.adminToken)).toMatchObject([
      { staffName: '甲', kind: 'caregiverSkill', status: 'expiring', roles: ['caregiver'] },
    ]);
    const missingLevel = await s.fail(
      'staff.addCertificate',
      { staffId: a.id, kind: 'caregiverSkill', number: 'C-2', issuedOn: '2025-01-01' },
      s.adminToken,
    );
    expect(missingLevel.code).toBe('VALIDATION');
  });
});
