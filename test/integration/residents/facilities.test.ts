import { afterEach, describe, expect, it } from 'vitest';
import { boardBeds, type BoardBed } from '../../../src-main/shared/contract';
import type { EventEnvelope } from '../../../src-main/shared/events';
import { addUser } from '../../support/core';
import { admit, createResident, setUp, type Facility, type SetUp } from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

/** The board's beds, room and building filled in, by `1号楼 301-1`. */
async function bedsByName(s: SetUp): Promise<Map<string, BoardBed>> {
  const board = await s.call('beds.board', {}, s.adminToken);
  return new Map(boardBeds(board).map((bed) => [`${bed.buildingName} ${bed.label}`, bed]));
}

describe('buildings and bulk creation', () => {
  it('creates rooms and beds in bulk, skipping rooms that exist, and reports them', async () => {
    t = await setUp();
    const events: EventEnvelope[] = [];
    t.core.events.subscribe((e) => events.push(e));
    const result = await t.call(
      'beds.bulkCreate',
      {
        buildingId: t.buildingId,
        floor: 3,
        roomFrom: 304,
        roomTo: 308,
        bedsPerRoom: 3,
        roomClass: '三人间',
        bedKind: 'general',
      },
      t.adminToken,
    );
    expect(result).toEqual({ roomsCreated: 3, bedsCreated: 9, skippedRooms: ['304', '305'] });
    expect(events.filter((e) => e.name === 'beds.changed')).toHaveLength(1);
    const buildings = await t.call('facilities.buildings', {}, t.adminToken);
    expect(buildings).toEqual([{ id: t.buildingId, name: '1号楼', bedCount: 19 }]);
    const general = await t.call('beds.available', { kind: 'general' }, t.adminToken);
    expect(general.map((b) => b.label)).toEqual([
      '306-1',
      '306-2',
      '306-3',
      '307-1',
      '307-2',
      '307-3',
      '308-1',
      '308-2',
      '308-3',
    ]);
    expect(general[0]).toMatchObject({
      floor: 3,
      roomNumber: '306',
      roomClass: '三人间',
      buildingName: '1号楼',
      status: 'vacant',
      kind: 'general',
    });
  });

  it('validates ranges, room classes and building names in words that say what to do', async () => {
    t = await setUp();
    const base = {
      buildingId: t.buildingId,
      floor: 4,
      roomFrom: 401,
      roomTo: 402,
      bedsPerRoom: 2,
      roomClass: '双人间',
      bedKind: 'nursing' as const,
    };
    expect(
      (await t.fail('beds.bulkCreate', { ...base, roomTo: 400 }, t.adminToken)).details?.fieldErrors?.[0]
        ?.path,
    ).toBe('roomTo');
    const badClass = await t.fail('beds.bulkCreate', { ...base, roomClass: '总统套房' }, t.adminToken);
    expect(badClass.details?.fieldErrors?.[0]?.path).toBe('roomClass');
    expect(badClass.message).toContain('双人间');
    expect((await t.fail('beds.bulkCreate', { ...base, buildingId: 99 }, t.adminToken)).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await t.fail('facilities.saveBuilding', { name: '1号楼' }, t.adminToken)).details?.fieldErrors?.[0]
        ?.path,
    ).toBe('name');
    const renamed = await t.call('facilities.saveBuilding', { id: t.buildingId, name: 'A座' }, t.adminToken);
    expect(renamed).toEqual({ id: t.buildingId, name: 'A座', bedCount: 10 });
    // Room classes are data: add one, then use it.
    await t.call(
      'residents.updateConfig',
      { roomClasses: ['单人间', '双人间', '三人间', '多人间', '套间'] },
      t.adminToken,
    );
    expect((await t.call('beds.bulkCreate', { ...base, roomClass: '套间' }, t.adminToken)).bedsCreated).toBe(
      4,
    );
    const inUse = await t.fail('residents.updateConfig', { roomClasses: ['单人间'] }, t.adminToken);
    expect(inUse.details?.fieldErrors?.[0]?.path).toBe('roomClasses');
  });

  it('needs facilities.manage', async () => {
    t = await setUp();
    const nurse = await addUser(t, 'n1', ['nurse']);
    const fd = await addUser(t, 'fd1', ['frontDesk']);
    expect((await t.fail('facilities.saveBuilding', { name: '2号楼' }, nurse)).code).toBe('FORBIDDEN');
    // Since issue 9 the front desk no longer builds, bulk-creates or retires beds; the head nurse does.
    expect((await t.fail('facilities.saveBuilding', { name: '2号楼' }, fd)).code).toBe('FORBIDDEN');
    const headNurse = await addUser(t, 'hn1', ['headNurse']);
    expect((await t.call('facilities.saveBuilding', { name: '2号楼' }, headNurse)).name).toBe('2号楼');
    expect((await t.call('beds.board', {}, nurse)).counts.total).toBe(10);
  });
});

