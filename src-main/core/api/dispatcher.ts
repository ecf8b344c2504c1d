import { randomUUID } from 'node:crypto';
import { isProcedureName, procedures, type ProcedureName } from '../../shared/contract';
import type { ProcedureDef } from '../../shared/contract/define';
import type { SessionUser } from '../../shared/contract/system';
import { AppError, type ErrorData, type Result } from '../../shared/errors';
import { hasPermission, permissionLabels } from '../../shared/permissions';
import { toFieldErrors } from '../../shared/validation';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { CallClient, CallContext, Handler, Handlers, ReadContext } from './context';
import { JsonFile, JsonText } from './json-text';
import type { WritePath } from './write-path';

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
  handlers: Handlers;
  sessions: SessionResolver;
  writes: WritePath;
  sql: Sql;
  clock: Clock;
  logger: Logger;
  /** Extra procedures only some runs have (the test clock); looked up after the contract. */
  extra?: { procedures: Record<string, ProcedureDef>; handlers: Record<string, Handler<never>> };
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
 * The one path every call takes, whichever transport brought it: authenticate, authorize,
 * validate, then run — reads on a connection that refuses writes, writes through the write path
 * (one transaction with their audit rows, events after the commit).
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { handlers, sessions, writes, sql, clock, logger } = deps;

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
        { permission: def.access },
      );
    }
    return resolved;
  }

  function lookup(name: string): { def: ProcedureDef; handler: Handler<never> } | null {
    if (isProcedureName(name)) {
      return { def: procedures[name], handler: handlers[name] as unknown as Handler<never> };
    }
    const extra = deps.extra;
    if (extra && Object.hasOwn(extra.procedures, name) && Object.hasOwn(extra.handlers, name)) {
      return { def: extra.procedures[name]!, handler: extra.handlers[name]! };
    }
    return null;
  }

  async function dispatch(
    name: string,
    rawInput: unknown,
    token?: string | null,
    client?: CallClient,
  ): Promise<DispatchOutcome> {
    const now = clock.now();
    const found = lookup(name);
    if (!found) {
      return { result: { ok: false, error: { code: 'NOT_FOUND', message: `没有名为 ${name} 的操作。` } } };
    }
    const { def, handler } = found;

    // Authenticate first: a caller without a session learns nothing about a procedure's fields.
    let session: ResolvedSession | null = null;
    try {
      session = authorize(def, token, now);
    } catch (error) {
      return { result: { ok: false, error: toErrorData(error, name) } };
    }

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

    let sessionToken: string | null | undefined;
    const readCtx: ReadContext = {
      procedure: name as ProcedureName,
      now,
      user: session?.user ?? null,
      sessionId: session?.sessionId ?? null,
      client,
    };
    const input = parsed.data as never;
    const unusable = (what: string) => () => {
      throw new Error(`${name} is declared write: false and cannot ${what}`);
    };

    try {
      let preparedValue: unknown;
      const run =
        typeof handler === 'function'
          ? (ctx: CallContext) => handler(input, ctx)
          : (ctx: CallContext) => handler.run(input, ctx, preparedValue as never);
      if (typeof handler !== 'function') preparedValue = await handler.prepare(input, readCtx);

      let value: unknown;
      if (def.write) {
        value = writes.run(
          {
            procedure: name,
            now,
            user: session?.user ?? null,
            fallbackAudit: parsed.data,
          },
          // The write context is extended in place: a handler that signs someone in sets `user`,
          // and the write path records whoever is set when it appends the audit rows.
          (w) =>
            run(
              Object.assign(w, {
                sessionId: readCtx.sessionId,
                client,
                setSessionToken: (value: string | null) => {
                  sessionToken = value;
                },
              }) as unknown as CallContext,
            ),
        );
      } else {
        value = sql.readOnly(() =>
          run({
            ...readCtx,
            audit: unusable('write audit rows'),
            emit: unusable('publish events'),
            afterCommit: unusable('register commit hooks'),
            onRollback: unusable('register rollback hooks'),
            setSessionToken: (value) => {
              sessionToken = value;
            },
          }),
        );
        if (isThenable(value)) {
          throw new Error(`${name} returned a promise; asynchronous work belongs in prepare`);
        }
      }
      if (typeof handler !== 'function' && handler.finish)
        value = await handler.finish(value as never, readCtx);
      if ((value instanceof JsonText || value instanceof JsonFile) && !client?.passesJsonText)
        value = value.parse();
      const result: Result<unknown> = { ok: true, value: value === undefined ? null : value };
      return sessionToken === undefined ? { result } : { result, sessionToken };
    } catch (error) {
      const result: Result<unknown> = { ok: false, error: toErrorData(error, name) };
      return sessionToken === undefined ? { result } : { result, sessionToken };
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
