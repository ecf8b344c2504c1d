import type { InputOf, OutputOf, ProcedureName } from '../../../src-main/shared/contract';
import type { ErrorData, Result } from '../../../src-main/shared/errors';
import type { EventMap, EventName } from '../../../src-main/shared/events';
import { observeServerTime } from '../lib/server-clock';

interface DesktopBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    caredesk?: DesktopBridge;
  }
}

/** A failed call, carried through TanStack Query as an Error. */
export class ApiError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.data.code;
  }
}

type Listener = (error: ErrorData) => void;
const sessionProblemListeners = new Set<Listener>();
/** The session layer hears about expired or locked sessions from any call, wherever it was made. */
export function onSessionProblem(listener: Listener): () => void {
  sessionProblemListeners.add(listener);
  return () => sessionProblemListeners.delete(listener);
}

async function httpCall(name: string, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  const sentAt = Date.now();
  try {
    response = await fetch(`/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
    observeServerTime(response.headers.get('x-server-time'), sentAt, Date.now());
  } catch {
    return {
      ok: false,
      error: { code: 'UNAVAILABLE', message: '连接不上 CareDesk 服务。请确认服务正在运行，然后重试。' },
    };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'UNAVAILABLE', message: `服务返回了无法识别的应答（${response.status}），请重试。` },
    };
  }
}

/** Calls a procedure through whichever shell hosts the page; features never know which. */
export async function call<K extends ProcedureName>(
  name: K,
  input: InputOf<K>,
): Promise<Result<OutputOf<K>>> {
  const result = (
    window.caredesk
      ? ((await window.caredesk.call(name, input)) as Result<unknown>)
      : await httpCall(name, input)
  ) as Result<OutputOf<K>>;
  if (
    !result.ok &&
    ['UNAUTHENTICATED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED'].includes(result.error.code)
  ) {
    for (const listener of sessionProblemListeners) listener(result.error);
  }
  return result;
}

/** Like `call`, but throws ApiError: the shape TanStack Query expects. */
export async function callOrThrow<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const result = await call(name, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

let eventSource: EventSource | null = null;
const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

const openListeners = new Set<() => void>();
/**
 * Called each time the event stream (re)connects, so a screen can reload what it may have missed
 * while the link was down (a nurse call that rang during a network blip).
 */
export function onEventsOpen(callback: () => void): () => void {
  openListeners.add(callback);
  return () => openListeners.delete(callback);
}

function ensureEventSource(): void {
  if (eventSource || window.caredesk) return;
  eventSource = new EventSource('/api/events');
  eventSource.addEventListener('open', () => {
    for (const listener of openListeners) listener();
  });
  for (const name of eventListeners.keys()) attachHttpListener(name);
}

function attachHttpListener(name: string): void {
  eventSource?.addEventListener(name, (message) => {
    const envelope = JSON.parse((message as MessageEvent<string>).data) as { payload: unknown };
    for (const listener of eventListeners.get(name) ?? []) listener(envelope.payload);
  });
}

/** Subscribes to a core event pushed over IPC or the server-sent event stream. */
export function on<K extends EventName>(name: K, callback: (payload: EventMap[K]) => void): () => void {
  const cb = callback as (payload: unknown) => void;
  if (window.caredesk) return window.caredesk.on(name, cb);
  let set = eventListeners.get(name);
  if (!set) {
    set = new Set();
    eventListeners.set(name, set);
    if (eventSource) attachHttpListener(name);
  }
  set.add(cb);
  ensureEventSource();
  return () => set.delete(cb);
}

/** After login the stream must be reopened so it carries the new session cookie. */
export function restartEvents(): void {
  if (window.caredesk) return;
  eventSource?.close();
  eventSource = null;
  if (eventListeners.size > 0) ensureEventSource();
}

export function stopEvents(): void {
  eventSource?.close();
  eventSource = null;
}
