import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESPA, encodeCall } from '../../../src-main/core/nursecall/protocols/espa444';
import type { EventEnvelope } from '../../../src-main/shared/events';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';
import { PanelSimulator } from '../../support/nursecall-panel';
import { PtyPair, closePort, hasSocat, openPort, waitFor, waitForAsync } from '../../support/pty';

type SetUp = TestCore & { adminToken: string };

// Skipped only where socat is missing (`.ci/run` installs it): the calls come from a real pty pair, never a fake port.
describe.skipIf(!hasSocat)('nurse calls over a real serial pty pair', () => {
  let dir: string;
  let pair: PtyPair;
  let t: SetUp;
  let panelPort: SerialPort;
  let panel: PanelSimulator;
  let portId: number;
  let caregiver: string;
  const events: EventEnvelope[] = [];
  const named = <K extends EventEnvelope['name']>(name: K) =>
    events.filter((e): e is Extract<EventEnvelope, { name: K }> => e.name === name);

  const status = async () =>
    (await t.call('nursecall.ports.status', {}, t.adminToken)).find((s) => s.id === portId)!;
  const active = () => t.call('nursecall.calls.active', {}, caregiver);

  async function connectPanel() {
    panelPort = await openPort(pair.b);
    panel = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, encoding: 'gbk' });
  }

  async function disconnectPanel() {
    panel.close();
    await closePort(panelPort);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-nursecall-'));
    pair = new PtyPair(join(dir, 'ttyApp'), join(dir, 'ttyPanel'));
    await pair.start();
    t = await makeSetUpCore({ nurseCall: { autoStart: true } });
    t.core.events.subscribe((e) => events.push(e));
    caregiver = await addUser(t, 'huli', ['caregiver']);
    const saved = await t.call(
      'nursecall.ports.save',
      {
        name: '护士站主机',
        path: pair.a,
        baudRate: 9600,
        protocol: 'espa444',
        options: { ownAddress: '2', encoding: 'gbk' },
      },
      t.adminToken,
    );
    portId = saved.id;
    await waitForAsync(async () => (await status()).state === 'connected', 'the port to open');
    await connectPanel();
  });

  afterAll(async () => {
    panel?.close();
    if (panelPort) await closePort(panelPort);
    await t?.core.close();
    t?.close();
    await pair?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the configured port and reports it connected', async () => {
    const s = await status();
    expect(s).toMatchObject({ path: pair.a, state: 'connected', lastError: null, reconnectAttempts: 0 });
    expect(s.connectedSince).not.toBeNull();
    expect(named('nursecall.portStatus').some((e) => e.payload.status.state === 'connected')).toBe(true);
  });

  it('turns a call on the wire into an active call and a nursecall.raised event', async () => {
    const result = await panel.sendCall({ address: '201', priority: 'normal', message: '床头呼叫' });
    expect(result).toMatchObject({ ok: true, attempts: 1, naks: [] });
    await waitFor(() => named('nursecall.raised').length === 1, 'the raised event');
    const [event] = named('nursecall.raised');
    expect(event!.payload.call).toMatchObject({
      address: '201',
      label: '未登记的呼叫地址 201',
      mapped: false,
      priority: 'normal',
      message: '床头呼叫',
      status: 'raised',
      repeats: 0,
      portId,
      escalated: false,
    });
    const calls = await active();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(event!.payload.call);
    const audit = await t.call('audit.list', { module: 'nursecall', offset: 0, limit: 50 }, t.adminToken);
    const row = audit.rows.find(
      (r) => r.procedure === 'nursecall.serial' && r.entityId === String(calls[0]!.id),
    );
    expect(row).toMatchObject({ userId: null, entity: 'nurseCall' });
    const s = await status();
    expect(s.framesReceived).toBeGreaterThanOrEqual(1);
    expect(s.bytesReceived).toBeGreaterThan(10);
  });

  it('merges a repeat of the active call, counting it, and upgrades its priority', async () => {
    await panel.sendCall({ address: '201', priority: 'normal' });
    await panel.sendCall({ address: '201', priority: 'alarm', message: '紧急' });
    await waitFor(() => named('nursecall.raised').length === 3, 'two more raised events');
    const calls = await active();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      address: '201',
      repeats: 2,
      priority: 'alarm',
      message: '紧急',
      status: 'raised',
    });
  });

  it('lets a caregiver acknowledge, recording who and when, and refuses a finance user', async () => {
    const [call] = await active();
    const finance = await addUser(t, 'caiwu', ['finance']);
    const forbidden = await t.fail('nursecall.calls.acknowledge', { callId: call!.id }, finance);
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toContain('响应呼叫');

    t.clock.advance(42_000);
    const acked = await t.call('nursecall.calls.acknowledge', { callId: call!.id }, caregiver);
    expect(acked).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: t.clock.now().toISOString(),
      acknowledgedBy: { name: 'huli' },
    });
    expect(named('nursecall.acknowledged').at(-1)!.payload.call.id).toBe(call!.id);
    const again = await t.fail('nursecall.calls.acknowledge', { callId: call!.id }, t.adminToken);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('huli');
  });

  it('clears the call when the panel sends a reset frame', async () => {
    const [call] = await active();
    t.clock.advance(60_000);
    const result = await panel.sendCall({ address: '201', kind: 'cancel' });
    expect(result.ok).toBe(true);
    await waitFor(() => named('nursecall.cleared').length === 1, 'the cleared event');
    expect(named('nursecall.cleared')[0]!.payload).toEqual({ callId: call!.id, how: 'panel' });
    expect(await active()).toEqual([]);
    const history = await t.call('nursecall.calls.history', { address: '201' }, caregiver);
    expect(history.total).toBe(1);
    expect(history.rows[0]).toMatchObject({
      status: 'cleared',
      clearedHow: 'panel',
      clearedBy: null,
      ackSeconds: 42,
      clearSeconds: 102,
      repeats: 2,
    });
  });

  it('answers a corrupted BCC with a "1" NAK on the wire and raises no call', async () => {
    const before = named('nursecall.raised').length;
    const rejectedBefore = (await status()).framesRejected;
    const quickPanel = new PanelSimulator(panelPort, { retries: 1, replyTimeoutMs: 500 });
    panel.close();
    const block = encodeCall({ address: '555' });
    block[block.length - 1]! ^= 0x20;
    const result = await quickPanel.sendBlock(block);
    quickPanel.close();
    panel = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, encoding: 'gbk' });
    expect(result).toMatchObject({ ok: false, attempts: 2, naks: ['1', '1'] });
    expect(Buffer.from(quickPanel.received).toString('latin1')).toContain(
      `1${String.fromCharCode(ESPA.NAK)}`,
    );
    expect(named('nursecall.raised')).toHaveLength(before);
    expect(await active()).toEqual([]);
    await waitForAsync(
      async () => (await status()).framesRejected === rejectedBefore + 2,
      'the rejected counter',
    );
  });

  it('reconnects by itself within 2 s when the device is pulled and plugged back in', async () => {
    await disconnectPanel();
    await pair.stop();
    await waitForAsync(async () => (await status()).state === 'reconnecting', 'the port to notice', 3000, 5);
    const down = await status();
    expect(down.lastError).toMatch(/串口 .* (连接中断|找不到串口)|找不到串口/);
    expect(down.lastErrorAt).not.toBeNull();
    // Stay unplugged long enough for the fast retries to be spent: the steady cadence must hold.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stillDown = await status();
    expect(stillDown.state).toBe('reconnecting');
    expect(stillDown.lastError).toContain('找不到串口');
    expect(stillDown.reconnectAttempts).toBeGreaterThanOrEqual(4);

    await pair.start();
    const back = performance.now();
    await waitForAsync(async () => (await status()).state === 'connected', 'the port to reconnect', 2000, 10);
    const reconnectMs = performance.now() - back;
    expect(reconnectMs).toBeLessThan(2000);
    expect((await status()).reconnectAttempts).toBe(0);

    await connectPanel();
    const result = await panel.sendCall({ address: '301', priority: 'high' });
    expect(result.ok).toBe(true);
    await waitFor(
      () => named('nursecall.raised').some((e) => e.payload.call.address === '301'),
      'a call after reconnecting',
    );
    expect((await active()).map((c) => c.address)).toEqual(['301']);
    await panel.sendCall({ address: '301', kind: 'cancel' });
    await waitForAsync(async () => (await active()).length === 0, 'the reset after reconnecting');
  });

  it('loses nothing in a 1,000-frame burst: 1,000 addresses become 1,000 calls, 1,000 resets clear them', async () => {
    const raisedBefore = named('nursecall.raised').length;
    const clearedBefore = named('nursecall.cleared').length;
    const summary = await panel.burst(1000, 1001, { priority: 'normal' });
    expect(summary.failed).toBe(0);
    await waitFor(
      () => named('nursecall.raised').length === raisedBefore + 1000,
      '1,000 raised events',
      10_000,
    );
    const calls = await active();
    expect(calls).toHaveLength(1000);
    expect(new Set(calls.map((c) => c.address))).toEqual(
      new Set(Array.from({ length: 1000 }, (_, i) => String(1001 + i))),
    );
    expect(calls.every((c) => c.repeats === 0 && c.status === 'raised')).toBe(true);

    for (let i = 0; i < 1000; i++) {
      const r = await panel.sendCall({ address: String(1001 + i), kind: 'cancel' });
      expect(r.ok).toBe(true);
    }
    await waitFor(
      () => named('nursecall.cleared').length === clearedBefore + 1000,
      '1,000 cleared events',
      10_000,
    );
    expect(await active()).toEqual([]);
    const history = await t.call('nursecall.calls.history', { limit: 500 }, caregiver);
    expect(history.total).toBe(1002);
    expect(history.rows.every((r) => r.clearedHow === 'panel')).toBe(true);
  }, 120_000);

  it('stores a call before it ACKs: a locked database gets "2" busy NAKs, and the retried call lands once', async () => {
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(t.dbPath, { timeout: 0 });
    t.core.sql.db.pragma('busy_timeout = 50');
    other.exec('BEGIN IMMEDIATE');
    const raisedBefore = named('nursecall.raised').length;
    panel.close();
    const patient = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, retries: 20, encoding: 'gbk' });
    try {
      const sending = patient.sendCall({ address: '701' });
      await waitFor(() => patient.summary.naked >= 2, 'busy NAKs on the wire');
      other.exec('ROLLBACK');
      const result = await sending;
      expect(result.ok).toBe(true);
      expect(result.naks.length).toBeGreaterThanOrEqual(2);
      expect(new Set(result.naks)).toEqual(new Set(['2']));
    } finally {
      patient.close();
      other.close();
      t.core.sql.db.pragma('busy_timeout = 5000');
      panel = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, encoding: 'gbk' });
    }
    await waitFor(() => t.core.services.nurseCall.calls.pendingCount() === 0, 'the call to be stored');
    const rows = t.core.sql.db.prepare("SELECT id, repeats FROM nursecall_calls WHERE address = '701'").all();
    // One call, never two. If the background store wins the race against the panel's last retry,
    // that retry arrives for a stored call and is merged as a repeat, which is also right.
    expect(rows).toHaveLength(1);
    expect((rows[0] as { repeats: number }).repeats).toBeLessThanOrEqual(1);
    const ids = named('nursecall.raised')
      .slice(raisedBefore)
      .map((e) => e.payload.call.id);
    expect(new Set(ids)).toEqual(new Set([(rows[0] as { id: number }).id]));
    await t.call('nursecall.calls.clear', { callId: (rows[0] as { id: number }).id }, caregiver);
  });

  it('shows a call it could not store while the controller gives up, and stores it when the lock goes', async () => {
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(t.dbPath, { timeout: 0 });
    t.core.sql.db.pragma('busy_timeout = 50');
    other.exec('BEGIN IMMEDIATE');
    panel.close();
    const brief = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, retries: 2, encoding: 'gbk' });
    let result;
    try {
      result = await brief.sendCall({ address: '702', priority: 'alarm' });
    } finally {
      brief.close();
      panel = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, encoding: 'gbk' });
    }
    try {
      expect(result).toMatchObject({ ok: false, naks: ['2', '2', '2'] });
      const shown = await active();
      expect(shown).toMatchObject([{ address: '702', priority: 'alarm', status: 'raised' }]);
      expect(named('nursecall.raised').at(-1)!.payload.call).toEqual(shown[0]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await waitFor(() => t.core.services.nurseCall.calls.pendingCount() === 0, 'the call to be stored', 3000);
    const [stored] = await active();
    expect(stored).toMatchObject({ address: '702', priority: 'alarm' });
    t.core.sql.db.pragma('busy_timeout = 5000');
    await t.call('nursecall.calls.clear', { callId: stored!.id }, caregiver);
  });

  it('stops reading a port that is disabled, and reports it disabled', async () => {
    const [config] = await t.call('nursecall.ports.list', {}, t.adminToken);
    await t.call('nursecall.ports.save', { ...config!, enabled: false }, t.adminToken);
    await waitForAsync(async () => (await status()).state === 'disabled', 'the port to be disabled');
    panel.close();
    const unanswered = new PanelSimulator(panelPort, { retries: 0, replyTimeoutMs: 300 });
    const result = await unanswered.sendCall({ address: '999' });
    unanswered.close();
    panel = new PanelSimulator(panelPort, { replyTimeoutMs: 1000, encoding: 'gbk' });
    expect(result.ok).toBe(false);
    expect(await active()).toEqual([]);
    await t.call('nursecall.ports.save', { ...config!, enabled: true }, t.adminToken);
    await waitForAsync(async () => (await status()).state === 'connected', 'the port to reopen');
  });
});
