// Entry of the child process that builds a nurse-call report (a quarter's analytics, the Excel
// export) on its own read-only connection: the app's process keeps answering panels and screens,
// and whatever memory the report needed is returned to the system when this process ends.
import { writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import Database from 'better-sqlite3';
import { Sql } from '../db/sql';
import { createCallAnalytics } from './analytics';
import type { NurseCallConfigService } from './config';
import type { ReportJob } from './report-child';
import type { NurseCallTables } from './tables';

async function run(job: ReportJob): Promise<unknown> {
  const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const config = { get: () => job.config } as unknown as NurseCallConfigService;
    const analytics = createCallAnalytics({
      sql: new Sql<NurseCallTables>(db as never),
      config,
      timeZone: () => job.timeZone,
      // Nothing else runs in this process: no reason to pause between batches.
      yieldToLoop: async () => {},
    });
    const now = new Date(job.now);
    // As JSON bytes, which the app's HTTP shell sends on unchanged: a quarter has ~90,000 bed-day
    // figures, and the export's workbook is 13 MB once in base64; encoding either in the app's
    // process held its thread for ~200 ms.
    const value =
      job.kind === 'analytics'
        ? await analytics.analyse(job.range, now)
        : await analytics.exportWorkbook(job.range, now);
    const bytes = Buffer.from(JSON.stringify(value));
    if (!job.outFile) return bytes;
    writeFileSync(job.outFile, bytes, { mode: 0o600 });
    return null;
  } finally {
    db.close();
  }
}

const answer = (message: unknown) => process.send!(message, () => process.exit(0));

process.once('message', (job: ReportJob) => {
  run(job).then(
    // Its own priority, for the app's log: reports run below the app's.
    (value) => answer({ ok: true, value, priority: getPriority() }),
    (error: unknown) =>
      answer({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
