import { randomUUID } from 'node:crypto';
import { isProcedureName, procedures, type ProcedureName } from '../../shared/contract';
import type { ProcedureDef } from '../../shared/contract/define';
import type { SessionUser } from '../../shared/contract/system';
import { AppError, type ErrorData, type Result } from '../../shared/errors';
import type { EventMap, EventName } from '../../shared/events';
import { hasPermission, permissionLabels, type Permission } from '../../shared/permissions';
import { toFieldErrors } from '../../shared/validation';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { AuditRecord, CallClient, CallContext, Handlers } from './context';

export interface ResolvedSession {
  sessionId: string;
  user: SessionUser;
  locked: boolean;
}

export interface SessionResolver {
  /** Returns the live session for a token, or an AppError explaining why there is none. */
  resolve(token: string, now: Date): ResolvedSession | AppError;
}

export interface DispatchOutcome {
  result: Result<unknown>;
  /** Present when the call created (string) or ended (null) the caller's session. */
  sessionToken?: string | null;
}

export interface DispatcherDeps {
  sql: Sql;
  handlers: Handlers;
  sessions: SessionResolver;
  auditLog: AuditLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

function permissionName(permission: string): string {
  return (permissionLabels as Record<string, { zh: string } | undefined>)[permission]?.zh ?? permission;
}

/**
 * The one path every call takes, whichever transport brought it: validate, authenticate,
 * authorize, run (writes in one transaction with their audit rows), then publish events.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { sql, handlers, sessions, auditLog, events, clock, logger } = deps;

  function authorize(def: ProcedureDef, token: string | null | undefined, now: Date) {
    if (def.access === 'public') {
      if (!token) return null;
      const resolved = sessions.resolve(token, now);
      return resolved instanceof AppError ? null : resolved;
    }
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录。');
    const resolved = sessions.resolve(token, now);
    if (resolved instanceof AppError) throw resolved;
    if (!def.allowWhileRestricted) {
      if (resolved.locked) throw new AppError('SESSION_LOCKED', '屏幕已锁定，请输入密码解锁后继续。');
      if (resolved.user.mustChangePassword) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', '为了账号安全，请先修改初始密码。');
      }
    }
    if (def.access !== 'authenticated' && !hasPermission(resolved.user.permissions, def.access)) {
      throw new AppError(
        'FORBIDDEN',
        `您没有权限进行此操作（需要“${permissionName(def.access)}”权限）。如需办理，请联系管理员为您开通。`,
        { permission: def.access as Permission },
      );
    }
    return resolved;
  }

  async function dispatch(
    name: string,
    rawInput: unknown,
    token?: string | null,
    client?: CallClient,
  ): Promise<DispatchOutcome> {
    const now = clock.now();
    if (!isProcedureName(name)) {
      return { result: { ok: false, error: { code: 'NOT_FOUND', message: `没有名为 ${name} 的操作。` } } };
    }
    const def: ProcedureDef = procedures[name];
    const auditRecords: AuditRecord[] = [];
    const queuedEvents: Array<[EventName, EventMap[EventName]]> = [];
    const commitHooks: Array<() => void> = [];
    const rollbackHooks: Array<() => void> = [];
    let sessionToken: string | null | undefined;

    const parsed = def.input.safeParse(rawInput === null ? undefined : rawInput);
    if (!parsed.success) {
      const fieldErrors = toFieldErrors(parsed.error);
      const first = fieldErrors[0];
      return {
        result: {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: first ? `填写的内容有误：${first.message}` : '填写的内容有误，请检查后重试。',
            details: { fieldErrors },
          },
        },
      };
    }

    let session: ResolvedSession | null = null;
    try {
      session = authorize(def, token, now);
    } catch (error) {
      return { result: { ok: false, error: toErrorData(error, name) } };
    }

    const ctx: CallContext = {
      procedure: name,
      now,
      user: session?.user ?? null,
      sessionId: session?.sessionId ?? null,
      client,
      audit: (record) => auditRecords.push(record),
      emit: (eventName, payload) => queuedEvents.push([eventName, payload]),
      setSessionToken: (value) => {
        sessionToken = value;
      },
      afterCommit: (fn) => commitHooks.push(fn),
      onRollback: (fn) => rollbackHooks.push(fn),
    };

    // The data change already happened (or never did); a failing clean-up must not turn the
    // result into an error, so it is logged for support instead.
    const runHooks = (hooks: Array<() => void>) => {
      for (const fn of hooks.splice(0)) {
        try {
          fn();
        } catch (error) {
          logger.error('after-transaction hook failed', {
            procedure: name,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          });
        }
      }
    };

    const writeAudit = (fallbackAfter: unknown) => {
      const user = ctx.user;
      const records =
        auditRecords.length > 0 ? auditRecords : def.write ? [{ entity: '', after: fallbackAfter }] : [];
      for (const record of records) {
        auditLog.append({
          at: now.toISOString(),
          userId: user?.id ?? null,
          username: user?.username ?? null,
          procedure: name,
          entity: record.entity || null,
          entityId:
            record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
          before: record.before,
          after: record.after,
        });
      }
    };

    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    let committedFailure: AppError | null = null;
    // better-sqlite3 refuses a transaction function that returns a promise, so an async read's
    // promise is carried out of the transaction and awaited after it.
    let pending: PromiseLike<unknown> | null = null;
    let committed = false;
    try {
      let value = sql.transaction(() => {
        try {
          const out = handler(parsed.data, ctx);
          if (isThenable(out)) {
            if (def.write)
              throw new Error(`write procedure ${name} returned a promise; writes must be synchronous`);
            pending = out;
            return undefined;
          }
          writeAudit(parsed.data);
          return out;
        } catch (error) {
          if (error instanceof AppError && error.commit) {
            // Keep what the handler wrote (e.g. a failed-login counter) and its audit rows.
            committedFailure = error;
            writeAudit(null);
            return undefined;
          }
          throw error;
        }
      });
      committed = true;
      const asyncRead = pending as PromiseLike<unknown> | null;
      if (asyncRead) {
        value = await asyncRead;
        if (auditRecords.length > 0) sql.transaction(() => writeAudit(null));
      }
      runHooks(commitHooks);
      for (const [eventName, payload] of queuedEvents) events.emit(eventName, payload);
      const failure = committedFailure as AppError | null;
      const result: Result<unknown> = failure
        ? { ok: false, error: failure.toData() }
        : { ok: true, value: value === undefined ? null : value };
      return sessionToken === undefined ? { result } : { result, sessionToken };
    } catch (error) {
      // Hooks follow the transaction: an async read failing after its transaction committed still runs them.
      runHooks(committed ? commitHooks : rollbackHooks);
      return { result: { ok: false, error: toErrorData(error, name) } };
    }
  }

  function toErrorData(error: unknown, procedure: ProcedureName | string): ErrorData {
    if (error instanceof AppError) return error.toData();
    const reference = randomUUID().slice(0, 8);
    logger.error('procedure failed', {
      procedure,
      reference,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return {
      code: 'INTERNAL',
      message: `系统内部错误，操作没有完成，数据未被改动。请重试；如反复出现，请联系技术支持并告知编号 ${reference}。`,
      details: { reference },
    };
  }

  return { dispatch };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
