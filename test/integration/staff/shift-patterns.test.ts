import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../../support/core';
import { setUp, type Facility, type SetUp } from '../residents/support';
import { hire, hireTrained } from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

describe('12-hour shift patterns', () => {
  it('turns the three default shifts into two 12-hour ones, with a night minimum and cover past midnight', async () => {
    t = await setUp();
    const s = t;
    s.clock.set('2026-11-25T02:00:00.000Z');
    s.adminToken = await s.login(ADMIN.username, ADMIN.password);
    const [a, b] = await hireTrained(s, 2, '2026-10-01');
    const [day, middle, night] = await s.call('rota.shifts', {}, s.adminToken);
    await s.call('rota.saveShift', { id: day!.id, name: '白班', start: '08:00', end: '20:00' }, s.adminToken);
    await s.call(
      'rota.saveShift',
      { id: night!.id, name: '夜班', start: '20:00', end: '08:00', minimum: 2 },
      s.adminToken,
    );
    await s.call(
      'rota.saveShift',
      { id: middle!.id, name: middle!.name, start: middle!.start, end: middle!.end, active: false },
      s.adminToken,
    );
    const shifts = await s.call('rota.shifts', {}, s.adminToken);
    expect(shifts.filter((x) => x.active).map((x) => `${x.name} ${x.start}–${x.end} ≥${x.minimum}`)).toEqual([
      '白班 08:00–20:00 ≥0',
      '夜班 20:00–08:00 ≥2',
    ]);
    // The same start and end is refused with a field error, not saved.
    const same = await s.fail(
      'rota.saveShift',
      { id: day!.id, name: '白班', start: '08:00', end: '08:00' },
      s.adminToken,
    );
    expect(same.code).toBe('VALIDATION');

    await s.call('rota.assign', { staffId: a!, date: '2026-11-26', shiftId: night!.id }, s.adminToken);
    await s.call('rota.assign', { staffId: b!, date: '2026-11-26', shiftId: day!.id }, s.adminToken);
    const week = await s.call('rota.week', { weekOf: '2026-11-26' }, s.adminToken);
    expect(week.shifts.filter((x) => x.active)).toHaveLength(2);
    expect(week.coverage.find((c) => c.date === '2026-11-26' && c.shiftId === night!.id)).toMatchObject({
      assigned: 1,
      minimum: 2,
      short: 1,
    });

    // 03:00 on the 27th (Shanghai) is still the night shift that began on the 26th; the old 中班 is gone.
    s.clock.set('2026-11-26T19:00:00.000Z');
    s.adminToken = await s.login(ADMIN.username, ADMIN.password);
    const duty = await s.call('rota.onDuty', {}, s.adminToken);
    expect(duty.shifts.map((x) => [x.shift.name, x.date, x.staff.map((p) => p.staffId)])).toEqual([
      ['夜班', '2026-11-26', [a]],
    ]);
    // 19:00 on the 26th: the 12-hour day shift, not yet the night.
    s.clock.set('2026-11-26T11:00:00.000Z');
    s.adminToken = await s.login(ADMIN.username, ADMIN.password);
    const evening = await s.call('rota.onDuty', {}, s.adminToken);
    expect(evening.shifts.map((x) => [x.shift.name, x.date, x.staff.map((p) => p.staffId)])).toEqual([
      ['白班', '2026-11-26', [b]],
    ]);
  });
});

describe('a rota per area', () => {
  it("files each shift under the area given or the person's first area, and copies one area alone", async () => {
    t = await setUp();
    const s = t;
    s.clock.set('2026-11-25T02:00:00.000Z');
    s.adminToken = await s.login(ADMIN.username, ADMIN.password);
    const one = await hire(s, '一号楼护理员', { hiredOn: '2026-10-01', areas: ['1号楼'] });
    const two = await hire(s, '二号楼护理员', { hiredOn: '2026-10-01', areas: ['2号楼', '1号楼'] });
    await s.call(
      'training.record',
      { kind: 'preJob', on: '2026-10-01', hours: 40, topic: '岗前培训', staffIds: [one.id, two.id] },
      s.adminToken,
    );
    const [day] = await s.call('rota.shifts', {}, s.adminToken);
    await s.call('rota.assign', { staffId: one.id, date: '2026-11-24', shiftId: day!.id }, s.adminToken);
    await s.call('rota.assign', { staffId: two.id, date: '2026-11-24', shiftId: day!.id }, s.adminToken);
    // Lent to 1号楼 for a day.
    await s.call(
      'rota.assign',
      { staffId: two.id, date: '2026-11-25', shiftId: day!.id, area: '1号楼' },
      s.adminToken,
    );
    const first = await s.call('rota.week', { weekOf: '2026-11-24', area: '1号楼' }, s.adminToken);
    expect(first.area).toBe('1号楼');
    expect(first.assignments.map((a) => [a.staffName, a.date])).toEqual([
      ['一号楼护理员', '2026-11-24'],
      ['二号楼护理员', '2026-11-25'],
    ]);
    const second = await s.call('rota.week', { weekOf: '2026-11-24', area: '2号楼' }, s.adminToken);
    expect(second.assignments.map((a) => [a.staffName, a.date])).toEqual([['二号楼护理员', '2026-11-24']]);

    // Copying 2号楼 into the next week (Tuesday to Tuesday) leaves 1号楼's shifts behind.
    expect(await s.call('rota.copyLastWeek', { weekOf: '2026-11-30', area: '2号楼' }, s.adminToken)).toEqual({
      copied: 1,
      skipped: 0,
    });
    const next = await s.call('rota.week', { weekOf: '2026-11-30' }, s.adminToken);
    expect(next.assignments.map((a) => [a.staffName, a.date, a.area])).toEqual([
      ['二号楼护理员', '2026-12-01', '2号楼'],
    ]);
  });
});
