import type BetterSqlite3 from 'better-sqlite3';
import { nineRiskKeys, nineRiskLevels, type NineRiskLevel } from '../../shared/assessment/nine-risks';
import type { RiskBadge } from '../../shared/contract/residents';
import { AppError, fieldError } from '../../shared/errors';
import type { EventMap, EventName } from '../../shared/events';
import type { AuditRecord } from '../api/context';
import type { AuthService } from '../auth/service';
import { localDate } from '../clock';
import type { Sql } from '../db/sql';
import type { ResidentsTables } from './tables';
import type { InstitutionService } from '../institution/service';

/**
 * What a residents operation needs from its caller: the write path's context (the dispatcher's
 * `CallContext` and the demo seed's fit as they are).
 */
export interface OpContext {
  now: Date;
  user: { id: number; displayName: string } | null;
  audit(record: AuditRecord): void;
  emit<K extends EventName>(name: K, payload: EventMap[K]): void;
  /** File clean-up that must wait until the database change is committed (see `CallContext`). */
  afterCommit(fn: () => void): void;
  onRollback(fn: () => void): void;
}

export interface ModuleDeps {
  sql: Sql<ResidentsTables>;
  institution: InstitutionService;
  auth: AuthService;
}

/** The institution's business date for `ctx.now`. */
export function todayOf(deps: Pick<ModuleDeps, 'institution'>, ctx: { now: Date }): string {
  return localDate(ctx.now, deps.institution.timeZone());
}

const dayMs = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Same day `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** Refuses a date after today, at the field's path, in words that say what to do. */
export function notInFuture(date: string, today: string, path: string, what: string): void {
  if (date > today) throw fieldError(path, `${what}（${date}）不能晚于今天（${today}），请核对`);
}

/**
 * A name as the permanent audit log keeps it: the first character and ＊ (张＊), enough to tell
 * rows apart at a glance, not enough to identify the person once their record is purged.
 */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '' : `${first}＊`;
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** `LIKE` pattern text with the wildcards escaped (use with `ESCAPE '\\'`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Caches raw statements for the queries kysely cannot express neatly (CASE-heavy orderings). Reads
 * the connection on every use: after a restore it is a new one, and old statements are dead.
 */
export function statementCache(source: { readonly db: BetterSqlite3.Database }) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  let preparedOn = source.db;
  return (text: string): BetterSqlite3.Statement => {
    if (preparedOn !== source.db) {
      cache.clear();
      preparedOn = source.db;
    }
    let s = cache.get(text);
    if (!s) {
      s = source.db.prepare(text);
      cache.set(text, s);
    }
    return s;
  };
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `找不到这${what}，可能已被删除。请刷新后重试。`);
}

export function precondition(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('PRECONDITION', message, details);
}

export function actorOf(ctx: OpContext): { id: number | null; name: string | null } {
  return { id: ctx.user?.id ?? null, name: ctx.user?.displayName ?? null };
}

/** Items at 中 or 高 from a stored nine-risk assessment, highest first, then in the standard's order. */
export function riskBadgesOf(itemsJson: string | null | undefined): RiskBadge[] {
  const items = parseJson<Record<string, { level: NineRiskLevel }>>(itemsJson, {});
  const badges: RiskBadge[] = [];
  for (const key of nineRiskKeys) {
    const level = items[key]?.level;
    if (level === 'medium' || level === 'high') badges.push({ key, level });
  }
  return badges.sort((a, b) => nineRiskLevels.indexOf(b.level) - nineRiskLevels.indexOf(a.level));
}
