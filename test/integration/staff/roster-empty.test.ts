import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../support/core';
import { admit, createResident, setUp, type Facility, type SetUp } from '../residents/support';
import { hire } from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

function at(s: SetUp, date: string) {
  s.clock.set(`${date}T02:00:00.000Z`);
}

describe('a home that keeps no roster yet', () => {
  it('says the roster is missing instead of asking for a reason on every admission', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-01');
    for (const [i, bed] of ['301-1', '301-2', '302-1', '302-2'].entries()) {
      const r = await createResident(s, `老人${i + 1}`);
      await admit(s, r.id, bed, '2026-11-01', 40);
    }
    // A cook is on the roll, but cooks are not counted: still no caregiver on the books.
    await hire(s, '厨师', { roles: ['cook'], hiredOn: '2026-10-01' });

    const desk = await addUser(s, 'desk', ['frontDesk']);
    // The fields keep their meaning (4 失能 → ⌈4/3⌉ = 2 required, none available) …
    const ratio = await s.call('staffing.ratio', {}, desk);
    expect(ratio).toEqual({
      on: '2026-11-01',
      rounding: 'total',
      perCaregiver: { dependent: 3, partlyDependent: 6, selfCare: 10 },
      residents: { dependent: 4, partlyDependent: 0, selfCare: 0, uncategorised: 0 },
      required: 2,
      available: 0,
      compliant: false,
      shortfall: 2,
      // … and one more says why they mean nothing yet.
      rosterEmpty: true,
    });
    const whatIf = await s.call('staffing.whatIf', { admit: { dependent: 1 } }, desk);
    expect(whatIf.before).toEqual(ratio);
    expect(whatIf.after).toMatchObject({ required: 2, available: 0, shortfall: 2, rosterEmpty: true });
    const kpis = await s.call('staffing.kpis', {}, s.adminToken);
    expect(kpis.ratio.rosterEmpty).toBe(true);

    const alerts = await s.call('alerts.list', {}, s.adminToken);
    const missing = alerts.filter((a) => a.kind === 'staffing.ratioBreached');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.title).toBe('尚未登记护理员，无法核算配比：请先登记人员名册');
    expect(missing[0]!.title).not.toContain('缺');
    expect(missing[0]!.link).toBe('/staff/roster');

    // The first caregiver on the books turns it into an ordinary ratio, from the hire date on.
    at(s, '2026-11-03');
    await hire(s, '王护理', { hiredOn: '2026-11-02' });
    const now = await s.call('staffing.ratio', {}, s.adminToken);
    expect(now).toEqual({ ...ratio, on: '2026-11-03', available: 1, shortfall: 1, rosterEmpty: undefined });
    expect('rosterEmpty' in now).toBe(false);
    expect((await s.call('staffing.ratio', { on: '2026-11-01' }, s.adminToken)).rosterEmpty).toBe(true);
    const history = await s.call('staffing.history', { from: '2026-11-01', to: '2026-11-03' }, s.adminToken);
    expect(history.map((d) => d.rosterEmpty ?? false)).toEqual([true, false, false]);
    const breach = (await s.call('alerts.list', {}, s.adminToken)).find(
      (a) => a.kind === 'staffing.ratioBreached',
    );
    expect(breach?.title).toBe('护理员配比不达标，缺 1 人');
  });

  it('keeps a roster whose caregivers have all left: that is a breach, not a missing roster', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-01');
    const r = await createResident(s, '老人');
    await admit(s, r.id, '301-1', '2026-11-01', 90);
    const gone = await hire(s, '李护理', { hiredOn: '2026-10-01' });
    await s.call('staff.end', { staffId: gone.id, on: '2026-11-01', reason: '个人原因' }, s.adminToken);
    const ratio = await s.call('staffing.ratio', {}, s.adminToken);
    expect(ratio).toMatchObject({ required: 1, available: 0, compliant: false, shortfall: 1 });
    expect(ratio.rosterEmpty).toBeUndefined();
    // Sending the only caregiver away in a what-if is a shortfall too, not an unkept roster.
    const keep = await hire(s, '赵护理', { hiredOn: '2026-10-01' });
    const whatIf = await s.call('staffing.whatIf', { staffAway: [keep.id] }, s.adminToken);
    expect(whatIf.before.rosterEmpty).toBeUndefined();
    expect(whatIf.after).toMatchObject({ available: 0, shortfall: 1 });
    expect(whatIf.after.rosterEmpty).toBeUndefined();
  });
});
