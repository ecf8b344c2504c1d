import { afterEach, describe, expect, it } from 'vitest';
import { addUser, ADMIN } from '../../support/core';
import {
  addDays,
  admit,
  createResident,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from '../residents/support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

describe('the workbench reads of the residents module', () => {
  it("lists today's admissions, leave starts, returns due and done, and discharges", async () => {
    t = await setUp();
    const a = await createResident(t, '张庆祥');
    await admit(t, a.id, '301-1', addDays(TODAY, -20));
    const b = await createResident(t, '李秀华');
    await admit(t, b.id, '301-2', addDays(TODAY, -20));
    const c = await createResident(t, '王桂英');
    await admit(t, c.id, '302-1', addDays(TODAY, -20));
    const d = await createResident(t, '赵新来');
    await admit(t, d.id, '302-2', TODAY);

    // 张庆祥 went to hospital two days ago and is due back today; 李秀华 left today.
    await t.call(
      'residents.startLeave',
      { id: a.id, kind: 'hospital', startOn: addDays(TODAY, -2), expectedReturnOn: TODAY },
      t.adminToken,
    );
    await t.call(
      'residents.startLeave',
      { id: b.id, kind: 'outing', startOn: TODAY, expectedReturnOn: addDays(TODAY, 3) },
      t.adminToken,
    );
    await t.call('residents.discharge', { id: c.id, dischargedOn: TODAY, reason: 'voluntary' }, t.adminToken);

    let today = await t.call('residents.today', {}, t.adminToken);
    expect(today.date).toBe(TODAY);
    expect(today.admissions.map((m) => [m.name, m.bed, m.done])).toEqual([['赵新来', '1号楼 302-2床', true]]);
    expect(today.leaveStarts.map((m) => m.name)).toEqual(['李秀华']);
    expect(today.leaveReturns).toMatchObject([{ name: '张庆祥', done: false, bed: '1号楼 301-1床' }]);
    expect(today.leaveReturns[0]!.detail).toContain('今天应返院');
    expect(today.discharges.map((m) => m.name)).toEqual(['王桂英']);

    // Once back, the same person is listed as returned, not twice.
    await t.call('residents.endLeave', { id: a.id, returnedOn: TODAY }, t.adminToken);
    today = await t.call('residents.today', {}, t.adminToken);
    expect(today.leaveReturns.map((m) => [m.name, m.done])).toEqual([['张庆祥', true]]);

    // Tomorrow the day is empty again.
    t.clock.advance(86_400_000);
    today = await t.call('residents.today', {}, await t.login(ADMIN.username, ADMIN.password));
    expect([today.admissions, today.leaveStarts, today.leaveReturns, today.discharges]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  it('gives occupancy against 70 %, the nursing-bed share and empty beds by room class', async () => {
    t = await setUp();
    const general = await t.call('facilities.saveBuilding', { name: '2号楼' }, t.adminToken);
    await t.call(
      'beds.bulkCreate',
      {
        buildingId: general.id,
        floor: 1,
        roomFrom: 101,
        roomTo: 105,
        bedsPerRoom: 1,
        roomClass: '单人间',
        bedKind: 'general',
      },
      t.adminToken,
    );
    for (const [i, label] of ['301-1', '301-2', '302-1'].entries()) {
      const r = await createResident(t, `住户${i}`);
      await admit(t, r.id, label);
    }
    const spare = (await t.call('beds.available', {}, t.adminToken)).find((b) => b.label === '305-2')!;
    await t.call('beds.setOutOfService', { id: spare.id, reason: '维修' }, t.adminToken);

    const kpis = await t.call('beds.kpis', {}, t.adminToken);
    // 15 beds, one out of service: 3 of 14 let.
    expect(kpis.occupancy).toEqual({ occupied: 3, inService: 14, percent: 21.4, target: 70 });
    expect(kpis.nursingBeds).toEqual({ nursing: 10, total: 15, percent: 66.7, target: 55 });
    expect(kpis.vacantByRoomClass).toEqual([
      { roomClass: '双人间', vacant: 6, total: 9 },
      { roomClass: '单人间', vacant: 5, total: 5 },
    ]);
  });

  it('shows the figures to the front desk, and neither the figures nor the names to a caregiver', async () => {
    t = await setUp();
    const frontDesk = await addUser(t, 'frontdesk', ['frontDesk']);
    const caregiver = await addUser(t, 'caregiver', ['caregiver']);
    const headNurse = await addUser(t, 'headnurse', ['headNurse']);
    await t.call('beds.kpis', {}, frontDesk);
    expect((await t.fail('beds.kpis', {}, caregiver)).code).toBe('FORBIDDEN');
    // Everyone who reads residents sees the day's movements.
    await t.call('residents.today', {}, caregiver);
    // The head nurse reads the audit log and filters it by user, without managing users.
    const names = await t.call('users.names', {}, headNurse);
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(['王院长', 'caregiver']));
    expect(Object.keys(names[0]!).sort()).toEqual(['id', 'name', 'username']);
    expect((await t.fail('users.list', {}, headNurse)).code).toBe('FORBIDDEN');
    expect((await t.fail('users.names', {}, caregiver)).code).toBe('FORBIDDEN');
  });
});

describe('the audit log names people and things', () => {
  it('shows users by their real names and subjects by name, also after a bed is deleted', async () => {
    t = await setUp();
    const r = await createResident(t, '张庆祥');
    await admit(t, r.id, '301-1');
    const bed = t.beds.get('305-2')!;
    await t.call('beds.retire', { id: t.beds.get('305-1')!, reason: '改作储物间' }, t.adminToken);
    await t.call('beds.delete', { id: bed }, t.adminToken);

    const { rows } = await t.call('audit.list', { limit: 200 }, t.adminToken);
    const admitted = rows.find((row) => row.procedure === 'residents.admit')!;
    expect(admitted).toMatchObject({ userName: '王院长', entity: 'resident', subjectName: '张庆祥' });
    expect(rows.find((row) => row.procedure === 'beds.retire')).toMatchObject({
      entity: 'bed',
      subjectName: '1号楼 305-1床',
    });
    // The deleted bed is gone from the tables; its row still says which bed it was.
    expect(rows.find((row) => row.procedure === 'beds.delete')!.subjectName).toContain('305-2');
    expect(rows.find((row) => row.procedure === 'assessments.recordAbility')).toMatchObject({
      entity: 'abilityAssessment',
      subjectName: '张庆祥',
    });
    expect(rows.find((row) => row.procedure === 'facilities.saveBuilding')!.subjectName).toBe('1号楼');
    expect(rows.find((row) => row.procedure === 'auth.setup' && row.entity === 'user')!.subjectName).toBe(
      '王院长',
    );
  });
});
