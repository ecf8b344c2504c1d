import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src-main/shared/contract';
import { ADMIN, addUser } from '../../support/core';
import {
  abilityInput,
  admit,
  createResident,
  idNumber,
  recordAbility,
  risksInput,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

describe('residents.create', () => {
  it('derives birth date and sex from the 身份证号 and starts on the waiting list', async () => {
    t = await setUp();
    const id = idNumber(2, '1938-02-14', '320104');
    const r = await t.call('residents.create', { name: '张桂兰', idNumber: id.toLowerCase() }, t.adminToken);
    expect(r).toMatchObject({
      name: '张桂兰',
      idType: 'resident',
      birthDate: '1938-02-14',
      sex: 'female',
      age: 88,
      status: 'waiting',
      pinyinInitials: 'zgl',
      idNumberMasked: `320104********${id.slice(14)}`,
      appliedOn: TODAY,
      supportType: 'social',
    });
    expect(r.id).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain(id);
    expect(r.availableActions).toEqual(expect.arrayContaining(['reserve', 'admit', 'archive']));
  });

  it.each([
    ['a wrong check digit', (v: string) => v.slice(0, 17) + (v[17] === '0' ? '1' : '0'), '校验位不正确'],
    ['a birth date that does not exist', () => '110101194002300015', '不存在'],
    ['a birth date in the future', () => idNumber(3, '2027-01-01').slice(0, 17) + 'X', '晚于今天'],
    ['the wrong length', () => '11010119400512001', '应为18位'],
  ])('refuses %s at path idNumber with the reason', async (_what, mutate, reason) => {
    t = await setUp();
    const error = await t.fail(
      'residents.create',
      { name: '李四', idNumber: mutate(idNumber(5)) },
      t.adminToken,
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fieldErrors?.[0]?.path).toBe('idNumber');
    expect(error.details?.fieldErrors?.[0]?.message).toContain(reason);
    expect(error.message).toContain(reason);
    expect((await t.call('residents.list', {}, t.adminToken)).total).toBe(0);
  });

  it('accepts other documents with an explicit type, birth date and sex', async () => {
    t = await setUp();
    const r = await t.call(
      'residents.create',
      {
        name: '陈美玲',
        idType: 'hkMacauPermit',
        idNumber: 'H12345678',
        birthDate: '1945-03-03',
        sex: 'female',
      },
      t.adminToken,
    );
    expect(r).toMatchObject({
      idType: 'hkMacauPermit',
      birthDate: '1945-03-03',
      sex: 'female',
      idNumberMasked: 'H1*****78',
    });
    const bad = await t.fail(
      'residents.create',
      { name: 'X', idType: 'passport', idNumber: '护照', birthDate: '1950-01-01' },
      t.adminToken,
    );
    expect(bad.details?.fieldErrors?.[0]?.path).toBe('idNumber');
  });

  it('refuses a second archive for the same person and names the existing one', async () => {
    t = await setUp();
    const id = idNumber(7);
    await t.call('residents.create', { name: '王德明', idNumber: id }, t.adminToken);
    const error = await t.fail('residents.create', { name: '王德明', idNumber: id }, t.adminToken);
    expect(error.code).toBe('CONFLICT');
    expect(error.details?.fieldErrors?.[0]).toMatchObject({ path: 'idNumber' });
    expect(error.message).toContain('王德明');
  });

  it('refuses an application date in the future', async () => {
    t = await setUp();
    const error = await t.fail(
      'residents.create',
      { name: '赵六', idNumber: idNumber(9), appliedOn: '2026-12-01' },
      t.adminToken,
    );
    expect(error.details?.fieldErrors?.[0]?.path).toBe('appliedOn');
  });
});

describe('residents.update', () => {
  it('changes only the fields sent', async () => {
    t = await setUp();
    const r = await createResident(t, '刘福生', {
      supportType: 'extremePoverty',
      diagnoses: ['高血压'],
      contacts: [{ name: '刘建军', relation: '侄子', phones: ['13800000000'] }],
    });
    const after = await t.call(
      'residents.update',
      { id: r.id, phone: '13911112222', name: '刘福升' },
      t.adminToken,
    );
    expect(after).toMatchObject({
      phone: '13911112222',
      name: '刘福升',
      pinyinInitials: 'lfs',
      supportType: 'extremePoverty',
      diagnoses: ['高血压'],
      idType: 'resident',
    });
    expect(after.contacts).toHaveLength(1);
    const bad = await t.fail('residents.update', { id: r.id, idNumber: '110101194005120000' }, t.adminToken);
    expect(bad.details?.fieldErrors?.[0]?.path).toBe('idNumber');
  });
});

describe('privacy', () => {
  it('masks 身份证号 in lists; only residents.viewIdNumber reveals it, and each reveal is audited', async () => {
    t = await setUp();
    const id = idNumber(11, '1939-09-09', '370102');
    const r = await t.call('residents.create', { name: '孙秀英', idNumber: id }, t.adminToken);
    const caregiver = await addUser(t, 'cg', ['caregiver']);
    const frontDesk = await addUser(t, 'fd', ['frontDesk']);

    const list = await t.call('residents.list', {}, caregiver);
    expect(list.rows[0]!.idNumberMasked).toBe(`370102********${id.slice(14)}`);
    expect(JSON.stringify(list)).not.toContain(id);
    expect(JSON.stringify(await t.call('residents.get', { id: r.id }, caregiver))).not.toContain(id);

    const forbidden = await t.fail('residents.revealIdNumber', { id: r.id }, caregiver);
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(await t.call('residents.revealIdNumber', { id: r.id }, frontDesk)).toEqual({ idNumber: id });

    const audit = await t.call('audit.list', { module: 'residents', limit: 100 }, t.adminToken);
    const reveals = audit.rows.filter((row) => row.procedure === 'residents.revealIdNumber');
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({ username: 'fd', entity: 'resident', entityId: String(r.id) });
    // The permanent log must never hold the full number, or purging an archive could not erase it.
    expect(JSON.stringify(t.core.sql.db.prepare('SELECT * FROM audit_log').all())).not.toContain(id);
  });

  it('keeps nothing in the audit log that identifies a purged person', async () => {
    t = await setUp();
    const secrets = {
      name: '钱某某',
      phone: '13912345678',
      newPhone: '13912349999',
      diagnosis: '阿尔茨海默病',
      guardian: '钱小明',
      guardianPhone: '13800001111',
      insurance: 'YB-88001234',
    };
    const r = await t.call(
      'residents.create',
      {
        name: secrets.name,
        idNumber: idNumber(21, '1938-03-04'),
        phone: secrets.phone,
        insuranceNumber: secrets.insurance,
        diagnoses: [secrets.diagnosis],
        contacts: [
          { name: secrets.guardian, relation: '儿子', phones: [secrets.guardianPhone], isGuardian: true },
        ],
      },
      t.adminToken,
    );
    const all = { id: r.id };
    await t.call(
      'residents.update',
      { ...all, phone: secrets.newPhone, notes: `${secrets.diagnosis}早期` },
      t.adminToken,
    );
    await t.call('residents.revealIdNumber', all, t.adminToken);
    await t.call(
      'admissions.saveDraft',
      { residentId: r.id, residentName: secrets.name, step: 1, data: { phone: secrets.phone } },
      t.adminToken,
    );
    await t.call(
      'assessments.recordRisks',
      {
        ...risksInput(r.id, TODAY, [t.adminId]),
        guardianInformed: { name: secrets.guardian, relation: '儿子', informedOn: TODAY },
      },
      t.adminToken,
    );
    await t.call(
      'assessments.recordAbility',
      {
        ...abilityInput(r.id, TODAY, 60, [t.adminId]),
        note: `${secrets.diagnosis}，由${secrets.guardian}陪同`,
      },
      t.adminToken,
    );
    await t.call(
      'residents.addAttachment',
      { residentId: r.id, kind: 'idCopy', fileName: `${secrets.name}身份证.jpg`, base64: 'AAAA' },
      t.adminToken,
    );
    await t.call(
      'residents.admit',
      {
        ...all,
        bedId: t.beds.get('301-1')!,
        admittedOn: TODAY,
        contract: { number: 'HT-1', startOn: TODAY },
      },
      t.adminToken,
    );
    await t.call(
      'incidents.record',
      { residentId: r.id, kind: 'fall', occurredOn: TODAY, note: `${secrets.name}夜间跌倒` },
      t.adminToken,
    );
    await t.call('assessments.flag', { residentId: r.id, reason: `${secrets.diagnosis}加重` }, t.adminToken);
    await t.call(
      'residents.setCareGrade',
      { ...all, grade: '一级', reason: `${secrets.diagnosis}加重` },
      t.adminToken,
    );
    await t.call('residents.export', { search: secrets.name }, t.adminToken);
    await t.call(
      'residents.discharge',
      { ...all, dischargedOn: TODAY, reason: 'transfer', destination: `${secrets.guardian}家` },
      t.adminToken,
    );
    await t.call('residents.archive', all, t.adminToken);
    t.clock.set('2032-01-01T02:00:00Z');
    const admin = await t.login(ADMIN.username, ADMIN.password);
    await t.call('residents.purge', { ...all, confirmName: secrets.name }, admin);

    const audit = t.core.sql.db.prepare('SELECT * FROM audit_log').all() as Array<Record<string, unknown>>;
    expect(audit.filter((row) => row.entity_id === String(r.id)).length).toBeGreaterThan(8);
    const text = JSON.stringify(audit);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    expect(text).not.toContain('1938-03-04');
    // What the log does keep: the masked name and which fields an edit touched.
    const update = audit.find((row) => row.procedure === 'residents.update')!;
    expect(JSON.parse(update.after_json as string)).toMatchObject({
      name: '钱＊',
      changedFields: ['phone', 'notes'],
    });
    expect(t.core.services.auditLog.verify()).toMatchObject({ intact: true });
  });

  it('lets a caregiver read but not discharge, write or export', async () => {
    t = await setUp();
    const r = await createResident(t, '周玉兰');
    await admit(t, r.id, '301-1');
    const caregiver = await addUser(t, 'cg', ['caregiver']);
    expect((await t.call('residents.get', { id: r.id }, caregiver)).status).toBe('admitted');
    const error = await t.fail(
      'residents.discharge',
      { id: r.id, dischargedOn: TODAY, reason: 'voluntary' },
      caregiver,
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('办理退住');
    expect(
      (await t.fail('residents.startLeave', { id: r.id, kind: 'outing', startOn: TODAY }, caregiver)).code,
    ).toBe('FORBIDDEN');
    expect((await t.fail('residents.export', {}, caregiver)).code).toBe('FORBIDDEN');
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).status).toBe('admitted');
  });

  it('gives the head nurse discharge, and a nurse assessments but not admissions', async () => {
    t = await setUp();
    const r = await createResident(t, '吴国华');
    await admit(t, r.id, '301-1');
    const nurse = await addUser(t, 'nurse1', ['nurse']);
    const head = await addUser(t, 'head1', ['headNurse']);
    const nurseMe = await t.call('auth.me', {}, nurse);
    await t.call('incidents.record', { residentId: r.id, kind: 'fall', occurredOn: TODAY }, t.adminToken);
    await t.call('assessments.recordAbility', abilityInput(r.id, TODAY, 60, [nurseMe.user.id]), nurse);
    expect(
      (await t.fail('residents.admit', { id: r.id, bedId: t.beds.get('301-2')!, admittedOn: TODAY }, nurse))
        .code,
    ).toBe('FORBIDDEN');
    const d = await t.call(
      'residents.discharge',
      { id: r.id, dischargedOn: TODAY, reason: 'voluntary' },
      head,
    );
    expect(d.status).toBe('discharged');
  });
});

