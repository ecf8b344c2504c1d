// Entry of the worker thread that builds nurse-call reports (a quarter's analytics, the Excel
// export) on its own read-only connection, so the main thread keeps answering panels and screens.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Sql } from '../db/sql';
import { createCallAnalytics } from './analytics';
import type { NurseCallConfigService } from './config';
import type { ReportJob } from './off-thread';
import type { NurseCallTables } from './tables';

async function run(job: ReportJob): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const config = { get: () => job.config } as unknown as NurseCallConfigService;
    const analytics = createCallAnalytics({
      sql: new Sql<NurseCallTables>(db as never),
      config,
      timeZone: () => job.timeZone,
      // Nothing else runs on this thread: no reason to pause between batches.
      yieldToLoop: async () => {},
    });
    const now = new Date(job.now);
    // As JSON text: a quarter has ~90,000 bed-day figures, and cloning that many objects into the
    // main thread held it for ~200 ms, where parsing the text takes a tenth of that.
    if (job.kind === 'analytics') return { value: JSON.stringify(await analytics.analyse(job.range, now)) };
    const { fileName, bytes } = await analytics.exportBytes(job.range, now);
    // A fresh copy owns its whole ArrayBuffer, which is then moved to the main thread, not cloned.
    const owned = new Uint8Array(bytes).buffer;
    return { value: { fileName, bytes: owned }, transfer: [owned] };
  } finally {
    db.close();
  }
}

run(workerData as ReportJob).then(
  ({ value, transfer }: { value: unknown; transfer?: ArrayBuffer[] }) =>
    parentPort!.postMessage({ ok: true, value }, transfer ?? []),
  (error: unknown) =>
    parentPort!.postMessage({
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
