import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { constants, setPriority, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallAnalytics, NurseCallConfig } from '../../shared/contract/nursecall';
import type { FileDownload } from '../../shared/contract/residents';
import { JsonFile, JsonText } from '../api/json-text';
import type { Logger } from '../logger';

export interface ReportJob {
  kind: 'analytics' | 'export';
  dbPath: string;
  range: { from: string; to: string };
  now: string;
  timeZone: string;
  config: NurseCallConfig;
  /** Where the child writes the export's JSON answer (alone in a private temporary folder). */
  outFile?: string;
}

/** A nice value of 10 on Linux and macOS, "below normal" on Windows. */
const REPORT_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

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
  const outFile =
    job.kind === 'export' ? join(mkdtempSync(join(tmpdir(), 'caredesk-report-')), 'answer.json') : undefined;
  const discard = () => outFile && rmSync(dirname(outFile), { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = fork(entry.path, [], {
      execArgv: entry.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Below the app's own priority: on a two-core PC the report otherwise competes with the app's
    // thread for a core while a call is ringing. Where lowering is refused, it runs as it is.
    try {
      if (child.pid !== undefined) setPriority(child.pid, REPORT_PRIORITY);
    } catch {
      /* runs at normal priority */
    }
    let settled = false;
    child.once('message', (message: { ok: boolean; value?: unknown; error?: string; priority?: number }) => {
      settled = true;
      if (!message.ok) {
        discard();
        logger.error('nurse-call report failed in its process', { kind: job.kind, error: message.error });
        reject(new Error(message.error));
        return;
      }
      logger.info('nurse-call report built in a separate process', {
        kind: job.kind,
        range: `${job.range.from}..${job.range.to}`,
        ms: Math.round(performance.now() - started),
        priority: message.priority,
      });
      // Answered as the child wrote them (see JsonText, JsonFile): decoding a quarter's figures or
      // 13 MB of base64 here only to encode them again held this thread ~200 ms. The export stays
      // in its file and is streamed from there.
      resolve(outFile ? JsonFile.answer(outFile) : JsonText.answer(message.value as Uint8Array));
    });
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      discard();
      reject(error);
    });
    child.once('exit', (code) => {
      if (!settled) {
        settled = true;
        discard();
        reject(new Error(`nurse-call report process stopped (${code})`));
      }
    });
    child.send(outFile ? { ...job, outFile } : job);
  });
}
