import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sharedModules } from '../shared/modules';
import type { SharedModule } from '../shared/module';
import type { Handlers } from './api/context';
import { createDispatcher } from './api/dispatcher';
import { startCheckpointer, type Checkpointer } from './db/checkpointer';
import { createEventGate } from './api/event-gate';
import { createWritePath } from './api/write-path';
import { fileKeyStore, memoryKeyStore, type AuditKeyStore } from './audit/audit-key';
import { createAuditLog } from './audit/audit-log';
import { createPasswordHasher } from './auth/passwords';
import { createPasswordPreparation } from './auth/prepare';
import { createAuditNames } from './audit/audit-names';
import { createAuthService } from './auth/service';
import { createSetupGate } from './auth/setup-gate';
import { systemClock, type Clock } from './clock';
import { FOREGROUND_CHECK_MAX_BYTES, quickCheckInWorker } from './db/background-check';
import { openDatabase } from './db/connection';
import { migrate, type Migration } from './db/migrate';
import { Sql } from './db/sql';
import { EventBus } from './events';
import { createInstitutionService } from './institution/service';
import { createConsoleLogger, type Logger } from './logger';
import type {
  AlertProvider,
  CoreModule,
  JobDef,
  ModuleInstance,
  ModuleServices,
  PlatformServices,
} from './module';
import { allMigrations, coreModules } from './modules';
import type { NurseCallOptions } from './nursecall/module';
import { createAlertService } from './platform/alerts';
import { platformAlerts } from './platform/platform-alerts';
import { createPlatformHandlers } from './platform/handlers';
import { syncPermissionGrants } from './platform/permission-grants';
import { createScheduler } from './platform/scheduler';
import { TestClock, testClockHandlers, testClockProcedures } from './platform/test-clock';
import { createSettingsService } from './settings/service';

export interface CoreOptions {
  /** A file path, or `:memory:` for tests. */
  dbPath: string;
  clock?: Clock;
  logger?: Logger;
  /** Where pre-migration and scheduled backups go; defaults to `backups/` beside the database. */
  backupDir?: string;
  /** Tests pass a shorter list to exercise one migration at a time. */
  migrations?: readonly Migration[];
  /**
   * Where uploaded files (resident attachments) live; defaults to `attachments/` beside the
   * database, or a temporary folder removed on close for `:memory:`.
   */
  filesDir?: string;
  /** The server and the desktop app pass it; tests start the module themselves when they need it. */
  nurseCall?: NurseCallOptions;
  /** Run the modules' scheduled jobs on a timer (the server and the desktop app). */
  scheduler?: { autoStart?: boolean; pollMs?: number };
  /** Other modules' options by module name. */
  moduleOptions?: Record<string, Record<string, unknown>>;
  /**
   * `--test-clock`: the clock is a TestClock and `testing.clock.set/advance` exist (administrator
   * only). Without it those procedures are unknown (NOT_FOUND).
   */
  testClock?: boolean;
  /**
   * Where the audit chain's key lives (never in the database): the desktop app passes one kept with
   * Electron safeStorage; by default a file beside the data folder (`<folder>.audit-key`).
   */
  auditKey?: AuditKeyStore;
  /** Tests may build with fewer modules. */
  modules?: readonly CoreModule[];
  /** Files larger than this are checked in a worker after start (tests pass 0 to force it). */
  foregroundCheckMaxBytes?: number;
}

