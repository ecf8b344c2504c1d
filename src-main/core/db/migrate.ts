import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Logger } from '../logger';
import type { SqliteDb } from './sql';

export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDb): void;
}

export interface MigrateOptions {
  migrations: readonly Migration[];
  /** Where the pre-migration copy goes; omitted for in-memory databases. */
  backupDir?: string;
  now: Date;
  logger: Logger;
}

export interface MigrateReport {
  from: number;
  to: number;
  backupPath: string | null;
}

export function schemaVersion(db: SqliteDb): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function migrate(db: SqliteDb, options: MigrateOptions): MigrateReport {
  const { migrations } = options;
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`Migration list is out of order at ${m.name}: expected version ${index + 1}`);
    }
  });
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `数据文件来自更新版本的 CareDesk（数据版本 ${from}，本程序只认识到 ${latest}）。为避免损坏数据，已停止打开。请安装最新版本的 CareDesk 后再打开。`,
      { databaseVersion: from, appVersion: latest },
    );
  }
  if (from === latest) return { from, to: latest, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backupDir) {
    mkdirSync(options.backupDir, { recursive: true });
    const stamp = options.now.toISOString().replace(/[:.]/g, '-');
    backupPath = join(options.backupDir, `caredesk-v${from}-before-migration-${stamp}.db`);
    db.prepare('VACUUM INTO ?').run(backupPath);
    options.logger.info('database backed up before migration', { backupPath, from, to: latest });
  }

  for (const migration of migrations.slice(from)) {
    // Kysely and SQLite do not wrap DDL for us: each migration and its version bump commit together.
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    options.logger.info('migration applied', { name: migration.name });
  }
  return { from, to: latest, backupPath };
}
