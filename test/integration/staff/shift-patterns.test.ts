import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../../support/core';
import { setUp, type Facility, type SetUp } from '../residents/support';
import { hireTrained } from './support';

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