describe('retire, delete, out of service', () => {
  it('deletes a bed without history but only retires one with history', async () => {
    t = await setUp();
    await t.call('beds.delete', { id: t.beds.get('305-2')! }, t.adminToken);
    await t.call('beds.delete', { id: t.beds.get('305-1')! }, t.adminToken);
    expect((await t.call('beds.available', {}, t.adminToken)).map((b) => b.label)).not.toContain('305-1');
    // The empty room went with its last bed, so it can be created again.
    expect(
      (
        await t.call(
          'beds.bulkCreate',
          {
            buildingId: t.buildingId,
            floor: 3,
            roomFrom: 305,
            roomTo: 305,
            bedsPerRoom: 1,
            roomClass: '单人间',
            bedKind: 'nursing',
          },
          t.adminToken,
        )
      ).roomsCreated,
    ).toBe(1);

    const r = await createResident(t, '张三');
    await admit(t, r.id, '301-1');
    expect(
      (await t.fail('beds.retire', { id: t.beds.get('301-1')!, reason: '改建' }, t.adminToken)).message,
    ).toContain('张三');
    await t.call(
      'residents.transferBed',
      { id: r.id, toBedId: t.beds.get('302-1')!, on: '2026-11-25' },
      t.adminToken,
    );
    const refused = await t.fail('beds.delete', { id: t.beds.get('301-1')! }, t.adminToken);
    expect(refused.code).toBe('PRECONDITION');
    expect(refused.message).toContain('撤床');
    const retired = await t.call(
      'beds.retire',
      { id: t.beds.get('301-1')!, reason: '房间改为活动室' },
      t.adminToken,
    );
    expect(retired.status).toBe('retired');
    const board = await t.call('beds.board', {}, t.adminToken);
    expect(board.counts).toMatchObject({ retired: 1, total: 8, occupied: 1, vacant: 7, nursingBeds: 8 });
    expect((await bedsByName(t)).has('1号楼 301-1')).toBe(false);
    expect(
      (
        await t.fail(
          'residents.admit',
          { id: r.id, bedId: t.beds.get('301-1')!, admittedOn: '2026-11-25' },
          t.adminToken,
        )
      ).code,
    ).not.toBe('INTERNAL');
    expect(
      (await t.fail('beds.update', { id: t.beds.get('301-1')!, kind: 'general' }, t.adminToken)).code,
    ).toBe('PRECONDITION');
  });

  it('takes an empty bed out of service with a reason and puts it back', async () => {
    t = await setUp();
    const r = await createResident(t, '李四');
    await t.call('residents.reserve', { id: r.id, bedId: t.beds.get('303-1')! }, t.adminToken);
    expect(
      (await t.fail('beds.setOutOfService', { id: t.beds.get('303-1')!, reason: '维修' }, t.adminToken))
        .message,
    ).toContain('李四');
    const out = await t.call(
      'beds.setOutOfService',
      { id: t.beds.get('303-2')!, reason: '床垫更换' },
      t.adminToken,
    );
    expect(out).toMatchObject({ status: 'outOfService', outOfServiceReason: '床垫更换' });
    expect((await t.call('beds.available', {}, t.adminToken)).map((b) => b.label)).not.toContain('303-2');
    const refused = await t.fail(
      'residents.transferBed',
      { id: r.id, toBedId: t.beds.get('303-2')!, on: '2026-11-25' },
      t.adminToken,
    );
    expect(refused.code).toBe('PRECONDITION');
    const admitRefused = await t.fail(
      'residents.reserve',
      { id: (await createResident(t, '王五')).id, bedId: t.beds.get('303-2')! },
      t.adminToken,
    );
    expect(admitRefused.details?.fieldErrors?.[0]).toMatchObject({ path: 'bedId' });
    expect(admitRefused.message).toContain('床垫更换');
    const back = await t.call(
      'beds.setOutOfService',
      { id: t.beds.get('303-2')!, reason: null },
      t.adminToken,
    );
    expect(back).toMatchObject({ status: 'vacant', outOfServiceReason: null });
  });

  it('changes the bed kind, and the room class for the whole room', async () => {
    t = await setUp();
    const changed = await t.call(
      'beds.update',
      { id: t.beds.get('302-1')!, kind: 'general', roomClass: '单人间' },
      t.adminToken,
    );
    expect(changed).toMatchObject({ kind: 'general', roomClass: '单人间' });
    const beds = await bedsByName(t);
    expect(beds.get('1号楼 302-2')).toMatchObject({ kind: 'nursing', roomClass: '单人间' });
    expect((await t.call('beds.board', {}, t.adminToken)).counts.nursingBeds).toBe(9);
  });
});

