import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../../shared/contract/system';
import { verifyAuditChainOf } from '../audit/audit-log';

export interface FileCheck {
  /** `ok`, or what `integrity_check` found. */
  integrity: string;
  /** The file's schema version (`user_version`): a backup newer than the app cannot be restored. */
  schemaVersion: number;
  rowCounts: Record<string, number>;
}

/**
 * `integrity_check` reads every page and cannot be split into chunks, so it runs in a worker thread
 * on its own read-only connection: the main thread (and nurse call) never waits for it. The worker
 * is plain JavaScript evaluated from a string so it survives bundling unchanged; keep it in step with
 * `check`, the same steps for tests that stay in one thread (a test compares the two).
 */
function check(path: string): FileCheck {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
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
    return { integrity, schemaVersion, rowCounts };
  } finally {
    db.close();
  }
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check').map((r) => r.integrity_check).join('; ');
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => r.name);
    const rowCounts = {};
    for (const t of tables) {
      rowCounts[t] = db.prepare('SELECT count(*) AS n FROM "' + t.replace(/"/g, '""') + '"').get().n;
    }
    parentPort.postMessage({ value: { integrity, schemaVersion, rowCounts } });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
}
`;

/** Integrity, schema version and row counts of a database file, off the main thread unless told. */
export function checkDatabaseFile(path: string, options: { inThread?: boolean } = {}): Promise<FileCheck> {
  if (options.inThread) {
    try {
      return Promise.resolve(check(path));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { path, driver } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (message: { value: FileCheck } | { error: string }) =>
      settle(() => ('error' in message ? reject(new Error(message.error)) : resolve(message.value))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    // A worker that dies without a word (out of memory) must not leave the backup waiting forever.
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the check of ${path} stopped unexpectedly (exit ${code})`))),
    );
  });
}

/** Opens the copy read-only and walks its audit chain in chunks, yielding between them. */
export async function verifyAuditOfFile(
  path: string,
  yieldToLoop: () => Promise<void>,
): Promise<AuditVerifyResult> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return await verifyAuditChainOf(db, yieldToLoop);
  } finally {
    db.close();
  }
}
