import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { FakeClock } from '../../../src-main/core/clock';
import { silentLogger } from '../../../src-main/core/logger';
import {
  defineCoreModule,
  type CoreModule,
  type JobDef,
  type JobRunContext,
} from '../../../src-main/core/module';
import { coreModules } from '../../../src-main/core/modules';
import { defineSharedModule } from '../../../src-main/shared/module';
import { makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

const HOUR = 3_600_000;

function jobsModule(jobs: JobDef[]): CoreModule {
  return defineCoreModule({
    shared: defineSharedModule({
      name: 'testjobs',
      label: { zh: '测试', en: 'Test' },
      procedures: {},
      permissions: {},
      events: {},
    }),
    create: () => ({ handlers: {}, jobs }),
  }) as unknown as CoreModule;
}

function recorder(name: string, schedule: JobDef['schedule'], fail?: () => boolean) {
  const runs: Array<Pick<JobRunContext, 'missed'> & { slot: string }> = [];
  const job: JobDef = {
    name,
    label: name,
    schedule,
    run: async (ctx) => {
      await ctx.yield();
      runs.push({ slot: ctx.slot.toISOString(), missed: ctx.missed });
      if (fail?.()) throw new Error('打印机没纸了');
    },
  };
  return { job, runs };
}

describe('scheduler on the injected clock', () => {
  it('starts a new job at its next slot, then runs each slot once', async () => {
    // 2026-11-25T02:00Z is 10:00 in Shanghai.
    const daily = recorder('test.daily', { every: 'day', at: '02:00' });
    t = await makeSetUpCore({ modules: [...coreModules, jobsModule([daily.job])] });
    await t.core.scheduler.poke();
    expect(daily.runs).toEqual([]);
    t.clock.advance(15 * HOUR); // 01:00 next day: not yet
    await t.core.scheduler.poke();
    expect(daily.runs).toEqual([]);
    t.clock.advance(HOUR); // 02:00 local = 18:00Z
    await t.core.scheduler.poke();
    await t.core.scheduler.poke();
    expect(daily.runs).toEqual([{ slot: '2026-11-25T18:00:00.000Z', missed: 0 }]);
  });

  it('catches up once after a week of downtime, telling the job how many slots it missed', async () => {
    const daily = recorder('test.daily', { every: 'day', at: '02:00' });
    const twoHourly = recorder('test.patrol', { every: 'hours', hours: 2 });
    const modules = [...coreModules, jobsModule([daily.job, twoHourly.job])];
    t = await makeSetUpCore({ modules });
    await t.core.scheduler.poke(); // first start: both wait for their next slot
    t.clock.advance(16 * HOUR); // 02:00 local on the 26th, nobody polled in between
    await t.core.scheduler.poke();
    expect(daily.runs).toEqual([{ slot: '2026-11-25T18:00:00.000Z', missed: 0 }]);
    // 12:00, 14:00 … 02:00: eight two-hour slots passed, run once for all of them.
    expect(twoHourly.runs).toEqual([{ slot: '2026-11-25T18:00:00.000Z', missed: 7 }]);
    await t.core.close();

    // The app stays closed for a week and 30 minutes; a new process opens the same file.
    const clock = new FakeClock(new Date(t.clock.now().getTime() + 7 * 24 * HOUR + 30 * 60_000));
    const reopened = createCore({ dbPath: t.dbPath, clock, logger: silentLogger, modules });
    try {
      await reopened.scheduler.poke();
      await reopened.scheduler.poke();
      expect(daily.runs).toHaveLength(2);
      expect(daily.runs[1]).toEqual({ slot: '2026-12-02T18:00:00.000Z', missed: 6 });
      expect(twoHourly.runs).toHaveLength(2);
      expect(twoHourly.runs[1]).toEqual({ slot: '2026-12-02T18:00:00.000Z', missed: 7 * 12 - 1 });
      // 84 slots in the week: one run, told it folded in 83.
      const listed = reopened.scheduler.list().find((j) => j.name === 'test.daily')!;
      expect(listed).toMatchObject({
        lastError: null,
        nextRunAt: '2026-12-03T18:00:00.000Z',
        running: false,
      });
    } finally {
      await reopened.close();
    }
  });

  it("keeps a failing job's error for the settings page and the alerts, and runs it again at the next slot", async () => {
    let failing = true;
    const job = recorder('test.report', { every: 'hours', hours: 1 }, () => failing);
    t = await makeSetUpCore({ modules: [...coreModules, jobsModule([job.job])] });
    await t.core.scheduler.poke();
    t.clock.advance(HOUR);
    await t.core.scheduler.poke();
    const jobs = await t.call('scheduler.jobs', {}, t.adminToken);
    expect(jobs.find((j) => j.name === 'test.report')).toMatchObject({
      lastError: '打印机没纸了',
      lastOkAt: null,
    });
    const alerts = await t.call('alerts.list', { includeHidden: false }, t.adminToken);
    expect(alerts.find((a) => a.kind === 'system.jobFailed')).toMatchObject({
      subject: { type: 'job', id: 'test.report' },
    });
    failing = false;
    t.clock.advance(HOUR);
    await t.core.scheduler.poke();
    const after = (await t.call('scheduler.jobs', {}, t.adminToken)).find((j) => j.name === 'test.report')!;
    expect(after.lastError).toBeNull();
    expect(after.lastOkAt).toBe(t.clock.now().toISOString());
    expect(job.runs).toHaveLength(2);
    expect(
      (await t.call('alerts.list', { includeHidden: false }, t.adminToken)).map((a) => a.kind),
    ).not.toContain('system.jobFailed');
  });

  it('runs a job now on request, audited, without moving its schedule', async () => {
    const job = recorder('test.daily', { every: 'day', at: '02:00' });
    t = await makeSetUpCore({ modules: [...coreModules, jobsModule([job.job])] });
    await t.core.scheduler.poke();
    const status = await t.call('scheduler.runNow', { name: 'test.daily' }, t.adminToken);
    expect(status).toMatchObject({
      name: 'test.daily',
      lastError: null,
      nextRunAt: '2026-11-25T18:00:00.000Z',
    });
    expect(job.runs).toHaveLength(1);
    t.clock.advance(16 * HOUR); // its regular 02:00 slot still comes
    await t.core.scheduler.poke();
    expect(job.runs).toHaveLength(2);
    const audit = t.core.services.auditLog.list({ offset: 0, limit: 50, module: 'scheduler' }).rows;
    expect(audit.map((r) => r.procedure)).toContain('scheduler.runNow');
  });

  it('hands the event loop back between chunks of a long job', async () => {
    let longestGapMs = 0;
    const job: JobDef = {
      name: 'test.chunked',
      label: 'chunked',
      schedule: { every: 'minutes', minutes: 15 },
      run: async (ctx) => {
        let last = performance.now();
        for (let chunk = 0; chunk < 20; chunk++) {
          const until = performance.now() + 5;
          while (performance.now() < until) {
            // a 5 ms chunk of work
          }
          await ctx.yield();
          longestGapMs = Math.max(longestGapMs, performance.now() - last);
          last = performance.now();
        }
      },
    };
    t = await makeSetUpCore({ modules: [...coreModules, jobsModule([job])] });
    await t.core.scheduler.poke();
    t.clock.advance(15 * 60_000);
    let timerFired = 0;
    const timer = setInterval(() => (timerFired += 1), 1);
    await t.core.scheduler.poke();
    clearInterval(timer);
    // Other work (a timer standing in for a serial port) ran between the chunks.
    expect(timerFired).toBeGreaterThan(5);
    expect(longestGapMs).toBeGreaterThan(0);
  });
});
