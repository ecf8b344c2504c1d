import { afterEach, describe, expect, it } from 'vitest';
import { makeSetUpCore, type TestCore } from '../../support/core';
import { hire, hireTrained } from './support';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('staff roster and rota changes', () => {
  it('updates, links an account once, swaps shifts and ends employment keeping the record', async () => {
    t = await makeSetUpCore();
    const s = t as never as Parameters<typeof hire>[0];
    const [a, b] = await hireTrained(s, 2, '2026-01-05');
    const me = await t.call('auth.me', {}, t.adminToken);
    const updated = await t.call(
      'staff.update',
      { id: a!, employment: 'partTime', fte: 0.6, userId: me.user.id },
      t.adminToken,
    );
    expect(updated).toMatchObject({ employment: 'partTime', fte: 0.6, userId: me.user.id });
    expect((await t.fail('staff.update', { id: b!, userId: me.user.id }, t.adminToken)).code).toBe(
      'CONFLICT',
    );
    expect((await t.call('staffing.ratio', {}, t.adminToken)).available).toBe(1.6);

    const [day, , night] = await t.call('rota.shifts', {}, t.adminToken);
    const one = await t.call(
      'rota.assign',
      { staffId: a!, date: '2026-11-26', shiftId: day!.id },
      t.adminToken,
    );
    const two = await t.call(
      'rota.assign',
      { staffId: b!, date: '2026-11-27', shiftId: night!.id },
      t.adminToken,
    );
    const swapped = await t.call(
      'rota.swap',
      { assignmentId: one.id, withAssignmentId: two.id },
      t.adminToken,
    );
    expect(swapped.map((x) => [x.date, x.staffId])).toEqual([
      ['2026-11-26', b],
      ['2026-11-27', a],
    ]);

    const ended = await t.call(
      'staff.end',
      { staffId: a!, on: '2026-11-27', reason: '合同到期' },
      t.adminToken,
    );
    expect(ended).toMatchObject({ endedOn: '2026-11-27', endReason: '合同到期', onRoll: true });
    // Shifts from the leaving date on are taken off the rota; the record stays in the list of all staff.
    const week = await t.call('rota.week', { weekOf: '2026-11-26' }, t.adminToken);
    expect(week.assignments.map((x) => x.staffId)).toEqual([b]);
    expect((await t.call('staff.list', {}, t.adminToken)).map((m) => m.id)).toContain(a);
    expect((await t.call('staff.list', { activeOn: '2026-11-27' }, t.adminToken)).map((m) => m.id)).toEqual([
      b,
    ]);
    expect(
      (await t.fail('staff.end', { staffId: a!, on: '2026-11-28', reason: '重复' }, t.adminToken)).code,
    ).toBe('CONFLICT');
    expect(
      (await t.fail('rota.assign', { staffId: a!, date: '2026-11-28', shiftId: day!.id }, t.adminToken)).code,
    ).toBe('PRECONDITION');
    const nurse = await hire(s, '护士甲', { roles: ['nurse'] });
    // Only caregivers need pre-job training before the rota takes them.
    expect(
      (await t.call('rota.assign', { staffId: nurse.id, date: '2026-11-28', shiftId: day!.id }, t.adminToken))
        .counted,
    ).toBe(false);
  });
});
