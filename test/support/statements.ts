import Database from 'better-sqlite3';

/**
 * Records every statement run on any better-sqlite3 connection while recording is on: the SQL of
 * each `run`/`get`/`all`/`iterate`. Install it before the core is created (statements are cached
 * when first prepared) and `restore` it after.
 */
export function traceStatements() {
  const proto = Database.prototype as unknown as {
    prepare: (this: Database.Database, sql: string) => unknown;
  };
  const original = proto.prepare;
  const log: string[] = [];
  let recording = false;
  proto.prepare = function prepare(this: Database.Database, source: string) {
    const statement = original.call(this, source) as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const run = statement[method]!;
      statement[method] = function traced(this: unknown, ...args: unknown[]) {
        // PRAGMA query_only around each read is the connection's mode, not a lookup.
        if (recording && !/^PRAGMA /i.test(source)) log.push(source);
        return run.apply(this, args);
      };
    }
    return statement;
  };
  return {
    /** Runs `fn` and returns the statements it ran, in order. */
    async during(fn: () => unknown): Promise<string[]> {
      log.length = 0;
      recording = true;
      try {
        await fn();
      } finally {
        recording = false;
      }
      return [...log];
    },
    restore(): void {
      proto.prepare = original;
    },
  };
}

/** Tables that grow with the home and its years: none may be read whole on a hot path. */
const GROWING =
  /^(beds|rooms|residents|resident_events|resident_leaves|ability_assessments|risk_assessments|care_history|incidents|nursecall_calls|nursecall_addresses|audit_log|sessions|users)$/;

/**
 * Plan lines of `sql` that read a growing table whole or sort its rows in a temporary b-tree:
 * what makes a statement slower with every bed and every year.
 */
export function scansOf(db: Database.Database, sql: string): string[] {
  if (!/^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)/i.test(sql)) return [];
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return plan
    .map((p) => p.detail)
    .filter((detail) => {
      const scan = /^SCAN (\w+)/.exec(detail);
      // Newest rows by rowid stop after the first few: the audit chain's head.
      const newestByRowid = /order by "id" desc limit \?$/i.test(sql.trim());
      if (
        scan &&
        GROWING.test(scan[1]!) &&
        !newestByRowid &&
        !/USING (COVERING )?INDEX nursecall_calls_open/.test(detail)
      )
        return true;
      return /TEMP B-TREE/.test(detail) && /nursecall_calls|resident_events|audit_log/.test(sql);
    });
}
