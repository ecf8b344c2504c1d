import { useSyncExternalStore } from 'react';
import type { ActiveCall, CallPriority } from '../../../../src-main/shared/contract/nursecall';
import type { EventMap } from '../../../../src-main/shared/events';
import { call, on, onEventsOpen } from '../../api/client';

/**
 * The active calls every screen of this client shares (alarm board, wall view, sound, tile).
 * One subscription to the event stream and one sync loop, however many components read it.
 */
export interface CallBoardState {
  calls: ActiveCall[];
  /** `live`: loaded and receiving events. `offline`: the last sync failed; what is shown may be stale. */
  connection: 'loading' | 'live' | 'offline';
  /** Why the last sync failed, in the core's words. */
  problem: string | null;
  problemCode: string | null;
  /** Client time of the last successful full load. */
  syncedAt: number | null;
}

type Change = { kind: 'upsert'; call: ActiveCall } | { kind: 'remove'; callId: number };

export type CallNotice =
  | { kind: 'new'; call: ActiveCall }
  | { kind: 'escalated'; call: ActiveCall }
  | { kind: 'acknowledged'; call: ActiveCall }
  | { kind: 'cleared'; callId: number };

/** Events can be lost while the stream reconnects; this catches anything missed. */
const RESYNC_MS = 15_000;
/** While the server is unreachable, try often: a call may be ringing at the desk right now. */
const RETRY_MS = 2_000;

const priorityRank: Record<CallPriority, number> = { alarm: 0, high: 1, normal: 2 };

/** The order `nursecall.calls.active` documents: highest priority first, then the longest waiting. */
export function compareCalls(a: ActiveCall, b: ActiveCall): number {
  return (
    priorityRank[a.priority] - priorityRank[b.priority] || a.raisedAt.localeCompare(b.raisedAt) || a.id - b.id
  );
}

/**
 * An event that was already in flight when a snapshot was taken may be older than the snapshot;
 * acknowledgement and escalation never go backwards, so keep whichever side has them.
 */
export function mergeCall(current: ActiveCall | undefined, incoming: ActiveCall): ActiveCall {
  if (!current) return incoming;
  const merged: ActiveCall = { ...incoming, repeats: Math.max(current.repeats, incoming.repeats) };
  if (current.status === 'acknowledged' && incoming.status === 'raised') {
    merged.status = 'acknowledged';
    merged.acknowledgedAt = current.acknowledgedAt;
    merged.acknowledgedBy = current.acknowledgedBy;
  }
  if (current.escalated && !incoming.escalated) {
    merged.escalated = true;
    merged.escalatedAt = current.escalatedAt;
  }
  return merged;
}

export function applyChange(calls: ActiveCall[], change: Change): ActiveCall[] {
  if (change.kind === 'remove') {
    return calls.some((c) => c.id === change.callId) ? calls.filter((c) => c.id !== change.callId) : calls;
  }
  const current = calls.find((c) => c.id === change.call.id);
  const next = mergeCall(current, change.call);
  return [...calls.filter((c) => c.id !== change.call.id), next].sort(compareCalls);
}

let state: CallBoardState = {
  calls: [],
  connection: 'loading',
  problem: null,
  problemCode: null,
  syncedAt: null,
};
const listeners = new Set<() => void>();
const noticeListeners = new Set<(notice: CallNotice) => void>();
let users = 0;
let stopEvents: Array<() => void> = [];
let timer: number | undefined;
/** Events received while a load is in flight, replayed over its answer. */
let inFlight: Change[] | null = null;
let generation = 0;

