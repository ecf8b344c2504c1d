import { afterEach, describe, expect, it } from 'vitest';
import { countCalls, trayState, type CallCounts } from '../../../src-main/electron/tray-state';
import { makeSetUpCore, type TestCore } from '../../support/core';

const none: CallCounts = { ringing: 0, escalated: 0, acknowledged: 0 };
const connected = [{ state: 'connected' as const }];

describe('tray state', () => {
  it('is the calm icon with no badge while nothing rings and the ports are connected', () => {
    expect(trayState(none, connected)).toEqual({
      tone: 'idle',
      badge: null,
      tooltip: 'CareDesk — 正在接收呼叫',
    });
  });

  it('turns red with the ringing count, "9+" above nine', () => {
    const three = trayState({ ringing: 3, escalated: 1, acknowledged: 2 }, connected);
    expect(three.tone).toBe('ringing');
    expect(three.badge).toBe('3');
    expect(three.tooltip).toBe('CareDesk — 正在接收呼叫\n3 条呼叫正在响铃（1 条已超时）\n2 条已确认待复位');
    expect(trayState({ ringing: 9, escalated: 0, acknowledged: 0 }, connected).badge).toBe('9');
    expect(trayState({ ringing: 10, escalated: 0, acknowledged: 0 }, connected).badge).toBe('9+');
  });

  it('acknowledged calls alone do not make it red', () => {
    expect(trayState({ ringing: 0, escalated: 0, acknowledged: 2 }, connected)).toMatchObject({
      tone: 'idle',
      badge: null,
    });
  });

  it('says when a port is not connected or none is enabled, and ringing wins over the warning', () => {
    const ports = [
      { state: 'connected' as const },
      { state: 'reconnecting' as const },
      { state: 'disabled' as const },
    ];
    expect(trayState(none, ports)).toMatchObject({
      tone: 'warning',
      tooltip: 'CareDesk — 1 个呼叫串口未连接',
    });
    expect(trayState({ ringing: 1, escalated: 0, acknowledged: 0 }, ports).tone).toBe('ringing');
    expect(trayState(none, [{ state: 'disabled' }]).tooltip).toBe('CareDesk — 未启用呼叫串口');
    expect(trayState(none, []).tone).toBe('idle');
  });
});

describe('call counts from the core', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.close());

  it('follow the active calls as they ring, are acknowledged, escalate and clear', async () => {
    const setUp = await makeSetUpCore();
    t = setUp;
    const { calls } = setUp.core.services.nurseCall;
    expect(countCalls(calls.active())).toEqual(none);

    calls.receive(1, [
      { kind: 'raise', address: '201', priority: 'normal' },
      { kind: 'raise', address: '202', priority: 'alarm' },
      { kind: 'raise', address: '203', priority: 'normal' },
    ]);
    expect(countCalls(calls.active())).toEqual({ ringing: 3, escalated: 0, acknowledged: 0 });

    const first = calls.active().find((c) => c.address === '201')!;
    await setUp.call('nursecall.calls.acknowledge', { callId: first.id }, setUp.adminToken);
    expect(countCalls(calls.active())).toEqual({ ringing: 2, escalated: 0, acknowledged: 1 });

    setUp.clock.advance(10 * 60_000);
    calls.tick();
    expect(countCalls(calls.active())).toEqual({ ringing: 2, escalated: 2, acknowledged: 1 });

    calls.receive(1, [{ kind: 'cancel', address: '202', priority: 'alarm' }]);
    const counts = countCalls(calls.active());
    expect(counts).toEqual({ ringing: 1, escalated: 1, acknowledged: 1 });
    expect(trayState(counts, connected)).toMatchObject({ tone: 'ringing', badge: '1' });
  });
});
