import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActiveCall } from '../../../src-main/shared/contract/nursecall';
import type { EventMap } from '../../../src-main/shared/events';

/**
 * The store is the renderer's only guard against missed or out-of-order events, so it is driven here
 * through the same three doors the app uses: `call` (the snapshot), `on` (events) and `onEventsOpen`.
 */
type Result = { ok: true; value: ActiveCall[] } | { ok: false; error: { code: string; message: string } };

const api = vi.hoisted(() => ({
  loads: [] as Array<{ resolve: (r: unknown) => void }>,
  listeners: new Map<string, (payload: unknown) => void>(),
  opened: [] as Array<() => void>,
}));

vi.mock('../../../src-renderer/src/api/client', () => ({
  call: vi.fn((name: string) => {
    if (name !== 'nursecall.calls.active') throw new Error(`unexpected ${name}`);
    return new Promise((resolve) => api.loads.push({ resolve }));
  }),
  on: vi.fn((name: string, cb: (payload: unknown) => void) => {
    api.listeners.set(name, cb);
    return () => api.listeners.delete(name);
  }),
  onEventsOpen: vi.fn((cb: () => void) => {
    api.opened.push(cb);
    return () => (api.opened = api.opened.filter((x) => x !== cb));
  }),
}));

/**
 * Loaded by a path tsc does not follow: the renderer is typed against the DOM (tsconfig.web.json),
 * which this Node-side project does not have. The shape below is what the tests use of it.
 */
const STORE_PATH = '../../../src-renderer/src/features/nursecall/call-store';
type Change = { kind: 'upsert'; call: ActiveCall } | { kind: 'remove'; callId: number };
type Notice =
  { kind: 'new' | 'escalated' | 'acknowledged'; call: ActiveCall } | { kind: 'cleared'; callId: number };
interface Store {
  currentCalls(): { calls: ActiveCall[]; connection: string; problem: string | null };
  subscribeCalls(listener: () => void): () => void;
  onCallNotice(listener: (notice: Notice) => void): () => void;
  mergeCall(current: ActiveCall | undefined, incoming: ActiveCall): ActiveCall;
  applyLocal(change: Change): void;
}

function activeCall(id: number, patch: Partial<ActiveCall> = {}): ActiveCall {
  return {
    id,
    address: String(200 + id),
    label: `1号楼 ${200 + id}床`,
    mapped: true,
    bedId: id,
    area: '',
    resident: null,
    message: '',
    priority: 'normal',
    status: 'raised',
    raisedAt: `2026-11-25T02:00:0${id}.000Z`,
    repeats: 0,
    acknowledgedAt: null,
    acknowledgedBy: null,
    escalated: false,
    escalatedAt: null,
    portId: 1,
    ...patch,
  };
}

function emit<K extends keyof EventMap>(name: K, payload: EventMap[K]) {
  const cb = api.listeners.get(name);
  if (!cb) throw new Error(`nobody listens to ${name}`);
  cb(payload);
}

/** Answers the oldest load still waiting, then lets the store's `await` continue. */
async function answer(result: Result) {
  const load = api.loads.shift();
  if (!load) throw new Error('no load in flight');
  load.resolve(result);
  await vi.advanceTimersByTimeAsync(0);
}

const ok = (value: ActiveCall[]): Result => ({ ok: true, value });
const ids = (store: Store) => store.currentCalls().calls.map((c) => c.id);

let store: Store;
let release: () => void;
let notices: string[];

