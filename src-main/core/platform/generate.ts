import { createCore } from '../app';
import { localDate, type Clock } from '../clock';
import { createRng } from '../demo/people';
import { silentLogger } from '../logger';
import type { GenerateContext } from '../module';
import { coreModules } from '../modules';

export interface GenerateOptions {
  dbPath: string;
  beds: number;
  years: number;
  seed: number | string;
  clock: Clock;
  progress(message: string): void;
}

/**
 * Builds a large home's history in an empty database: each module's `generate`, in registry order,
 * through the write path. Returns the accounts to print.
 */
export async function generateData(
  options: GenerateOptions,
): Promise<Array<{ username: string; password: string }>> {
  const core = createCore({ dbPath: options.dbPath, clock: options.clock, logger: silentLogger });
  const accounts: Array<{ username: string; password: string }> = [];
  // A generated file is thrown away and made again if the machine stops half-way, so it does not
  // need each batch on disk before the next; a large page cache keeps ten years of index pages in
  // memory. The server opens the finished file with its own settings.
  core.sql.db.pragma('synchronous = OFF');
  core.sql.db.pragma('cache_size = -524288');
  try {
    const now = options.clock.now();
    for (const module of coreModules) {
      if (!module.generate) continue;
      const name = module.shared.name;
      const ctx: GenerateContext = {
        sql: core.sql as GenerateContext['sql'],
        writes: core.writes,
        clock: core.clock,
        logger: core.logger,
        auth: core.services.auth,
        institution: core.services.institution,
        settings: core.services.settings,
        modules: core.services,
        rng: createRng(`${options.seed}:${name}`),
        beds: options.beds,
        years: options.years,
        // Taken after the modules before have run: the system module sets the time zone.
        today: localDate(now, core.services.institution.timeZone()),
        now,
        account: (username, password) => accounts.push({ username, password }),
        progress: (message) => options.progress(`${name}: ${message}`),
        async batches(batch, rows, write) {
          const size = batch.size ?? 5000;
          let chunk: Parameters<typeof write>[0] = [];
          let total = 0;
          const flush = () => {
            if (chunk.length === 0) return;
            const rowsNow = chunk;
            core.writes.run(
              {
                procedure: batch.procedure,
                now: batch.now?.(rowsNow) ?? now,
                user: null,
                fallbackAudit: batch.summary(rowsNow),
              },
              (w) => write(rowsNow, w),
            );
            total += rowsNow.length;
            chunk = [];
          };
          for (const row of rows) {
            chunk.push(row);
            if (chunk.length >= size) {
              flush();
              await new Promise<void>((r) => setImmediate(r));
            }
          }
          flush();
          return total;
        },
      };
      await module.generate(ctx);
    }
  } finally {
    await core.close();
  }
  return accounts;
}
