import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../../shared/contract/system';

export interface FileCheck {
  integrity: string;
  rowCounts: Record<string, number>;
}

/**
 * `integrity_check` reads every page and cannot be split into chunks, so it runs in a worker thread
 * on its own read-only connection: the main thread (and nurse call) never waits for it. The worker
 * is plain JavaScript evaluated from a string so it survives bundling unchanged.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
try {
  const integrity = db.pragma('integrity_check').map((r) => r.integrity_check).join('; ');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => r.name);
  const rowCounts = {};
  for (const t of tables) rowCounts[t] = db.prepare('SELECT count(*) AS n FROM "' + t.replace(/"/g, '""') + '"').get().n;
  parentPort.postMessage({ integrity, rowCounts });
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message || error) });
} finally {
  db.close();
}
`;

function checkInThisThread(path: string): FileCheck {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as Array<{ name: string }>
    ).map((r) => r.name);
    const rowCounts: Record<string, number> = {};
    for (const t of tables) {
      rowCounts[t] = (
        db.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }
      ).n;
    }
    return { integrity, rowCounts };
  } finally {
    db.close();
  }
}

/** Integrity and row counts of a database file, off the main thread when a worker can start. */
export function checkDatabaseFile(path: string, options: { inThread?: boolean } = {}): Promise<FileCheck> {
  if (options.inThread) return Promise.resolve(checkInThisThread(path));
  let driver: string;
  try {
    driver = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return Promise.resolve(checkInThisThread(path));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { path, driver } });
    worker.once('message', (message: FileCheck | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

/** Opens the copy read-only and walks its audit chain in chunks, with this installation's key. */
export async function verifyAuditOfFile(
  path: string,
  verify: (db: Database.Database) => Promise<AuditVerifyResult>,
): Promise<AuditVerifyResult> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return await verify(db);
  } finally {
    db.close();
  }
}
