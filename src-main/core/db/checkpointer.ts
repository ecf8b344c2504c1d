import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import type { SqliteDb } from './sql';

/** How often the worker copies the write-ahead log into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1000;

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 1000');
const step = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
};
const timer = setInterval(step, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    step();
    db.close();
    parentPort.close();
  }
});
`;

export interface Checkpointer {
  /** Ends the worker after a last checkpoint; resolves when its connection is closed. */
  stop(): Promise<void>;
}

/**
 * Checkpoints the write-ahead log from a worker thread on its own connection. SQLite otherwise
 * checkpoints inside whichever commit crosses 1,000 pages: that commit (a nurse call, say) then
 * writes and fsyncs megabytes of the database file before it can answer, the long tail of the
 * serial path's latency. The main connection stops checkpointing itself (`wal_autocheckpoint = 0`).
 */
export function startCheckpointer(db: SqliteDb, logger: Logger): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { path: db.name, driver, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  worker.unref();
  let stopping = false;
  let failed = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  db.pragma('wal_autocheckpoint = 0');
  const fallBack = (why: string) => {
    if (failed) return;
    failed = true;
    // SQLite checkpoints inside commits again, as it would without this worker.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    logger.error('write-ahead log checkpointer stopped; commits checkpoint again', { why });
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error) logger.warn('write-ahead log checkpoint failed', { error: m.error });
  });
  worker.once('error', (error) => fallBack(String(error)));
  worker.once('exit', (code) => {
    if (!stopping) fallBack(`exit ${code}`);
  });
  return {
    stop() {
      if (!stopping) {
        stopping = true;
        // Held by the process until its last checkpoint is done: unreferenced, a script whose last
        // step is closing (the data generator) ended with the promise unsettled, exit code 13.
        worker.ref();
        worker.postMessage('stop');
      }
      return exit;
    },
  };
}
