import type { ParsedInputOf, ProcedureName } from '../shared/contract';
import type { Alert } from '../shared/contract/platform';
import type { SharedModule } from '../shared/module';
import type { Handler, ReadContext } from './api/context';
import type { WriteContext, WritePath } from './api/write-path';
import type { AuditLog } from './audit/audit-log';
import type { AuditNames, AuditSubjectNamer } from './audit/audit-names';
import type { AuthService } from './auth/service';
import type { SetupGate } from './auth/setup-gate';
import type { Clock } from './clock';
import type { Rng } from './demo/people';
import type { Migration } from './db/migrate';
import type { Sql } from './db/sql';
import type { EventBus } from './events';
import type { InstitutionService } from './institution/service';
import type { Logger } from './logger';
import type { SettingsService } from './settings/service';

/**
 * Services modules offer each other. Each module adds its own entry from its own folder:
 * `declare module '../module' { interface ModuleServices { residents: ResidentsModule } }`, so a new
 * module touches no shared file to be reachable.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleServices {}

/** What the platform gives every module. */
export interface PlatformServices {
  /** First-run setup and demo seeding only from this computer, or with the printed setup code. */
  setupGate: SetupGate;
  /** Untyped here: a module scopes it to its own tables with `sql.scope<MyTables>()`. */
  sql: Sql<unknown>;
  writes: WritePath;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  auditLog: AuditLog;
  /** Names audit rows' users and subjects when the log is read. */
  auditNames: AuditNames;
  settings: SettingsService;
  institution: InstitutionService;
  auth: AuthService;
  /** The institution's time zone (IANA), e.g. Asia/Shanghai. */
  timeZone(): string;
  /** Where this installation keeps files: attachments, backups, the database's folder. */
  paths: { dataDir: string | null; files(): string; backups: string | null; database: string };
  /**
   * Closes the database, lets `swap` replace its files, then opens, checks and migrates it again and
   * points every service at the new connection, without restarting the process. `checked`: the
   * swapped-in file has just passed `integrity_check`, so the start-up check is skipped. `verify`
   * runs last before the connection closes (after the write-ahead log's worker has let go of the
   * file); throwing there leaves everything as it was.
   */
  reopenDatabase(swap: () => void, options?: { checked?: boolean; verify?: () => void }): Promise<void>;
  /** Every module's summary providers, in registry order (read when a summary is built). */
  summaries(): SummaryProvider[];
}

export interface ModuleContext extends PlatformServices {
  /** Services of the modules listed before this one in the core registry. */
  modules: Partial<ModuleServices>;
  /** Options the composition root passed for this module by name. */
  options: Record<string, unknown>;
}

/**
 * An alert provider computes one kind of alert from its module's data when asked; nothing is
 * copied, so nothing goes stale. `access` decides who sees it.
 */
export interface AlertProvider {
  kind: string;
  /** A permission, or 'authenticated' for everyone signed in. */
  access: string;
  list(ctx: { now: Date; today: string; user: ReadContext['user'] }): Alert[];
  /**
   * Reads state outside the database (a port's connection, a background check's result, a job's
   * last run): asked on every list. Other providers' alerts are kept until the next write or minute.
   */
  live?: boolean;
}

/** When a job is due, in the institution's local time. */
export type JobSchedule =
  | { every: 'day'; at: string }
  | { every: 'hours'; hours: number }
  | { every: 'minutes'; minutes: number }
  | { every: 'month'; day: number; at: string };

export interface JobRunContext {
  /** The slot being run (the latest that was due), not the wall time. */
  slot: Date;
  now: Date;
  /** Missed slots folded into this run after downtime (0 when on time). */
  missed: number;
  /**
   * Long jobs yield between chunks with `await ctx.yield()`, so no chunk blocks the event loop
   * (and with it nurse call) for more than about 50 ms.
   */
  yield(): Promise<void>;
  logger: Logger;
}

export interface JobDef {
  /** `module.what`, e.g. `backups.daily`. */
  name: string;
  label: string;
  schedule: JobSchedule | (() => JobSchedule);
  run(ctx: JobRunContext): Promise<void> | void;
}

/**
 * A part of the periodic summary sent to the regulator, computed for a period: `key` is its section
 * in the document (`beds`, `staff`, `fire` …). `from` and `to` are the period's first and last local
 * days, both included; counts are as of `to`, movements within the period.
 */
export interface SummaryProvider {
  key: string;
  label: string;
  /**
   * Either the section itself, or a generator that yields between slices of work (a day of a
   * month's doses) and returns it: a preview gives the event loop back at each yield.
   */
  summarize(period: { from: string; to: string }): unknown;
  /** Set when `summarize` returns a generator of steps rather than the section. */
  inSteps?: true;
}

export type HandlersFor<S extends SharedModule> = {
  [K in keyof S['procedures'] & ProcedureName]: Handler<K>;
};

export interface ModuleInstance<S extends SharedModule> {
  handlers: HandlersFor<S>;
  /** Registered for other modules as `modules[name]`. */
  service?: unknown;
  alerts?: AlertProvider[];
  jobs?: JobDef[];
  summaries?: SummaryProvider[];
  /** Names the subjects its audit rows are about, by entity (`resident` → 张庆祥). */
  auditSubjects?: Record<string, AuditSubjectNamer>;
  /** Opens ports, starts timers: called after every module is built. */
  start?(): void;
  stop?(): Promise<void> | void;
}

/**
 * What the scale generator (`npm run gen:data`) gives each module's `generate`: the built core, a
 * seeded RNG of the module's own, the size asked for, and batched writes. Modules run in registry
 * order, so a module sees what the ones before it generated (beds before calls).
 */
export interface GenerateContext {
  sql: Sql<unknown>;
  writes: WritePath;
  clock: Clock;
  logger: Logger;
  auth: AuthService;
  institution: InstitutionService;
  settings: SettingsService;
  modules: Partial<ModuleServices>;
  /** Seeded per module: adding a module does not change another module's data. */
  rng: Rng;
  /** Beds to build and years of history to write, ending `today`. */
  beds: number;
  years: number;
  /** The institution's local date the history ends on, and the instant it ends at. */
  today: string;
  now: Date;
  /** A sign-in account to print, e.g. one per role made by the system module. */
  account(username: string, password: string): void;
  /** One line of progress for the console. */
  progress(message: string): void;
  /**
   * Writes `rows` in chunks of `size` (default 5,000), each chunk one write-path transaction that
   * records one summary audit row (`summary(chunk)`) instead of one per row: a generator's bulk
   * history is one act, not thousands of business operations. Yields between chunks.
   */
  batches<T>(
    options: {
      procedure: string;
      size?: number;
      now?: (chunk: T[]) => Date;
      summary: (chunk: T[]) => unknown;
    },
    rows: Iterable<T>,
    write: (chunk: T[], ctx: WriteContext) => void,
  ): Promise<number>;
}

/** A module's core side: its shared manifest, its migrations, and how to build it. */
export interface CoreModule<S extends SharedModule = SharedModule> {
  shared: S;
  /** Numbered globally (`version`), frozen once released; the registry checks there are no gaps. */
  migrations?: readonly Migration[];
  create(ctx: ModuleContext): ModuleInstance<S>;
  /** Its part of a large home's generated history (`npm run gen:data`); never runs in the app. */
  generate?(ctx: GenerateContext): void | Promise<void>;
}

export function defineCoreModule<S extends SharedModule>(module: CoreModule<S>): CoreModule<S> {
  return module;
}

export type { ParsedInputOf };
