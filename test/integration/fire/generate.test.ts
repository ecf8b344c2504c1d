import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../../src-main/core/demo/people';
import { generateFire } from '../../../src-main/core/fire/generate';
import type { GenerateContext } from '../../../src-main/core/module';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('fire-safety generator', { timeout: 90_000 }, () => {
  it('writes two years of patrols, monthly checks and half-yearly drills in batches', async () => {
    t = await makeSetUpCore();
    for (const [name, role] of [
      ['hugong', 'caregiver'],
      ['xiaofang', 'fireOfficer'],
      ['huzhang', 'headNurse'],
    ] as const) {
      await addUser(t, name, [role]);
    }
    const core = t.core;
    const now = t.clock.now();
    const ctx: GenerateContext = {
      sql: core.sql as GenerateContext['sql'],
      writes: core.writes,
      clock: core.clock,
      logger: core.logger,
      auth: core.services.auth,
      institution: core.services.institution,
      settings: core.services.settings,
      modules: core.services,
      rng: createRng('fire-test'),
      beds: 100,
      years: 2,
      today: '2026-11-25',
      now,
      account: () => {},
      progress: () => {},
      async batches(batch, rows, write) {
        let chunk: unknown[] = [];
        let total = 0;
        const flush = () => {
          const rowsNow = chunk as never[];
          core.writes.run(
            { procedure: batch.procedure, now, user: null, fallbackAudit: batch.summary(rowsNow) },
            (w) => write(rowsNow, w),
          );
          total += chunk.length;
          chunk = [];
        };
        for (const row of rows) {
          chunk.push(row);
          if (chunk.length >= (batch.size ?? 5000)) flush();
        }
        if (chunk.length > 0) flush();
        return total;
      },
    };
    const started = performance.now();
    await generateFire(ctx);
    const seconds = (performance.now() - started) / 1000;
    const fire = core.services.fire;
    const summary = fire.summary({ from: '2025-01-01', to: '2025-12-31' }, now);
    // 365 days × 12 slots; about 0.4 % missed and 1 % late.
    expect(summary.patrols.slots).toBe(4380);
    expect(summary.patrols.missed).toBeGreaterThan(0);
    expect(summary.patrols.missed).toBeLessThan(60);
    expect(summary.patrols.late).toBeGreaterThan(10);
    expect(summary.inspections).toBe(12);
    expect(summary.drills.fire).toBe(2);
    expect(summary.drills.night).toBe(1);
    // Every hazard a generated patrol found was taken to closure (some closed in the next year).
    expect(summary.hazards.found).toBeGreaterThan(0);
    expect(summary.hazards.open).toBe(0);
    expect(seconds).toBeLessThan(60);
  });
});
