import { AppError } from '../../shared/errors';
import type { EventMap, EventName } from '../../shared/events';
import type { AuditLog } from '../audit/audit-log';
import type { Sql } from '../db/sql';
import type { EventBus } from '../events';
import type { Logger } from '../logger';

export interface AuditRecord {
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Who a change is recorded against; null for changes from the wire, a timer or the system. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
}

/** What a write may do besides its SQL: audit, publish after commit, clean up either way. */
export interface WriteContext {
  procedure: string;
  now: Date;
  user: Actor | null;
  /** Adds an audit row; the write path appends it in the same transaction as the change. */
  audit(record: AuditRecord): void;
  /** Queues an event; it is delivered only after the transaction commits. */
  emit<K extends EventName>(name: K, payload: EventMap[K]): void;
  /** For what the database cannot roll back, such as deleting a file the change no longer points to. */
  afterCommit(fn: () => void): void;
  /** E.g. removing a file written for a row that never landed. */
  onRollback(fn: () => void): void;
}

export interface WriteOptions {
  procedure: string;
  now: Date;
  user: Actor | null;
  /**
   * Audit row written when the change records none of its own (a plain settings change): keeps
   * "every write is audited" true without every handler repeating itself.
   */
  fallbackAudit?: unknown;
  /**
   * Housekeeping that is not a business change (a job's last-run time, a session's last-seen
   * time): no fallback audit row. Rows the change records itself are still written.
   */
  bookkeeping?: boolean;
  /** Caps busy_timeout for this write (the serial intake must answer the controller quickly). */
  busyWaitMs?: number;
}

export interface WritePathDeps {
  sql: Sql;
  auditLog: AuditLog;
  events: EventBus;
  logger: Logger;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The one way anything changes the database: one IMMEDIATE transaction, the audit rows appended by
 * this path only, events published after the commit, commit/rollback hooks. The dispatcher, the
 * serial intake, imports, timers and the demo seed all come through here.
 */
export function createWritePath(deps: WritePathDeps) {
  const { sql, auditLog, events, logger } = deps;
  let depth = 0;

  function runHooks(hooks: Array<() => void>, procedure: string) {
    for (const fn of hooks.splice(0)) {
      try {
        fn();
      } catch (error) {
        // The data change already happened (or never did): a failing clean-up is logged, not returned.
        logger.error('after-transaction hook failed', {
          procedure,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    }
  }

  function withBusyWait<T>(ms: number | undefined, fn: () => T): T {
    if (ms === undefined) return fn();
    const previous = Number(sql.db.pragma('busy_timeout', { simple: true }));
    if (ms >= previous) return fn();
    sql.db.pragma(`busy_timeout = ${ms}`);
    try {
      return fn();
    } finally {
      sql.db.pragma(`busy_timeout = ${previous}`);
    }
  }

  /**
   * Runs `change` as one business operation. An AppError with `commit: true` keeps what was
   * written (a failed login still counts) and is rethrown after the commit.
   */
  function run<T>(options: WriteOptions, change: (ctx: WriteContext) => T): T {
    if (depth > 0) throw new Error(`${options.procedure}: a write may not start inside another write`);
    const records: AuditRecord[] = [];
    const queued: Array<[EventName, EventMap[EventName]]> = [];
    const commitHooks: Array<() => void> = [];
    const rollbackHooks: Array<() => void> = [];
    const ctx: WriteContext = {
      procedure: options.procedure,
      now: options.now,
      user: options.user,
      audit: (record) => records.push(record),
      emit: (name, payload) => queued.push([name, payload]),
      afterCommit: (fn) => commitHooks.push(fn),
      onRollback: (fn) => rollbackHooks.push(fn),
    };

    const appendAudit = (fallback: unknown, withFallback: boolean) => {
      const rows = records.length > 0 ? records : withFallback ? [{ entity: '', after: fallback }] : [];
      for (const record of rows.splice(0)) {
        appended += 1;
        auditLog.append({
          at: options.now.toISOString(),
          // Read at append time: signing in sets the user during the call.
          userId: ctx.user?.id ?? null,
          username: ctx.user?.username ?? null,
          procedure: options.procedure,
          entity: record.entity || null,
          entityId:
            record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
          before: record.before,
          after: record.after,
        });
      }
    };

    let kept: AppError | null = null;
    let appended = 0;
    let value: T;
    depth += 1;
    try {
      value = withBusyWait(options.busyWaitMs, () =>
        sql.db
          .transaction(() => {
            try {
              const out = change(ctx);
              if (isThenable(out)) {
                throw new Error(
                  `${options.procedure} returned a promise inside its transaction; do async work in prepare`,
                );
              }
              appendAudit(options.fallbackAudit ?? null, !options.bookkeeping);
              return out;
            } catch (error) {
              if (error instanceof AppError && error.commit) {
                kept = error;
                appendAudit(null, false);
                return undefined as T;
              }
              throw error;
            }
          })
          .immediate(),
      );
    } catch (error) {
      runHooks(rollbackHooks, options.procedure);
      throw error;
    } finally {
      depth -= 1;
      // Whatever was remembered may have changed (or been changed and rolled back).
      sql.forgetRemembered();
    }
    if (appended > 0) auditLog.anchorHead(options.now);
    runHooks(commitHooks, options.procedure);
    for (const [name, payload] of queued) events.emit(name, payload);
    if (kept) throw kept;
    return value;
  }

  return {
    run,
    /** True while a write's transaction is open (used to refuse nested writes and to test). */
    get active(): boolean {
      return depth > 0;
    },
  };
}

export type WritePath = ReturnType<typeof createWritePath>;
