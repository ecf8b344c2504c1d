import type { AuditRecord } from '../api/write-path';
import type { AuthService } from '../auth/service';
import type { Sql } from '../db/sql';
import type { FireTables } from './tables';

export interface FireDeps {
  sql: Sql<FireTables>;
  auth: AuthService;
  timeZone(): string;
}

/** The caller of a read. */
export interface ReadOp {
  now: Date;
}

/** The caller of a write: who, when, and the write path's audit. */
export interface WriteOp extends ReadOp {
  user: { id: number; displayName: string } | null;
  audit(record: AuditRecord): void;
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Last day of the month `date` is in. */
export function endOfMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Same day `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}