describe('residents.list', () => {
  it('finds by name, 拼音首字母, full pinyin and bed label, and filters by status and category', async () => {
    t = await setUp();
    const a = await createResident(t, '张桂兰');
    await createResident(t, '张德福');
    const c = await createResident(t, '李秀英');
    await admit(t, a.id, '302-1', TODAY, 90); // 能力完好 → 自理
    await admit(t, c.id, '301-2', TODAY, 40); // 重度失能 → 失能
    const names = async (input: InputOf<'residents.list'>) =>
      (await t!.call('residents.list', input, t!.adminToken)).rows.map((r) => r.name);

    expect(await names({ search: '张' })).toEqual(['张桂兰', '张德福']);
    expect(await names({ search: 'zgl' })).toEqual(['张桂兰']);
    expect(await names({ search: 'ZD' })).toEqual(['张德福']);
    expect(await names({ search: 'lixiu' })).toEqual(['李秀英']);
    expect(await names({ search: '302' })).toEqual(['张桂兰']);
    expect(await names({ search: '301-2' })).toEqual(['李秀英']);
    expect(await names({ search: '%' })).toEqual([]);
    expect(await names({ statuses: ['waiting'] })).toEqual(['张德福']);
    expect(await names({ careCategory: 'dependent' })).toEqual(['李秀英']);
    expect(await names({ careCategory: 'selfCare' })).toEqual(['张桂兰']);
    expect(await names({ buildingId: t.buildingId })).toEqual(['李秀英', '张桂兰']);
  });

  it('sorts residents by bed, then the waiting list by priority, and pages', async () => {
    t = await setUp();
    const inRoom302 = await createResident(t, '甲');
    const inRoom301 = await createResident(t, '乙');
    const social = await createResident(t, '丙', { appliedOn: '2025-01-01' });
    const poor = await createResident(t, '丁', { supportType: 'extremePoverty', appliedOn: '2026-06-01' });
    const dependent = await createResident(t, '戊', { appliedOn: '2026-03-01' });
    await recordAbility(t, dependent.id, TODAY, 20);
    await admit(t, inRoom302.id, '302-1');
    await admit(t, inRoom301.id, '301-2');

    const all = await t.call('residents.list', {}, t.adminToken);
    expect(all.rows.map((r) => r.name)).toEqual(['乙', '甲', '丁', '戊', '丙']);
    expect(all.total).toBe(5);
    expect(all.rows[0]!.bed).toEqual({ id: t.beds.get('301-2'), label: '301-2', buildingName: '1号楼' });
    const page = await t.call('residents.list', { offset: 2, limit: 2 }, t.adminToken);
    expect(page.rows.map((r) => r.name)).toEqual(['丁', '戊']);
    expect(page.total).toBe(5);
    expect((await t.call('residents.waitingList', {}, t.adminToken)).map((r) => r.id)).toEqual([
      poor.id,
      dependent.id,
      social.id,
    ]);

    // The order is configuration: applied-first puts the 2025 application at the top.
    await t.call('residents.updateConfig', { waitingPriorityRules: [{ kind: 'appliedOn' }] }, t.adminToken);
    expect((await t.call('residents.waitingList', {}, t.adminToken)).map((r) => r.name)).toEqual([
      '丙',
      '戊',
      '丁',
    ]);
  });
});
