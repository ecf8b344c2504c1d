import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createAuditLog } from './audit/audit-log';
import { createAuthService } from './auth/service';
import { systemClock, type Clock } from './clock';
import { createDispatcher } from './api/dispatcher';
import type { Handlers } from './api/context';
import { openDatabase } from './db/connection';
import { migrate, type Migration } from './db/migrate';
import { migrations as allMigrations } from './db/migrations';
import { Sql } from './db/sql';
import { EventBus } from './events';
import { createInstitutionService } from './institution/service';
import { createConsoleLogger, type Logger } from './logger';
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

  const handlers: Handlers = {
    ...createSystemHandlers({ auth, institution, settings, auditLog }),
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

  return {
    dispatch: dispatcher.dispatch,
    events,
    clock,
    logger,
    sql,
    migration,
    services: { auth, institution, settings, auditLog },
    close(): void {
      db.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;
