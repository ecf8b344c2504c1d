import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ESPA, encodeCall } from '../../src-main/core/nursecall/protocols/espa444';
import type { CallDecoder, CallEvent, DecoderLogEntry } from '../../src-main/core/nursecall/protocols/types';
import { createDecoder } from '../../src-main/core/nursecall/protocols/types';
import { PanelSimulator } from '../support/nursecall-panel';

// Real serial I/O needs a pty pair from socat. CI installs socat, so this runs there; on a
// developer machine without it (`apt-get install socat`) the suite is skipped rather than failed.
const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

function startSocat(dir: string): Promise<ChildProcess> {
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${dir}/ttyA`, `pty,raw,echo=0,link=${dir}/ttyB`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('starting data transfer loop')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr}`)));
    child.once('error', reject);
  });
}

async function openPort(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/** The app side as the service will run it: feed what arrives, write the replies back. */
function attachApp(port: SerialPort, decoder: CallDecoder) {
  const events: CallEvent[] = [];
  const log: DecoderLogEntry[] = [];
  const handle = (out: ReturnType<CallDecoder['feed']>) => {
    // Keeping the events in memory cannot fail, so every confirming reply is the ACK itself.
    events.push(...out.events);
    for (const reply of out.replies) port.write(reply.bytes);
    log.push(...out.log);
  };
  const onData = (chunk: Buffer) => handle(decoder.feed(chunk, Date.now()));
  port.on('data', onData);
  const timer = setInterval(() => handle(decoder.tick(Date.now())), 100);
  return {
    events,
    log,
    detach: () => {
      clearInterval(timer);
      port.off('data', onData);
    },
  };
}

// Skipped only where socat is missing (`.ci/run` installs it): the calls come from a real pty pair, never a fake port.
describe.skipIf(!hasSocat)('nurse call over a real pty pair (socat)', () => {
  let dir: string;
  let socat: ChildProcess;
  let appPort: SerialPort;
  let panelPort: SerialPort;
  let app: ReturnType<typeof attachApp> | undefined;
  let panel: PanelSimulator | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-pty-'));
    socat = await startSocat(dir);
    appPort = await openPort(join(dir, 'ttyA'));
    panelPort = await openPort(join(dir, 'ttyB'));
  });

  afterEach(async () => {
    // The panel's closing EOT may still be in flight: let it land before the next test's decoder.
    await new Promise((resolve) => panelPort.drain(resolve));
    await quiet(appPort, 50);
    app?.detach();
    panel?.close();
    app = undefined;
    panel = undefined;
  });

  afterAll(async () => {
    if (appPort) await closePort(appPort);
    if (panelPort) await closePort(panelPort);
    socat?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a 1,000-call ESPA burst with none lost', async () => {
    app = attachApp(appPort, createDecoder('espa444', {}));
    panel = new PanelSimulator(panelPort);
    const summary = await panel.burst(1000, 201, { priority: 'high', message: 'burst' });
    expect(summary).toMatchObject({ sent: 1000, acked: 1000, naked: 0, timeouts: 0, failed: 0 });
    expect(app.events).toHaveLength(1000);
    expect(app.events.map((e) => e.address)).toEqual(Array.from({ length: 1000 }, (_, i) => String(201 + i)));
    expect(
      app.events.every((e) => e.kind === 'raise' && e.priority === 'high' && e.message === 'burst'),
    ).toBe(true);
  });

  it('answers a corrupted BCC with "1" NAK on the wire and raises nothing', async () => {
    app = attachApp(appPort, createDecoder('espa444', {}));
    panel = new PanelSimulator(panelPort, { retries: 2, replyTimeoutMs: 500 });
    const block = encodeCall({ address: '555' });
    block[block.length - 1]! ^= 0x20;
    const result = await panel.sendBlock(block);
    expect(result).toMatchObject({ ok: false, attempts: 3, naks: ['1', '1', '1'], timeouts: 0 });
    const wire = Buffer.from(panel.received).toString('latin1');
    expect(wire).toContain(`1${String.fromCharCode(ESPA.NAK)}`);
    expect(app.events).toEqual([]);
    expect(app.log.filter((l) => l.code === 'nak-bcc')).toHaveLength(3);

    const good = await panel.sendCall({ address: '556' });
    expect(good.ok).toBe(true);
    expect(app.events.map((e) => e.address)).toEqual(['556']);
  });

  it('loses nothing when noise is injected between transactions', async () => {
    app = attachApp(appPort, createDecoder('espa444', {}));
    panel = new PanelSimulator(panelPort, { garbage: true, settleMs: 5, random: seeded(42) });
    const summary = await panel.burst(200, 301);
    expect(summary.failed).toBe(0);
    expect(summary.garbageBytes).toBeGreaterThan(200);
    expect(app.events.map((e) => e.address)).toEqual(Array.from({ length: 200 }, (_, i) => String(301 + i)));
  });

  it('carries line-protocol calls', async () => {
    app = attachApp(appPort, createDecoder('line', {}));
    panel = new PanelSimulator(panelPort, { protocol: 'line' });
    await panel.burst(100, 401, { priority: 'alarm' });
    await panel.sendCall({ address: '401', kind: 'cancel' });
    await waitFor(() => app!.events.length === 101);
    expect(app.events[0]).toMatchObject({ kind: 'raise', address: '401', priority: 'alarm' });
    expect(app.events[100]).toMatchObject({ kind: 'cancel', address: '401' });
  });
});

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Resolves once `port` has received nothing for `ms`. */
function quiet(port: SerialPort, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, ms);
    function onData() {
      clearTimeout(timer);
      timer = setTimeout(done, ms);
    }
    function done() {
      port.off('data', onData);
      resolve();
    }
    port.on('data', onData);
  });
}

/** Line protocol has no acknowledgement, so wait on what the decoder reports. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
