import type BetterSqlite3 from 'better-sqlite3';
import type { AuditRecord } from '../api/write-path';
import { localDate } from '../clock';
import type { Sql } from '../db/sql';
import type { EventMap, EventName } from '../../shared/events';
import type { InstitutionService } from '../institution/service';
import type { ResidentsModule } from '../residents/service';
import { AppError } from '../../shared/errors';

/** What a billing write sees of its transaction. */
export interface OpContext {
  now: Date;
  user: { id: number; displayName: string } | null;
  audit(record: AuditRecord): void;
  emit<K extends EventName>(name: K, payload: EventMap[K]): void;
}

export interface BillingDeps {
  sql: Sql<unknown>;
  institution: InstitutionService;
  residents: () => ResidentsModule;
  timeZone: () => string;
}

/**
 * Raw statements, cached per connection: billing's queries are plain SQL over its own tables, and a
 * restore swaps the connection, which kills every statement prepared on the old one.
 */
export function statements(sql: Sql<unknown>) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  let on = sql.db;
  return (text: string): BetterSqlite3.Statement => {
    if (on !== sql.db) {
      cache.clear();
      on = sql.db;
    }
    let s = cache.get(text);
    if (!s) {
      s = sql.db.prepare(text);
      cache.set(text, s);
    }
    return s;
  };
}
export type Stmt = ReturnType<typeof statements>;

export function todayOf(deps: Pick<BillingDeps, 'timeZone'>, now: Date): string {
  return localDate(now, deps.timeZone());
}

/**
 * The next number of a gapless sequence (invoices per year, receipts per year). Taken inside the
 * write's transaction, so a rolled-back write gives its number back.
 */
export function nextNumber(stmt: Stmt, key: string): number {
  const row = stmt('SELECT last FROM billing_sequences WHERE key = ?').get(key) as
    { last: number } | undefined;
  const next = (row?.last ?? 0) + 1;
  stmt(
    'INSERT INTO billing_sequences (key, last) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET last = excluded.last',
  ).run(key, next);
  return next;
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `找不到这${what}，可能已被删除。请刷新后重试。`);
}

export function precondition(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('PRECONDITION', message, details);
}

export { yuan } from '../../shared/contract/billing/money';
