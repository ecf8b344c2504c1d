import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAuditLog } from './audit/audit-log';
import { createAuthService } from './auth/service';
import { createSetupGate } from './auth/setup-gate';
import { createPasswordHasher } from './auth/passwords';
import { createPasswordPreparation } from './auth/prepare';
import { systemClock, type Clock } from './clock';
import { createDispatcher } from './api/dispatcher';
import { createEventGate } from './api/event-gate';
import { seedDemo } from './demo/seed';
import { AppError } from '../shared/errors';
import type { Handlers, ModuleHandlers } from './api/context';
import { openDatabase } from './db/connection';
import { migrate, type Migration } from './db/migrate';
import { migrations as allMigrations } from './db/migrations';
import { Sql } from './db/sql';
import { EventBus } from './events';
import { createInstitutionService } from './institution/service';
import { createConsoleLogger, type Logger } from './logger';
import { createNurseCallHandlers } from './nursecall/handlers';
import { residentsLocationReader } from './nursecall/locations';
import { createNurseCallModule, type NurseCallModuleDeps } from './nursecall/service';
import { createResidentHandlers } from './residents/handlers';
import { createResidentsModule } from './residents/service';
import { createSettingsService } from './settings/service';
import { createSystemHandlers } from './system/handlers';

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
  /**
   * `autoStart` opens the configured nurse-call ports and starts the escalation timer: the server
   * and the desktop app pass it; tests start the module themselves when they need it.
   */
  nurseCall?: { autoStart?: boolean } & NonNullable<NurseCallModuleDeps['ports']>;
}

/** The composition root: builds every service from its dependencies, with no Electron in sight. */
export function createCore(options: CoreOptions) {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createConsoleLogger();
  const inMemory = options.dbPath === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.dbPath), { recursive: true });
  const backupDir = inMemory ? undefined : (options.backupDir ?? join(dirname(options.dbPath), 'backups'));

  const db = openDatabase(options.dbPath);
  let migration;
  try {
    migration = migrate(db, {
      migrations: options.migrations ?? allMigrations,
      now: clock.now(),
      logger,
      ...(backupDir ? { backupDir } : {}),
    });
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = new Sql(db);
  const events = new EventBus(clock);
  const auditLog = createAuditLog(sql);
  const settings = createSettingsService(sql);
  const institution = createInstitutionService(sql);
  const auth = createAuthService({ sql, settings, timeZone: () => institution.timeZone() });
  const setupGate = createSetupGate({ logger, setupRequired: () => !auth.hasUsers() });

  let tempFilesDir: string | null = null;
  const filesDir = () => {
    if (options.filesDir) return options.filesDir;
    if (!inMemory) return join(dirname(options.dbPath), 'attachments');
    tempFilesDir ??= mkdtempSync(join(tmpdir(), 'caredesk-files-'));
    return tempFilesDir;
  };
  const residents = createResidentsModule({ sql, institution, auth, auditLog, filesDir });

  const nurseCall = createNurseCallModule({
    sql,
    auditLog,
    events,
    clock,
    logger,
    auth,
    timeZone: () => institution.timeZone(),
    locations: residentsLocationReader(residents.facilities),
    ...(options.nurseCall ? { ports: options.nurseCall } : {}),
  });

  const demoHandlers: ModuleHandlers<'demo'> = {
    'demo.seed': (input, ctx) => {
      setupGate.check(ctx.client, input?.setupCode, 'setupCode');
      const accounts = seedDemo({
        services: { auth, institution, auditLog, residents, nurseCall },
        sql,
        clock,
      });
      if (!accounts)
        throw new AppError('ALREADY_SET_UP', '本系统已完成首次设置，不能再填充演示数据。请直接登录。');
      return { accounts };
    },
  };

  const handlers: Handlers = {
    ...demoHandlers,
    ...createSystemHandlers({ auth, institution, settings, auditLog, setupGate }),
    ...createResidentHandlers(residents, auth),
    ...createNurseCallHandlers({ nurseCall }),
  };

  const dispatcher = createDispatcher({
    sql,
    handlers,
    sessions: auth.resolver,
    auditLog,
    events,
    clock,
    logger,
  });

  if (options.nurseCall?.autoStart) nurseCall.start();

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
    migration,
    services: { auth, institution, settings, auditLog, residents, nurseCall, setupGate },
    /** Stops the ports and timers, then closes the database; resolves once the ports are closed. */
    close(): Promise<void> {
      const portsClosed = nurseCall.stop();
      db.close();
      if (tempFilesDir) rmSync(tempFilesDir, { recursive: true, force: true });
      return portsClosed;
    },
  };
}

export type Core = ReturnType<typeof createCore>;