describe('beds.board', () => {
  it('shows each bed with its status, resident, category and leave', async () => {
    t = await setUp();
    const a = await createResident(t, '在住甲');
    const b = await createResident(t, '请假乙');
    const c = await createResident(t, '预订丙');
    await admit(t, a.id, '301-1', '2026-11-20', 20);
    await admit(t, b.id, '301-2', '2026-11-20', 90);
    await t.call(
      'residents.startLeave',
      { id: b.id, kind: 'outing', startOn: '2026-11-24', expectedReturnOn: '2026-11-28' },
      t.adminToken,
    );
    await t.call('residents.reserve', { id: c.id, bedId: t.beds.get('302-1')! }, t.adminToken);
    await t.call('beds.setOutOfService', { id: t.beds.get('302-2')!, reason: '维修' }, t.adminToken);

    const board = await t.call('beds.board', { buildingId: t.buildingId }, t.adminToken);
    expect(board.buildings).toHaveLength(1);
    expect(board.buildings[0]!.floors.map((f) => f.floor)).toEqual([3]);
    expect(board.buildings[0]!.floors[0]!.rooms.map((r) => r.number)).toEqual([
      '301',
      '302',
      '303',
      '304',
      '305',
    ]);
    const beds = await bedsByName(t);
    expect(beds.get('1号楼 301-1')).toMatchObject({
      status: 'occupied',
      resident: {
        name: '在住甲',
        status: 'admitted',
        careCategory: 'dependent',
        careGrade: '一级',
        age: 86,
        sex: 'male',
        leave: null,
      },
    });
    expect(beds.get('1号楼 301-2')).toMatchObject({
      status: 'onLeave',
      resident: {
        name: '请假乙',
        careCategory: 'selfCare',
        leave: { kind: 'outing', expectedReturnOn: '2026-11-28' },
      },
    });
    expect(beds.get('1号楼 302-1')).toMatchObject({
      status: 'reserved',
      resident: { name: '预订丙', careCategory: null },
    });
    expect(beds.get('1号楼 302-2')).toMatchObject({
      status: 'outOfService',
      outOfServiceReason: '维修',
      resident: null,
    });
    expect(beds.get('1号楼 303-1')).toMatchObject({ status: 'vacant', resident: null });
    expect(board.counts).toEqual({
      vacant: 6,
      occupied: 1,
      reserved: 1,
      onLeave: 1,
      outOfService: 1,
      retired: 0,
      total: 10,
      nursingBeds: 10,
    });
  });
});
