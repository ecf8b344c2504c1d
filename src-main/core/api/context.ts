import type { OutputOf, ParsedInputOf, ProcedureName } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/system';
import type { WriteContext } from './write-path';

export type { AuditRecord, Actor, WriteContext } from './write-path';

/** Who is calling, as the transport knows it: the desktop window, or one HTTP client. */
export interface CallClient {
  /** Stable per client: `desktop`, or `http:<address>` for a browser; failure counters key on it. */
  id: string;
  /** The call came from this computer itself (loopback socket and loopback Host, or the desktop app). */
  local: boolean;
  /** The transport writes an answer that is already JSON (`JsonText`, `JsonFile`) as it is, without decoding it. */
  passesJsonText?: boolean;
}

/** What every procedure sees, read or write. */
export interface ReadContext {
  procedure: ProcedureName;
  now: Date;
  /** The signed-in user, or null for public procedures called without a session. */
  user: SessionUser | null;
  /** Hash of the caller's session token (never the token itself). */
  sessionId: string | null;
  /**
   * The transport's caller; absent for calls made inside the process (tests, scripts), which are
   * trusted as this computer.
   */
  client: CallClient | undefined;
}

export interface CallContext extends ReadContext, Omit<WriteContext, 'procedure' | 'user'> {
  /** Hands a new session token to the transport (cookie or window), or clears it with null. */
  setSessionToken(token: string | null): void;
}

type Plain<K extends ProcedureName> = (input: ParsedInputOf<K>, ctx: CallContext) => OutputOf<K>;

/**
 * A procedure that must wait for something (reading an Excel file, writing one, a network call):
 * `prepare` runs before and `finish` after the procedure's one synchronous `run` (its transaction
 * when it writes). Neither may write: they get no audit or emit.
 */
export interface Prepared<K extends ProcedureName, P, R = OutputOf<K>> {
  prepare(input: ParsedInputOf<K>, ctx: ReadContext): Promise<P>;
  run(input: ParsedInputOf<K>, ctx: CallContext, prepared: P): R;
  /** E.g. builds the file to download from what `run` read and audited. */
  finish?(ran: R, ctx: ReadContext): Promise<OutputOf<K>>;
}

/** `run` then an asynchronous `finish`, with nothing to prepare. */
export function finished<K extends ProcedureName, R>(
  run: (input: ParsedInputOf<K>, ctx: CallContext) => R,
  finish: (ran: R, ctx: ReadContext) => Promise<OutputOf<K>>,
): Prepared<K, null, R> {
  return { prepare: async () => null, run: (input, ctx) => run(input, ctx), finish };
}

export type Handler<K extends ProcedureName> = Plain<K> | Prepared<K, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `prepared(fn)` for a read whose whole answer is asynchronous (an Excel template, a file). */
export function prepared<K extends ProcedureName>(
  fn: (input: ParsedInputOf<K>, ctx: ReadContext) => Promise<OutputOf<K>>,
): Prepared<K, OutputOf<K>> {
  return { prepare: fn, run: (_input, _ctx, value) => value };
}

export type Handlers = { [K in ProcedureName]: Handler<K> };

/** The handlers one module provides: every procedure whose name starts with one of its prefixes. */
export type ModuleHandlers<P extends string> = {
  [K in ProcedureName as K extends `${P}.${string}` ? K : never]: Handler<K>;
};

export function requireUser(ctx: ReadContext): SessionUser {
  if (!ctx.user) throw new Error(`${ctx.procedure} needs a signed-in user`);
  return ctx.user;
}
