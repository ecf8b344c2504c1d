import { createHash } from 'node:crypto';
import type { AuditRow, AuditVerifyResult } from '../../shared/contract/system';
import type { Sql, SqliteDb } from '../db/sql';
import { redact } from '../logger';

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string | null;
  procedure: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  userId?: number | undefined;
  module?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

const GENESIS = '0'.repeat(64);

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(redact(value));
}

interface HashedFields {
  at: string;
  user_id: number | null;
  username: string | null;
  procedure: string;
  module: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

function rowHash(prevHash: string, r: HashedFields): string {
  const material = JSON.stringify([
    prevHash,
    r.at,
    r.user_id,
    r.username,
    r.procedure,
    r.module,
    r.entity,
    r.entity_id,
    r.before_json,
    r.after_json,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export function createAuditLog(sql: Sql) {
  const { qb } = sql;
  return {
    /** Must run inside the caller's transaction so the row commits or rolls back with the change. */
    append(entry: AuditEntry): void {
      const last = sql.first(qb.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1));
      const fields: HashedFields = {
        at: entry.at,
        user_id: entry.userId,
        username: entry.username,
        procedure: entry.procedure,
        module: entry.procedure.split('.')[0] ?? entry.procedure,
        entity: entry.entity,
        entity_id: entry.entityId,
        before_json: toJson(entry.before),
        after_json: toJson(entry.after),
      };
      const prevHash = last?.hash ?? GENESIS;
      sql.run(
        qb
          .insertInto('audit_log')
          .values({ ...fields, prev_hash: prevHash, hash: rowHash(prevHash, fields) }),
      );
    },

    /** When the log begins: roughly when this installation was set up. */
    firstEntryAt(): string | null {
      return sql.first(qb.selectFrom('audit_log').select('at').orderBy('id').limit(1))?.at ?? null;
    },

    list(filter: AuditFilter): { rows: AuditRow[]; total: number } {
      let query = qb.selectFrom('audit_log');
      if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
      if (filter.module) query = query.where('module', '=', filter.module);
      if (filter.from) query = query.where('at', '>=', filter.from);
      if (filter.to) query = query.where('at', '<', filter.to);
      const total = sql.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
      const rows = sql.all(query.selectAll().orderBy('id', 'desc').offset(filter.offset).limit(filter.limit));
      return {
        total,
        rows: rows.map((r) => ({
          id: r.id,
          at: r.at,
          userId: r.user_id,
          username: r.username,
          procedure: r.procedure,
          module: r.module,
          entity: r.entity,
          entityId: r.entity_id,
          before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
          after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
        })),
      };
    },

    /** Recomputes the whole chain; the first row whose link or content does not match is reported. */
    verify(): AuditVerifyResult {
      const checker = chainChecker();
      for (const row of sql.db
        .prepare('SELECT * FROM audit_log ORDER BY id')
        .iterate() as Iterable<ChainRow>) {
        const broken = checker.check(row);
        if (broken) return broken;
      }
      return { intact: true, rows: checker.count() };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

type ChainRow = HashedFields & { id: number; prev_hash: string; hash: string };

function chainChecker() {
  let prevHash = GENESIS;
  let count = 0;
  return {
    count: () => count,
    check(row: ChainRow): AuditVerifyResult | null {
      count += 1;
      if (row.prev_hash !== prevHash) {
        return {
          intact: false,
          rows: count,
          firstBrokenId: row.id,
          reason: '与上一条记录的链接不符（前面的记录可能被删除或修改）',
        };
      }
      if (rowHash(prevHash, row) !== row.hash) {
        return {
          intact: false,
          rows: count,
          firstBrokenId: row.id,
          reason: '记录内容与其校验值不符（记录被修改过）',
        };
      }
      prevHash = row.hash;
      return null;
    },
  };
}

/**
 * Verifies the chain of another database file (a backup) in chunks, yielding between them, so a
 * long log never holds up nurse call.
 */
export async function verifyAuditChainOf(
  db: SqliteDb,
  yieldToLoop: () => Promise<void>,
  chunkRows = 5000,
): Promise<AuditVerifyResult> {
  const checker = chainChecker();
  const page = db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, chunkRows) as ChainRow[];
    for (const row of rows) {
      const broken = checker.check(row);
      if (broken) return broken;
    }
    if (rows.length < chunkRows) return { intact: true, rows: checker.count() };
    after = rows[rows.length - 1]!.id;
    await yieldToLoop();
  }
}
