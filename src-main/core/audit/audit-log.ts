import { createHash, createHmac } from 'node:crypto';
import type { AuditRow, AuditVerifyResult } from '../../shared/contract/system';
import type { Sql, SqliteDb } from '../db/sql';
import { redact, silentLogger, type Logger } from '../logger';
import {
  createAnchorStore,
  loadOrCreateKey,
  memoryKeyStore,
  type AuditAnchor,
  type AuditKeyStore,
} from './audit-key';

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

/** A row as stored; names are looked up when it is shown (`audit-names.ts`). */
export type StoredAuditRow = Omit<AuditRow, 'userName' | 'subjectName'>;

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

/**
 * Rows from `keyedFrom` on are keyed (HMAC-SHA256 with a key kept outside the database), so editing
 * a row and recomputing every later hash needs the key too. Older rows (written before keying) keep
 * their plain SHA-256.
 */
function rowHash(prevHash: string, r: HashedFields, key: Buffer | null = null): string {
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
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(material).digest('hex');
}

/** Stored in the database too, so a missing anchor file is noticed rather than taken for a first run. */
const KEYED_FROM = 'audit.keyedFrom';

export function createAuditLog(
  sql: Sql,
  keyStore: AuditKeyStore = memoryKeyStore(),
  logger: Logger = silentLogger,
) {
  const { qb } = sql;
  const key = loadOrCreateKey(keyStore);
  const anchors = createAnchorStore(keyStore.anchorPaths, key);

  const head = () =>
    sql.first(qb.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1));

  /** Where keying began; set on the first start with a key (existing rows stay plain SHA-256). */
  function keyedFrom(): number {
    const stored = sql.first(qb.selectFrom('settings').select('value').where('key', '=', KEYED_FROM));
    if (stored) return Number(JSON.parse(stored.value));
    const from = (head()?.id ?? 0) + 1;
    sql.run(
      qb
        .insertInto('settings')
        .values({ key: KEYED_FROM, value: JSON.stringify(from), updated_at: new Date().toISOString() }),
    );
    const anchor = anchors.read();
    if (anchor.state === 'none') {
      const h = head();
      anchors.write({
        seq: h?.id ?? 0,
        hash: h?.hash ?? GENESIS,
        keyedFrom: from,
        at: new Date().toISOString(),
      });
    }
    return from;
  }
  const keyingStart = keyedFrom();

  let pendingAnchor: AuditAnchor | null = null;
  function flushAnchor(): void {
    const anchor = pendingAnchor;
    if (!anchor) return;
    pendingAnchor = null;
    try {
      anchors.write(anchor);
    } catch (error) {
      // The change is committed; a missing anchor update shows up at the next verification.
      logger.error('audit anchor could not be written', { error: String(error) });
    }
  }

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
          .values({ ...fields, prev_hash: prevHash, hash: rowHash(prevHash, fields, key) }),
      );
    },

    /**
     * After a commit that appended rows: the new head is taken now and signed into the anchor files
     * once the current turn of the event loop is over. Rewriting and renaming two files costs about
     * 2 ms, which a nurse call's event and its acknowledgement must not wait for; a burst of writes
     * in one turn leaves one file update. A crash in between leaves the anchor a step behind the
     * log, which is allowed (it is never ahead); verification and closing write it first.
     */
    anchorHead(at: Date): void {
      if (keyStore.anchorPaths.length === 0) return;
      const h = head();
      if (!h) return;
      const scheduled = pendingAnchor !== null;
      pendingAnchor = { seq: h.id, hash: h.hash, keyedFrom: keyingStart, at: at.toISOString() };
      if (!scheduled) setImmediate(flushAnchor);
    },

    /** Writes a head taken by `anchorHead` that is still waiting for its turn. */
    flushAnchor,

    /** The signed head as a backup or the regulator summary carries it. */
    anchor() {
      const h = head();
      return { seq: h?.id ?? 0, hash: h?.hash ?? GENESIS, keyedFrom: keyingStart };
    },

    /** Verifies another database file's chain (a backup) with this installation's key, in chunks. */
    async verifyFile(
      db: SqliteDb,
      yieldToLoop: () => Promise<void>,
      /** The head this file must contain (a backup taken at that point). */
      expectHead?: { seq: number; hash: string },
    ): Promise<AuditVerifyResult> {
      const stored = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEYED_FROM) as
        { value: string } | undefined;
      // 500-row chunks: each stays far under the 50 ms a chunk may hold the event loop.
      const result = await verifyAuditChainOf(
        db,
        yieldToLoop,
        { key, keyedFrom: stored ? Number(JSON.parse(stored.value)) : 1 },
        500,
      );
      if (!result.intact || !expectHead || expectHead.seq === 0) return result;
      const row = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(expectHead.seq) as
        { hash: string } | undefined;
      if (row?.hash === expectHead.hash) return result;
      return {
        intact: false,
        rows: result.rows,
        firstBrokenId: expectHead.seq,
        reason: row
          ? `第 ${expectHead.seq} 条与签名锚点不符`
          : `缺少第 ${expectHead.seq} 条（末尾的记录不见了）`,
      };
    },

    /** When the log begins: roughly when this installation was set up. */
    firstEntryAt(): string | null {
      return sql.first(qb.selectFrom('audit_log').select('at').orderBy('id').limit(1))?.at ?? null;
    },

    list(filter: AuditFilter): { rows: StoredAuditRow[]; total: number } {
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
      const checker = chainChecker({ key, keyedFrom: keyingStart });
      let last: ChainRow | null = null;
      const byId = new Map<number, string>();
      flushAnchor();
      const anchor = anchors.read();
      const anchorSeq = anchor.state === 'ok' ? anchor.anchor.seq : -1;
      for (const row of sql.db
        .prepare('SELECT * FROM audit_log ORDER BY id')
        .iterate() as Iterable<ChainRow>) {
        const broken = checker.check(row);
        if (broken) return broken;
        if (row.id === anchorSeq) byId.set(row.id, row.hash);
        last = row;
      }
      const rows = checker.count();
      if (anchor.state === 'forged') {
        return {
          intact: false,
          rows,
          firstBrokenId: last?.id ?? 0,
          reason: `审计日志的签名锚点被改动过（${anchor.path}），无法确认日志末尾是否完整`,
        };
      }
      if (anchor.state === 'none') {
        if (keyStore.anchorPaths.length === 0) return { intact: true, rows };
        return {
          intact: false,
          rows,
          firstBrokenId: last?.id ?? 0,
          reason: '找不到审计日志的签名锚点文件，无法确认日志末尾没有被删除',
        };
      }
      const lastId = last?.id ?? 0;
      if (anchor.anchor.seq > lastId) {
        return {
          intact: false,
          rows,
          firstBrokenId: lastId + 1,
          reason: `日志只到第 ${lastId} 条，但第 ${anchor.anchor.seq} 条曾被记录：末尾的记录被删除了`,
        };
      }
      if (anchor.anchor.seq > 0 && byId.get(anchor.anchor.seq) !== anchor.anchor.hash) {
        return {
          intact: false,
          rows,
          firstBrokenId: anchor.anchor.seq,
          reason: `第 ${anchor.anchor.seq} 条与签名锚点不符：日志被改写并重新计算过`,
        };
      }
      return { intact: true, rows };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

type ChainRow = HashedFields & { id: number; prev_hash: string; hash: string };

function chainChecker(keying: { key: Buffer | null; keyedFrom: number }) {
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
      if (rowHash(prevHash, row, row.id >= keying.keyedFrom ? keying.key : null) !== row.hash) {
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
  keying: { key: Buffer | null; keyedFrom: number },
  chunkRows = 5000,
): Promise<AuditVerifyResult> {
  const checker = chainChecker(keying);
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
