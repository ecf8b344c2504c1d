import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallAnalytics, NurseCallConfig } from '../../shared/contract/nursecall';
import type { FileDownload } from '../../shared/contract/residents';
import { JsonText } from '../api/json-text';
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
 * Where the child's code is: beside the built bundle (`out/main/nursecall-report-process.js`), or
 * the TypeScript source run through tsx when the core runs from source (tests, `--tsx` benches).
 */
function childEntry(): { path: string; execArgv: string[] } | null {
  // Built as its own entry (electron.vite.config.ts); the name is assembled so the bundler leaves it alone.
  const built = fileURLToPath(new URL(['.', 'nursecall-report-process.js'].join('/'), import.meta.url));
  if (existsSync(built)) return { path: built, execArgv: [] };
  const source = fileURLToPath(new URL(['.', 'report-process.ts'].join('/'), import.meta.url));
  if (existsSync(source)) return { path: source, execArgv: ['--import', 'tsx'] };
  return null;
}

/**
 * Runs a long nurse-call report in a child process on its own read-only connection. A thread would
 * keep the app's event loop free too, but its memory (a quarter's calls, the zipped workbook) stays
 * with the app's process after it ends (~400 MB measured); a process gives it back. Answers null
 * when it cannot run one (an in-memory database, no entry file): the caller then builds the report
 * on the main thread, in yielding batches.
 */
export function reportInChildProcess(
  job: ReportJob & { kind: 'export' },
  logger: Logger,
): Promise<FileDownload> | null;
export function reportInChildProcess(
  job: ReportJob & { kind: 'analytics' },
  logger: Logger,
): Promise<CallAnalytics> | null;
export function reportInChildProcess(job: ReportJob, logger: Logger): Promise<unknown> | null {
  const entry = job.dbPath && job.dbPath !== ':memory:' ? childEntry() : null;
  if (!entry) return null;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = fork(entry.path, [], {
      execArgv: entry.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.once('message', (message: { ok: boolean; value?: unknown; error?: string }) => {
      settled = true;
      if (!message.ok) {
        logger.error('nurse-call report failed in its process', { kind: job.kind, error: message.error });
        reject(new Error(message.error));
        return;
      }
      logger.info('nurse-call report built in a separate process', {
        kind: job.kind,
        range: `${job.range.from}..${job.range.to}`,
        ms: Math.round(performance.now() - started),
      });
      // Both arrive as JSON bytes and are answered as they are (see JsonText): decoding a quarter's
      // figures or 13 MB of base64 here only to encode them again held this thread ~200 ms.
      resolve(JsonText.answer(message.value as Uint8Array));
    });
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    child.once('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`nurse-call report process stopped (${code})`));
      }
    });
    child.send(job);
  });
}