beforeEach(async () => {
  vi.useFakeTimers();
  // Only what the store touches: timers and the wake-up listeners.
  vi.stubGlobal('window', {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (t: ReturnType<typeof setTimeout>) => clearTimeout(t),
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  vi.stubGlobal('document', {
    visibilityState: 'visible',
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  api.loads.length = 0;
  api.listeners.clear();
  api.opened = [];
  vi.resetModules();
  store = (await import(/* @vite-ignore */ STORE_PATH)) as Store;
  notices = [];
  store.onCallNotice((n) => notices.push(`${n.kind}:${n.kind === 'cleared' ? n.callId : n.call.id}`));
  release = store.subscribeCalls(() => {});
});

afterEach(() => {
  release();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('call-store', () => {
  it('replays events that arrived during a load over its snapshot', async () => {
    expect(api.loads).toHaveLength(1);
    expect(store.currentCalls().connection).toBe('loading');
    // The snapshot is read before these happen, so it cannot contain them.
    emit('nursecall.raised', { call: activeCall(3) });
    emit('nursecall.acknowledged', {
      call: activeCall(1, {
        status: 'acknowledged',
        acknowledgedAt: '2026-11-25T02:01:00.000Z',
        acknowledgedBy: { id: 7, name: '王建国' },
      }),
    });
    emit('nursecall.cleared', { callId: 2, how: 'panel' });
    await answer(ok([activeCall(1), activeCall(2)]));

    const state = store.currentCalls();
    expect(state.connection).toBe('live');
    expect(ids(store)).toEqual([1, 3]);
    expect(state.calls[0]!.status).toBe('acknowledged');
    expect(state.calls[0]!.acknowledgedBy?.name).toBe('王建国');
  });

  it('does not let an event older than a fresh load undo its acknowledgement or escalation', async () => {
    const fresh = activeCall(1, {
      status: 'acknowledged',
      acknowledgedAt: '2026-11-25T02:01:00.000Z',
      acknowledgedBy: { id: 7, name: '王建国' },
      escalated: true,
      escalatedAt: '2026-11-25T02:00:40.000Z',
      repeats: 2,
    });
    await answer(ok([fresh]));
    // A 'raised' repeat that was in flight when the snapshot was taken.
    emit('nursecall.raised', { call: activeCall(1, { repeats: 1 }) });
    const [merged] = store.currentCalls().calls;
    expect(merged).toMatchObject({ status: 'acknowledged', escalated: true, repeats: 2 });
    expect(merged!.acknowledgedBy?.name).toBe('王建国');
    expect(merged!.escalatedAt).toBe('2026-11-25T02:00:40.000Z');

    // The pure rule on its own, and that a genuinely newer event still wins.
    expect(store.mergeCall(fresh, activeCall(1)).status).toBe('acknowledged');
    expect(store.mergeCall(activeCall(1), fresh)).toEqual(fresh);
  });

  it('reloads as soon as the event stream reopens and announces what rang meanwhile', async () => {
    await answer(ok([activeCall(1)]));
    expect(notices).toEqual([]);
    expect(api.opened).toHaveLength(1);

    // The link dropped; call 2 rang and call 1 escalated while no event could arrive.
    api.opened[0]!();
    expect(api.loads).toHaveLength(1);
    await answer(
      ok([activeCall(1, { escalated: true, escalatedAt: '2026-11-25T02:00:30.000Z' }), activeCall(2)]),
    );

    expect(ids(store)).toEqual([1, 2]);
    expect(store.currentCalls().calls[0]!.escalated).toBe(true);
    expect(notices).toEqual(['escalated:1', 'new:2']);
  });

  it('keeps ringing what it has when a load fails, and retries soon', async () => {
    await answer(ok([activeCall(1)]));
    api.opened[0]!();
    await answer({ ok: false, error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } });
    expect(store.currentCalls()).toMatchObject({ connection: 'offline', problem: '服务暂时不可用' });
    expect(ids(store)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(api.loads).toHaveLength(1);
  });

  it('does not bring back a cleared call when its raise arrives late', async () => {
    await answer(ok([activeCall(1)]));
    emit('nursecall.cleared', { callId: 1, how: 'attended' });
    expect(ids(store)).toEqual([]);
    emit('nursecall.raised', { call: activeCall(1) });
    emit('nursecall.escalated', { call: activeCall(1, { escalated: true }) });
    expect(ids(store)).toEqual([]);
    expect(notices).toEqual(['cleared:1']);

    // Nor does a snapshot read just before the clear was committed.
    api.opened[0]!();
    await answer(ok([activeCall(1), activeCall(2)]));
    expect(ids(store)).toEqual([2]);
  });

  it('does not bring back a call this client cleared itself', async () => {
    await answer(ok([activeCall(1)]));
    store.applyLocal({ kind: 'remove', callId: 1 });
    emit('nursecall.acknowledged', { call: activeCall(1, { status: 'acknowledged' }) });
    expect(ids(store)).toEqual([]);
  });
});
