import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CallAnalytics, NurseCallConfig } from '../../shared/contract/nursecall';
import type { FileDownload } from '../../shared/contract/residents';
import type { Logger } from '../logger';

export interface ReportJob {
  kind: 'analytics' | 'export';
  dbPath: string;
  range: { from: string; to: string };
  now: string;
  timeZone: string;
  config: NurseCallConfig;
}

/**
 * Where the worker's code is: beside the built bundle (`out/main/nursecall-report-worker.js`), or
 * the TypeScript source run through tsx when the core runs from source (tests, `--tsx` benches).
 */
function workerEntry(): { url: URL; execArgv: string[] } | null {
  // Built as its own entry (electron.vite.config.ts); the name is assembled so the bundler leaves it alone.
  const built = new URL(['.', 'nursecall-report-worker.js'].join('/'), import.meta.url);
  if (existsSync(fileURLToPath(built))) return { url: built, execArgv: [] };
  const source = new URL(['.', 'report-worker.ts'].join('/'), import.meta.url);
  if (existsSync(fileURLToPath(source))) return { url: source, execArgv: ['--import', 'tsx'] };
  return null;
}

/**
 * Runs a long nurse-call report in a worker thread on its own read-only connection. Answers null
 * when it cannot (an in-memory database, no worker file): the caller then builds the report on the
 * main thread, in yielding batches, as before.
 */
export function reportOffThread(
  job: ReportJob & { kind: 'export' },
  logger: Logger,
): Promise<FileDownload> | null;
export function reportOffThread(
  job: ReportJob & { kind: 'analytics' },
  logger: Logger,
): Promise<CallAnalytics> | null;
export function reportOffThread(job: ReportJob, logger: Logger): Promise<unknown> | null {
  const entry = job.dbPath && job.dbPath !== ':memory:' ? workerEntry() : null;
  if (!entry) return null;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.url, { workerData: job, execArgv: entry.execArgv });
    let settled = false;
    worker.once('message', (message: { ok: boolean; value?: unknown; error?: string }) => {
      settled = true;
      if (message.ok) {
        logger.info('nurse-call report built in a worker thread', {
          kind: job.kind,
          range: `${job.range.from}..${job.range.to}`,
          ms: Math.round(performance.now() - started),
        });
        const value = message.value as { fileName?: string; bytes?: ArrayBuffer };
        resolve(
          job.kind === 'export'
            ? { fileName: value.fileName, base64: Buffer.from(value.bytes!).toString('base64') }
            : JSON.parse(message.value as string),
        );
      } else {
        logger.error('nurse-call report failed in its worker', { kind: job.kind, error: message.error });
        reject(new Error(message.error));
      }
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`nurse-call report worker stopped (${code})`));
    });
  });
}
