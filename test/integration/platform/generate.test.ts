import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { FakeClock } from '../../../src-main/core/clock';
import { silentLogger } from '../../../src-main/core/logger';
import { generateData } from '../../../src-main/core/platform/generate';

// The scale generator goes through the modules' own services, so a new business rule (say, who may
// record an assessment) can break it; a small home every run keeps it working for `npm run bench`.
describe('generated data (npm run gen:data)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('builds a small home’s history that opens, verifies and holds residents, assessments and calls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-gen-'));
    dirs.push(dir);
    const dbPath = join(dir, 'caredesk.db');
    const clock = new FakeClock(new Date('2026-12-01T04:00:00Z'));
    const accounts = await generateData({
      dbPath,
      beds: 24,
      years: 0.5,
      seed: 'test',
      clock,
      progress: () => undefined,
    });
    expect(accounts.map((a) => a.username)).toContain('admin');

    const db = new Database(dbPath, { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    try {
      expect(count('SELECT count(*) AS n FROM beds')).toBe(24);
      expect(count("SELECT count(*) AS n FROM residents WHERE status = 'admitted'")).toBeGreaterThan(10);
      expect(count('SELECT count(*) AS n FROM ability_assessments')).toBeGreaterThan(10);
      expect(count('SELECT count(*) AS n FROM nursecall_calls')).toBeGreaterThan(100);
      // Half a year of history ending 2026-12-01: 2026-06 … 2026-10 issued; November waits to be run.
      expect(count('SELECT count(*) AS n FROM billing_runs')).toBe(5);
      expect(count("SELECT count(*) AS n FROM billing_runs WHERE month = '2026-11'")).toBe(0);
      expect(count('SELECT count(*) AS n FROM billing_invoices')).toBeGreaterThan(40);
      expect(count('SELECT count(*) AS n FROM billing_payments')).toBeGreaterThan(30);
      // The rota: caregivers on five days in seven while on the roll, planned two weeks ahead.
      expect(count("SELECT count(*) AS n FROM staff_rota WHERE on_date = '2026-12-15'")).toBeGreaterThan(0);
      expect(count("SELECT count(*) AS n FROM staff_rota WHERE on_date > '2026-12-15'")).toBe(0);
      expect(
        count(`SELECT count(*) AS n FROM staff_rota r JOIN staff s ON s.id = r.staff_id
               WHERE r.on_date < s.hired_on OR (s.ended_on IS NOT NULL AND r.on_date >= s.ended_on)`),
      ).toBe(0);
      const perWeek = db
        .prepare(
          `SELECT staff_id, count(*) AS n FROM staff_rota WHERE on_date BETWEEN '2026-11-02' AND '2026-11-08'
           GROUP BY staff_id`,
        )
        .all() as Array<{ n: number }>;
      expect(perWeek.length).toBeGreaterThan(0);
      expect(perWeek.every((w) => w.n <= 5)).toBe(true);
      expect(perWeek.filter((w) => w.n === 5).length).toBeGreaterThan(perWeek.length / 2);
    } finally {
      db.close();
    }

    // The file opens in the app as it is, and its audit chain is intact.
    const core = createCore({ dbPath, clock, logger: silentLogger });
    try {
      const password = accounts.find((a) => a.username === 'admin')!.password;
      const login = await core.dispatch('auth.login', { username: 'admin', password });
      const token = login.sessionToken!;
      // Generated accounts must change their password first, like the demo's.
      await core.dispatch(
        'auth.changePassword',
        { currentPassword: password, newPassword: 'gen-admin-2026' },
        token,
      );
      const { result } = await core.dispatch('audit.verify', {}, token);
      expect(result.ok && (result.value as { intact: boolean }).intact, JSON.stringify(result)).toBe(true);

      // A generated day's administration record reads back: every resident in residence has doses,
      // nearly all given, none left as missed (orders start within the generated 90 days).
      const mar = await core.dispatch('meds.mar', { date: '2026-11-30' }, token);
      expect(mar.result.ok, JSON.stringify(mar.result)).toBe(true);
      const doses = (mar.result as { value: Array<{ status: string; residentId: number }> }).value;
      const residents = new Set(doses.map((d) => d.residentId));
      expect(residents.size).toBeGreaterThan(10);
      expect(doses.length).toBeGreaterThan(residents.size * 3);
      const given = doses.filter((d) => d.status === 'given').length;
      expect(given / doses.length).toBeGreaterThan(0.9);
      expect(doses.every((d) => ['given', 'refused', 'held'].includes(d.status))).toBe(true);

      // The rota page's week reads back with the caregivers on it.
      const week = await core.dispatch('rota.week', { weekOf: '2026-11-30' }, token);
      expect(week.result.ok, JSON.stringify(week.result)).toBe(true);
    } finally {
      core.close();
    }
  }, 120_000);
});
