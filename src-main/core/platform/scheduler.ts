import type { JobStatus } from '../../shared/contract/platform';
import { AppError } from '../../shared/errors';
import type { WritePath } from '../api/write-path';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { JobDef, JobSchedule } from '../module';
import { describeSchedule, latestSlot, nextSlot, slotsBetween } from './slots';
import type { PlatformTables } from './tables';

export interface SchedulerDeps {
  sql: Sql<unknown>;
  writes: WritePath;
  clock: Clock;
  logger: Logger;
  timeZone(): string;
  jobs(): JobDef[];
  /** How often the real timer looks for due jobs; clock jumps (test clock) call `poke()` at once. */
  pollMs?: number;
  onRan?(status: JobStatus): void;
}

/** Hands the event loop back between chunks of a long job (nurse call must never wait long). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the modules' jobs on the injected clock. Each job's last slot is stored, so after the app was
 * closed a job runs once for everything it missed (told how many slots it folded in), not once per
 * missed slot. Jobs run one at a time; one that fails keeps its error for the settings page and is
 * tried again at its next slot.
 */
export function createScheduler(deps: SchedulerDeps) {
  const sql = deps.sql.scope<PlatformTables>();
  const { qb } = sql;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  const running = new Set<string>();

  const scheduleOf = (job: JobDef): JobSchedule =>
    typeof job.schedule === 'function' ? job.schedule() : job.schedule;

  const stateOf = (name: string) =>
    sql.first(qb.selectFrom('scheduler_jobs').selectAll().where('name', '=', name));

  function record(name: string, patch: Partial<PlatformTables['scheduler_jobs']>) {
    // Bookkeeping, not a business change: the job's own writes carry their audit rows.
    deps.writes.run(
      { procedure: 'scheduler.run', now: deps.clock.now(), user: null, bookkeeping: true },
      () => {
        sql.run(
          qb
            .insertInto('scheduler_jobs')
            .values({ name, runs: 0, ...patch })
            .onConflict((oc) => oc.column('name').doUpdateSet(patch)),
        );
      },
    );
  }

  function status(
    job: JobDef,
    now = deps.clock.now(),
    known?: PlatformTables['scheduler_jobs'] | null,
  ): JobStatus {
    const state = known === undefined ? stateOf(job.name) : known;
    const schedule = scheduleOf(job);
    const tz = deps.timeZone();
    const due = latestSlot(schedule, now, tz);
    const caughtUp = state?.last_slot && Date.parse(state.last_slot) >= due.getTime();
    return {
      name: job.name,
      label: job.label,
      schedule: describeSchedule(schedule),
      lastRunAt: state?.last_run_at ?? null,
      lastOkAt: state?.last_ok_at ?? null,
      lastError: state?.last_error ?? null,
      lastDurationMs: state?.last_duration_ms ?? null,
      nextRunAt: (caughtUp ? nextSlot(schedule, now, tz) : now).toISOString(),
      running: running.has(job.name),
    };
  }

  async function runJob(job: JobDef, slot: Date, missed: number): Promise<void> {
    running.add(job.name);
    const started = deps.clock.now();
    const wall = performance.now();
    // The slot is claimed before running: a job that crashes the process is not retried in a loop.
    record(job.name, { last_slot: slot.toISOString(), last_run_at: started.toISOString() });
    let error: string | null = null;
    try {
      await job.run({ slot, now: started, missed, yield: yieldToEventLoop, logger: deps.logger });
    } catch (e) {
      error = e instanceof AppError ? e.message : e instanceof Error ? e.message : String(e);
      deps.logger.error('scheduled job failed', {
        job: job.name,
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    } finally {
      running.delete(job.name);
    }
    const duration = Math.round(performance.now() - wall);
    const current = stateOf(job.name);
    record(job.name, {
      last_error: error,
      last_duration_ms: duration,
      runs: (current?.runs ?? 0) + 1,
      ...(error ? {} : { last_ok_at: deps.clock.now().toISOString() }),
    });
    deps.onRan?.(status(job));
  }

  /** Runs every job whose latest slot has not run yet, one after another. */
  function check(): Promise<void> {
    chain = chain.then(async () => {
      const tz = deps.timeZone();
      for (const job of deps.jobs()) {
        if (running.has(job.name)) continue;
        const now = deps.clock.now();
        const schedule = scheduleOf(job);
        const due = latestSlot(schedule, now, tz);
        const last = stateOf(job.name)?.last_slot;
        if (!last) {
          // First start with this job: it begins at its next slot (a fresh install does not run
          // every job at once).
          record(job.name, { last_slot: due.toISOString() });
          continue;
        }
        if (Date.parse(last) >= due.getTime()) continue;
        const missed = Math.max(0, slotsBetween(schedule, new Date(last), due, tz) - 1);
        await runJob(job, due, missed);
      }
    });
    return chain.catch((error: unknown) => {
      deps.logger.error('scheduler check failed', { error: String(error) });
    });
  }

  return {
    start(): void {
      if (timer) return;
      void check();
      timer = setInterval(() => void check(), deps.pollMs ?? 30_000);
      timer.unref();
    },
    stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      return chain.catch(() => undefined);
    },
    /** The clock jumped (test clock) or something wants due jobs run now; resolves when they ran. */
    poke: check,
    /** Waits for whatever is running. */
    idle: () => chain.catch(() => undefined),
    list(): JobStatus[] {
      // One statement for every job's state: the alerts read this list on every refresh.
      const states = new Map(sql.all(qb.selectFrom('scheduler_jobs').selectAll()).map((s) => [s.name, s]));
      const now = deps.clock.now();
      return deps.jobs().map((job) => status(job, now, states.get(job.name) ?? null));
    },
    /** Runs one job now, outside its schedule, without moving its slot. */
    async runNow(name: string): Promise<JobStatus> {
      const job = deps.jobs().find((j) => j.name === name);
      if (!job) throw new AppError('NOT_FOUND', `没有名为 ${name} 的定时任务。`);
      if (running.has(name)) throw new AppError('CONFLICT', '这个任务正在运行，请稍候再试。');
      const now = deps.clock.now();
      const state = stateOf(name);
      chain = chain.then(async () => {
        await runJob(job, now, 0);
        // Keep the real schedule: the next due slot still runs.
        if (state?.last_slot !== undefined) record(name, { last_slot: state.last_slot });
      });
      await chain;
      return status(job);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
