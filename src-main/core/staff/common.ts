import type { AuditRecord } from '../api/context';
import type { Sql } from '../db/sql';
import type { StaffTables } from './tables';

/** What a staff operation needs from its caller (the dispatcher's call context, the demo seed). */
export interface OpContext {
  now: Date;
  user: { id: number; displayName: string } | null;
  audit(record: AuditRecord): void;
}

export interface StaffDeps {
  sql: Sql<StaffTables>;
  /** The institution's business date for an instant. */
  today(now: Date): string;
}

const dayMs = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Monday of the ISO week holding `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
