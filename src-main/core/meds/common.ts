import type BetterSqlite3 from 'better-sqlite3';
import { fieldError } from '../../shared/errors';
import type { WriteContext } from '../api/write-path';
import type { Sql } from '../db/sql';
import type { SettingsService } from '../settings/service';
import type { People } from './people';

/** What a medication write gets: the write path's context and the signed-in user. */
export interface MedsOp extends Pick<WriteContext, 'now' | 'audit' | 'emit'> {
  user: { id: number; displayName: string };
}

export interface MedsDeps {
  sql: Sql<unknown>;
  timeZone(): string;
  people: People;
  settings: SettingsService;
}

/** Prepared statements, re-prepared after a restore swaps the connection. */
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

/** Normalises an instant given with any offset to the stored UTC form, so text order is time order. */
export const iso = (at: string | Date) => new Date(at).toISOString();

/** Refuses a time in the future: records say what happened, not what will. */
export function pastOrNow(at: string | undefined, now: Date, field = 'at'): string {
  if (at === undefined) return now.toISOString();
  const value = iso(at);
  if (Date.parse(value) > now.getTime() + 60_000) {
    throw fieldError(field, '记录的时间不能晚于现在，请检查时间');
  }
  return value;
}
