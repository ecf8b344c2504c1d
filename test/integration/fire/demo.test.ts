import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { makeCore, type TestCore } from '../../support/core';

let t: TestCore | undefined;
afterEach(() => t?.close());

// The whole demo seed (120 beds of residents too) runs here; on a busy two-core machine it takes a while.
describe('fire-safety demo data', { timeout: 120_000 }, () => {
  it('a month of patrols with missed night slots, two open hazards (one overdue), equipment, a drill five months ago', async () => {
    t = makeCore();
    t.clock.set('2026-12-01T09:30:00+08:00');
    const started = performance.now();
    const accounts = seedDemo(t.core)!;
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    const officer = accounts.find((a) => a.username === 'fireofficer')!;
    const token = await t.login(officer.username, officer.password);
    await t.call(
      'auth.changePassword',
      { currentPassword: officer.password, newPassword: 'fire-officer-pass-1' },
      token,
    );

    const overview = await t.call('fire.overview', {}, token);
    expect(overview.hazards).toEqual({ open: 2, overdue: 1 });
    expect(overview.drills).toMatchObject({
      lastOn: '2026-07-01',
      nextDueOn: '2027-01-01',
      nightDrillThisYear: false,
    });
    expect(overview.equipment).toEqual({ expiringSoon: 1, expired: 1 });
    expect(overview.inspection).toEqual({ lastOn: '2026-11-15', dueOn: '2026-12-31' });
    // 00:00 … 08:00 walked (the 08:00 slot at 08:43), nothing open at 09:30.
    expect(overview.patrols).toEqual({ done: 5, late: 0, missed: 0, open: 0 });

    const month = await t.call(
      'fire.schedule',
      { from: '2026-11-01', to: '2026-11-30', template: 'patrol' },
      token,
    );
    const missed = month.filter((s) => s.status === 'missed');
    expect(missed.length).toBe(3);
    expect(missed.every((s) => s.night)).toBe(true);

    const summary = t.core.services.fire.summary({ from: '2026-11-01', to: '2026-11-30' }, t.clock.now());
    expect(summary.patrols).toEqual({ slots: 360, done: 357, late: 0, missed: 3 });
    expect(summary.nightPatrols).toMatchObject({ slots: 180, missed: 3 });
    expect(summary.hazards).toMatchObject({ found: 2, major: 1, closed: 0, open: 2, overdue: 1 });

    const kinds = (await t.call('alerts.list', {}, token)).map((a) => a.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'fire.patrolMissed',
        'fire.hazardOverdue',
        'fire.drillDue',
        'fire.equipmentExpiring',
        'fire.planReviewDue',
      ]),
    );
  });
});
