import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../../shared/contract/system';

export interface FileCheck {
  /** `ok`, or what `integrity_check` found. */
  integrity: string;
  /** The file's schema version (`user_version`): a backup newer than the app cannot be restored. */
  schemaVersion: number;
  rowCounts: Record<string, number>;
}

/**
 * Audit rows hashed between two yields: about 10 ms of work on a quiet machine, so a long log never
 * holds the event loop (and nurse call) for long. Measured in `bench/backups.ts`.
 */

/** All remaining pages in one step: the copy is one read transaction, so one consistent state. */
const ALL_PAGES = 0x7fffffff;

/*
 * Copying, `integrity_check` and counting read every page and cannot be split into chunks, so they
 * run in a worker thread on its own connections: the main thread (and nurse call) never waits for
 * them, not even for the copy's final fsync. In WAL mode the worker's read transaction sees one
 * consistent state while the main thread goes on writing. The worker is plain JavaScript evaluated
 * from a string so it survives bundling unchanged; keep it in step with `copyFile` and `check`
 * below, the same steps for tests that stay in one thread (a test compares the two).
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);

async function copyFile(source, target) {
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target, { progress: () => ${ALL_PAGES} });
  } finally {
    from.close();
  }
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function check(path) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
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
    return { integrity, schemaVersion, rowCounts };
  } finally {
    db.close();
  }
}

function prepareSwap(live, incoming) {
  const db = new Database(live, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const next = new Database(incoming, { fileMustExist: true });
  try {
    next.pragma('journal_mode = WAL');
  } finally {
    next.close();
  }
}

(async () => {
  if (workerData.live) return prepareSwap(workerData.live, workerData.path);
  if (workerData.source) await copyFile(workerData.source, workerData.path);
  return check(workerData.path);
})().then(
  (value) => parentPort.postMessage({ value }),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);
`;

/**
 * The copy inherits WAL mode; switched to a rollback journal it is one self-contained file that
 * read-only checks, the second folder and a restore can take as it is.
 */
async function copyFile(source: string, target: string): Promise<void> {
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target, { progress: () => ALL_PAGES });
  } finally {
    from.close();
  }
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

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

/**
 * Readies a restore so the swap on the main thread only renames: the live file's WAL is written
 * back now (closing the main connection then has nothing to write and sync), and the incoming copy
 * is switched to WAL mode (opening it then changes nothing on disk).
 */
function prepareSwap(live: string, incoming: string): void {
  const db = new Database(live, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const next = new Database(incoming, { fileMustExist: true });
  try {
    next.pragma('journal_mode = WAL');
  } finally {
    next.close();
  }
}

function inWorker<T = FileCheck>(workerData: { path: string; source?: string; live?: string }): Promise<T> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { ...workerData, driver } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (message: { value: T } | { error: string }) =>
      settle(() => ('error' in message ? reject(new Error(message.error)) : resolve(message.value))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    // A worker that dies without a word (out of memory) must not leave the backup waiting forever.
    worker.once('exit', (code) => settle(() => reject(new Error(`数据文件检查意外中止（代码 ${code}）`))));
  });
}

export interface CheckOptions {
  /** Tests may stay in this thread; the app uses a worker. */
  inThread?: boolean;
}

/** Integrity, schema version and row counts of a database file. */
export async function checkDatabaseFile(path: string, options: CheckOptions = {}): Promise<FileCheck> {
  return options.inThread ? check(path) : inWorker({ path });
}

/**
 * Copies the live database file `source` (in WAL mode, being written by the main connection) to
 * `target` as one consistent state, then checks the copy.
 */
export async function copyDatabaseFile(
  source: string,
  target: string,
  options: CheckOptions = {},
): Promise<FileCheck> {
  if (!options.inThread) return inWorker({ source, path: target });
  await copyFile(source, target);
  return check(target);
}

/** See `prepareSwap`: the slow disk work of a restore, off the main thread unless told. */
export async function prepareRestoreFiles(
  live: string,
  incoming: string,
  options: CheckOptions = {},
): Promise<void> {
  if (options.inThread) prepareSwap(live, incoming);
  else await inWorker<undefined>({ live, path: incoming });
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