function setState(patch: Partial<CallBoardState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function notify(notice: CallNotice) {
  for (const l of noticeListeners) l(notice);
}

/**
 * Calls this client has seen cleared. A cleared call never reopens (a new press is a new id), so an
 * event for one that arrives late (a 'raised' overtaken by the 'cleared', or a snapshot read just
 * before the clear) must not bring the card back. Bounded: old ids fall off in insertion order.
 */
const cleared = new Set<number>();
const CLEARED_KEEP = 2_000;

function rememberCleared(callId: number) {
  cleared.add(callId);
  if (cleared.size > CLEARED_KEEP) cleared.delete(cleared.values().next().value!);
}

function receive(change: Change) {
  if (change.kind === 'upsert' && cleared.has(change.call.id)) return;
  inFlight?.push(change);
  setState({ calls: applyChange(state.calls, change) });
}

function onRaised({ call: c }: EventMap['nursecall.raised']) {
  if (cleared.has(c.id)) return;
  const isNew = !state.calls.some((x) => x.id === c.id);
  receive({ kind: 'upsert', call: c });
  if (isNew) notify({ kind: 'new', call: c });
}

function onEscalated({ call: c }: EventMap['nursecall.escalated']) {
  if (cleared.has(c.id)) return;
  const wasEscalated = state.calls.find((x) => x.id === c.id)?.escalated ?? false;
  receive({ kind: 'upsert', call: c });
  if (!wasEscalated) notify({ kind: 'escalated', call: c });
}

function onAcknowledged({ call: c }: EventMap['nursecall.acknowledged']) {
  if (cleared.has(c.id)) return;
  receive({ kind: 'upsert', call: c });
  notify({ kind: 'acknowledged', call: c });
}

function onCleared({ callId }: EventMap['nursecall.cleared']) {
  rememberCleared(callId);
  receive({ kind: 'remove', callId });
  notify({ kind: 'cleared', callId });
}

/** Loads every active call and replays what arrived meanwhile. Exposed for "刷新" and after writes. */
export async function syncCalls(): Promise<void> {
  if (users === 0) return;
  const mine = ++generation;
  const buffered: Change[] = [];
  inFlight = buffered;
  const result = await call('nursecall.calls.active', {});
  if (mine !== generation) return;
  inFlight = null;
  if (!result.ok) {
    // A locked screen cannot load, but the event stream still brings new calls: keep ringing them.
    setState({ connection: 'offline', problem: result.error.message, problemCode: result.error.code });
    schedule(RETRY_MS);
    return;
  }
  const firstLoad = state.syncedAt === null;
  const before = new Map(state.calls.map((c) => [c.id, c]));
  let calls = result.value.filter((c) => !cleared.has(c.id)).sort(compareCalls);
  for (const change of buffered) calls = applyChange(calls, change);
  setState({ calls, connection: 'live', problem: null, problemCode: null, syncedAt: Date.now() });
  // Calls that rang while this client was disconnected are new to this client: announce them.
  for (const c of calls) {
    const old = before.get(c.id);
    if (!old && !firstLoad) notify({ kind: 'new', call: c });
    else if (old && c.escalated && !old.escalated) notify({ kind: 'escalated', call: c });
  }
  schedule(RESYNC_MS);
}

function schedule(ms: number) {
  window.clearTimeout(timer);
  if (users > 0) timer = window.setTimeout(() => void syncCalls(), ms);
}

function onWake() {
  if (document.visibilityState === 'visible') void syncCalls();
}

function start() {
  stopEvents = [
    on('nursecall.raised', onRaised),
    on('nursecall.escalated', onEscalated),
    on('nursecall.acknowledged', onAcknowledged),
    on('nursecall.cleared', onCleared),
    // Reconnected after a drop: load at once what rang meanwhile instead of at the next resync.
    onEventsOpen(() => void syncCalls()),
  ];
  window.addEventListener('online', onWake);
  document.addEventListener('visibilitychange', onWake);
  void syncCalls();
}

function stop() {
  for (const off of stopEvents) off();
  stopEvents = [];
  window.clearTimeout(timer);
  window.removeEventListener('online', onWake);
  document.removeEventListener('visibilitychange', onWake);
  generation++;
  inFlight = null;
  state = { calls: [], connection: 'loading', problem: null, problemCode: null, syncedAt: null };
}

/** Keeps the store running while at least one component holds it. */
function retain(): () => void {
  if (users++ === 0) start();
  return () => {
    if (--users === 0) stop();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const release = retain();
  return () => {
    listeners.delete(listener);
    release();
  };
}

/** The same store outside React (tests, non-component code). */
export function subscribeCalls(listener: () => void): () => void {
  return subscribe(listener);
}

export function currentCalls(): CallBoardState {
  return state;
}

export function useActiveCalls(): CallBoardState {
  return useSyncExternalStore(subscribe, () => state);
}

/** New, escalated, acknowledged and cleared calls, once each, for sound and OS notifications. */
export function onCallNotice(listener: (notice: CallNotice) => void): () => void {
  noticeListeners.add(listener);
  return () => noticeListeners.delete(listener);
}

/** After this client acknowledged or cleared, show it at once rather than waiting for the event. */
export function applyLocal(change: Change): void {
  if (change.kind === 'remove') rememberCleared(change.callId);
  else if (cleared.has(change.call.id)) return;
  setState({ calls: applyChange(state.calls, change) });
}
