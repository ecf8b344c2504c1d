import type { OutputOf, ParsedInputOf, ProcedureName } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/system';
import type { EventMap, EventName } from '../../shared/events';

export interface AuditRecord {
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Who is calling, as the transport knows it: the desktop window, or one HTTP client. */
export interface CallClient {
  /** Stable per client: `desktop`, or `http:<address>` for a browser; failure counters key on it. */
  id: string;
  /** The call came from this computer itself (loopback socket and loopback Host, or the desktop app). */
  local: boolean;
}

export interface CallContext {
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
  /** Adds an audit row in the same transaction as the operation. */
  audit(record: AuditRecord): void;
  /** Queues an event; it is delivered only after the transaction commits. */
  emit<K extends EventName>(name: K, payload: EventMap[K]): void;
  /** Hands a new session token to the transport (cookie or window), or clears it with null. */
  setSessionToken(token: string | null): void;
  /**
   * Runs `fn` once the call's transaction has committed (before its events go out). For what the
   * database cannot roll back, such as deleting a file the committed change no longer points to.
   */
  afterCommit(fn: () => void): void;
  /** Runs `fn` if the call's transaction rolls back, e.g. to remove a file written for a row that never landed. */
  onRollback(fn: () => void): void;
}

export type Handler<K extends ProcedureName> = (
  input: ParsedInputOf<K>,
  ctx: CallContext,
) => OutputOf<K> | Promise<OutputOf<K>>;

export type Handlers = { [K in ProcedureName]: Handler<K> };

/** The handlers one module provides: every procedure whose name starts with one of its prefixes. */
export type ModuleHandlers<P extends string> = {
  [K in ProcedureName as K extends `${P}.${string}` ? K : never]: Handler<K>;
};

export function requireUser(ctx: CallContext): SessionUser {
  if (!ctx.user) throw new Error(`${ctx.procedure} needs a signed-in user`);
  return ctx.user;
}