/** The composition root: builds the platform and every module from the registry, with no Electron in sight. */
export function createCore(options: CoreOptions) {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createConsoleLogger();
  const modules = options.modules ?? coreModules;
  const inMemory = options.dbPath === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.dbPath), { recursive: true });
  const backupDir = inMemory ? null : (options.backupDir ?? join(dirname(options.dbPath), 'backups'));

  const deferCheck =
    !inMemory &&
    existsSync(options.dbPath) &&
    statSync(options.dbPath).size > (options.foregroundCheckMaxBytes ?? FOREGROUND_CHECK_MAX_BYTES);
  let db = openDatabase(options.dbPath, { check: !deferCheck });
  let migration;
  try {
    migration = migrate(db, {
      migrations: options.migrations ?? allMigrations(modules),
      now: clock.now(),
      logger,
      ...(backupDir ? { backupDir } : {}),
    });
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = new Sql(db);
  let checkpointer: Checkpointer | null = inMemory ? null : startCheckpointer(db, logger);
  const events = new EventBus(clock, logger);
  const keyStore =
    options.auditKey ?? (inMemory ? memoryKeyStore() : fileKeyStore(`${dirname(options.dbPath)}.audit-key`));
  const auditLog = createAuditLog(
    sql,
    inMemory
      ? keyStore
      : {
          ...keyStore,
          anchorPaths: [join(dirname(options.dbPath), 'audit-anchor.json'), ...keyStore.anchorPaths],
        },
    logger,
  );
  const writes = createWritePath({ sql, auditLog, events, logger });
  const auditNames = createAuditNames();
  const settings = createSettingsService(sql);
  const institution = createInstitutionService(sql);
  const timeZone = () => institution.timeZone();
  const auth = createAuthService({ sql, settings, timeZone });
  const setupGate = createSetupGate({ logger, setupRequired: () => !auth.hasUsers() });

  let tempFilesDir: string | null = null;
  const files = () => {
    if (options.filesDir) return options.filesDir;
    if (!inMemory) return join(dirname(options.dbPath), 'attachments');
    tempFilesDir ??= mkdtempSync(join(tmpdir(), 'caredesk-files-'));
    return tempFilesDir;
  };

  const platform: PlatformServices = {
    setupGate,
    sql: sql as Sql<unknown>,
    writes,
    events,
    clock,
    logger,
    auditLog,
    auditNames,
    settings,
    institution,
    auth,
    timeZone,
    paths: {
      dataDir: inMemory ? null : dirname(options.dbPath),
      files,
      backups: backupDir,
      database: options.dbPath,
    },
    async reopenDatabase(swap, reopen = {}) {
      if (inMemory) throw new Error('an in-memory database cannot be reopened');
      // Its connection holds the file open (Windows would refuse the rename).
      await checkpointer?.stop();
      checkpointer = null;
      try {
        reopen.verify?.();
      } catch (error) {
        checkpointer = startCheckpointer(db, logger);
        throw error;
      }
      auditLog.flushAnchor();
      db.close();
      let swapped = false;
      try {
        swap();
        swapped = true;
      } finally {
        const next = openDatabase(options.dbPath, { check: !(swapped && reopen.checked) });
        migrate(next, {
          migrations: options.migrations ?? allMigrations(modules),
          now: clock.now(),
          logger,
          ...(backupDir ? { backupDir } : {}),
        });
        db = next;
        sql.reconnect(next);
        checkpointer = startCheckpointer(next, logger);
      }
      // A file from an older version has just been migrated: grant the permissions it had not seen.
      syncPermissionGrants({ sql: platform.sql, writes, now: clock.now() });
    },
    summaries: () => instances.flatMap((i) => i.summaries ?? []),
  };

  const services: Partial<ModuleServices> = {};
  const instances: Array<ModuleInstance<SharedModule>> = [];
  for (const module of modules) {
    const name = module.shared.name;
    const moduleOptions: Record<string, unknown> =
      name === 'nursecall' ? { ...options.nurseCall } : (options.moduleOptions?.[name] ?? {});
    const instance = module.create({ ...platform, modules: services, options: moduleOptions });
    if (instance.service !== undefined)
      (services as Record<string, unknown>)[serviceKey(name)] = instance.service;
    instances.push(instance);
    auditNames.register(instance.auditSubjects ?? {});
  }

  // A large file's start-up check runs beside the app; a failure is an alert, never silence.
  const databaseCheck = deferCheck ? quickCheckInWorker(options.dbPath) : null;
  let checkFailure: { result: string; at: string } | null = null;
  const checked: Promise<string> = databaseCheck
    ? databaseCheck.result.then((result) => {
        if (result !== 'ok') {
          checkFailure = { result, at: clock.now().toISOString() };
          logger.error('database check found damage', { result });
          events.emit('alerts.changed', { at: checkFailure.at });
        }
        return result;
      })
    : Promise.resolve('ok');

  const providers = (): AlertProvider[] => [
    ...platformAlerts({ events, scheduler: () => scheduler, databaseCheck: () => checkFailure }),
    ...instances.flatMap((i) => i.alerts ?? []),
  ];
  const jobs = (): JobDef[] => instances.flatMap((i) => i.jobs ?? []);
  const alerts = createAlertService({ sql: platform.sql, logger, timeZone, providers });
  const scheduler = createScheduler({
    sql: platform.sql,
    writes,
    clock,
    logger,
    timeZone,
    jobs,
    ...(options.scheduler?.pollMs ? { pollMs: options.scheduler.pollMs } : {}),
    onRan: (job) => {
      events.emit('scheduler.jobRan', { job });
      events.emit('alerts.changed', { at: clock.now().toISOString() });
    },
  });

  const handlers = Object.assign(
    {},
    ...instances.map((i) => i.handlers),
    createPlatformHandlers({ alerts, scheduler }),
  ) as Handlers;
  const declared = sharedModules.flatMap((m) => Object.keys(m.procedures));
  const missing = declared.filter((name) => !Object.hasOwn(handlers, name));
  if (missing.length > 0 && !options.modules) {
    throw new Error(`Procedures declared without a handler: ${missing.join(', ')}`);
  }

  syncPermissionGrants({ sql: platform.sql, writes, now: clock.now() });

  const dispatcher = createDispatcher({
    sql,
    handlers,
    sessions: auth.resolver,
    writes,
    clock,
    logger,
    ...(options.testClock && clock instanceof TestClock
      ? {
          extra: {
            procedures: testClockProcedures,
            handlers: testClockHandlers(clock, async () => {
              // The scheduler sees the jump as time passing; nurse-call escalation looks at the clock too.
              await scheduler.poke();
              services.nurseCall?.calls.tick();
              events.emit('alerts.changed', { at: clock.now().toISOString() });
            }),
          },
        }
      : {}),
  });
  if (options.testClock && !(clock instanceof TestClock)) throw new Error('testClock needs a TestClock');

  for (const instance of instances) instance.start?.();
  if (options.scheduler?.autoStart) scheduler.start();

  // Hashing passwords is asynchronous work done before the (synchronous) transaction; see prepare.ts.
  const passwords = createPasswordPreparation({
    auth,
    sessions: auth.resolver,
    hasher: createPasswordHasher(),
    clock,
  });

  return {
    dispatch: passwords.wrap(dispatcher.dispatch),
    events,
    /** Whether a pushed event may reach the client holding a session token. */
    eventGate: createEventGate(auth.resolver, clock),
    clock,
    logger,
    sql,
    writes,
    migration,
    scheduler,
    alerts,
    services: { auth, institution, settings, auditLog, setupGate, ...(services as ModuleServices) },
    /**
     * Stops the scheduler, the modules' timers and ports, and closes the database at once; resolves
     * when the ports have closed. A job still running finds the database closed and logs it.
     */
    /** `ok`, or what the start-up check found (after start for a large file). */
    databaseChecked: checked,
    close(): Promise<void> {
      databaseCheck?.stop();
      auditLog.flushAnchor();
      const stopping = [scheduler.stop(), checkpointer?.stop(), ...instances.map((i) => i.stop?.())];
      db.close();
      if (tempFilesDir) rmSync(tempFilesDir, { recursive: true, force: true });
      return Promise.all(stopping).then(() => undefined);
    },
  };
}

/** Module `nursecall` registers its service as `nurseCall`; others by their own name. */
function serviceKey(name: string): string {
  return name === 'nursecall' ? 'nurseCall' : name;
}

export type Core = ReturnType<typeof createCore>;
