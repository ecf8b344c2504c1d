import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Files up to this size are checked before the app answers (well under 0.5 s here); a larger file's
 * `quick_check` reads every page (18 s for ten years of a 1,000-bed home), so it runs in a worker
 * on its own read-only connection while the app already answers.
 */
export const FOREGROUND_CHECK_MAX_BYTES = 32 * 1024 * 1024;

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let result;
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  try {
    result = db.pragma('quick_check', { simple: true });
  } finally {
    db.close();
  }
} catch (error) {
  result = String((error && error.message) || error);
}
parentPort.postMessage(String(result));
`;

/** `ok`, or what SQLite's `quick_check` found, from a worker thread. */
export function quickCheckInWorker(path: string): { result: Promise<string>; stop(): void } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { path, driver } });
  worker.unref();
  const result = new Promise<string>((resolve) => {
    worker.once('message', (message: string) => resolve(message));
    worker.once('error', (error) => resolve(String(error)));
    worker.once('exit', (code) => resolve(`检查意外中止（代码 ${code}）`));
  });
  return { result, stop: () => void worker.terminate() };
}
