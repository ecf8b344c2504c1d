// Nurse-call benchmark against the real headless server over a socat pty pair.
//   npm run bench:nursecall [-- --calls 1000 --built --outage-seconds 10]
// 1. latency from the last byte of a call frame written on the panel's pty to the
//    `nursecall.raised` event arriving on /api/events (SSE), one call at a time;
// 2. decoder throughput in frames/s (pure, in-process);
// 3. "port pulled for 10 s during a burst": socat is killed mid-burst and restarted after the
//    outage; the panel keeps retrying like a real controller. Reports calls lost, retries and the
//    time from the device coming back to the server saying the port is connected again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ESPA,
  encodeCall,
  encodeReset,
  encodeSelfPollAndSelect,
} from '../src-main/core/nursecall/protocols/espa444';
import { createDecoder } from '../src-main/core/nursecall/protocols/types';
import { PanelSimulator } from '../test/support/nursecall-panel';
import { PtyPair, closePort, hasSocat, openPort } from '../test/support/pty';
import { TimedController } from './lib/controller';
import { api, pct, sleep, startServer, subscribe, type Server } from './lib/server';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000' },
    'burst-calls': { type: 'string', default: '600' },
    'outage-seconds': { type: 'string', default: '10' },
    built: { type: 'boolean', default: false },
  },
});
const CALLS = Number(args.calls);
const BURST = Number(args['burst-calls']);
const OUTAGE_MS = Number(args['outage-seconds']) * 1000;

const ms = (n: number) => `${n.toFixed(2)} ms`;

/** A fresh data folder: the first administrator is set up over HTTP, which also signs in. */
async function startFresh(dataDir: string): Promise<Server> {
  const server = await startServer(dataDir, { built: args.built });
  await api(server, 'auth.setup', {
    institution: { name: '基准测试颐养中心' },
    admin: { username: 'admin', displayName: '管理员', password: 'bench-password-1' },
  });
  if (!server.cookie) throw new Error('setup gave no session');
  return server;
}

// ---------------------------------------------------------------- the three measurements

function decoderThroughput(): { framesPerSecond: number; chunkedFramesPerSecond: number; frames: number } {
  const frames = 100_000;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < frames; i++) {
    parts.push(encodeSelfPollAndSelect('1', '2'));
    parts.push(encodeCall({ address: String(1000 + (i % 9000)), priority: 'normal', message: 'bench' }));
    parts.push(Uint8Array.of(ESPA.EOT));
  }
  const wire = Buffer.concat(parts);
  const run = (chunk: number) => {
    const decoder = createDecoder('espa444', {});
    const start = performance.now();
    let events = 0;
    for (let offset = 0; offset < wire.length; offset += chunk) {
      events += decoder.feed(wire.subarray(offset, offset + chunk), start).events.length;
    }
    const seconds = (performance.now() - start) / 1000;
    if (events !== frames) throw new Error(`decoder lost frames: ${events} of ${frames}`);
    return frames / seconds;
  };
  // Median of five runs after a warm-up, so one GC pause or JIT tier-up does not decide the figure.
  const median = (chunk: number) => {
    run(chunk);
    const rates = Array.from({ length: 5 }, () => run(chunk)).sort((a, b) => a - b);
    return rates[2]!;
  };
  return { framesPerSecond: median(wire.length), chunkedFramesPerSecond: median(16), frames };
}

async function main() {
  if (!hasSocat) {
    console.error('bench:nursecall needs socat (apt-get install socat)');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-'));
  const pair = new PtyPair(join(dir, 'ttyApp'), join(dir, 'ttyPanel'));
  await pair.start();
  const server = await startFresh(join(dir, 'data'));
  const raisedAt = new Map<string, number>();
  const portEvents: Array<{ state: string; at: number }> = [];
  const stream = await subscribe(server, (e, at) => {
    if (e.name === 'nursecall.raised' && e.payload.call.repeats === 0)
      raisedAt.set(e.payload.call.address, at);
    if (e.name === 'nursecall.portStatus') portEvents.push({ state: e.payload.status.state, at });
  });
  const port = await api<{ id: number }>(server, 'nursecall.ports.save', {
    name: '基准测试',
    path: pair.a,
    protocol: 'espa444',
    options: {},
  });
  const status = async () =>
    (
      await api<Array<{ id: number; state: string; framesReceived: number; framesRejected: number }>>(
        server,
        'nursecall.ports.status',
        {},
      )
    ).find((s) => s.id === port.id)!;
  for (let i = 0; (await status()).state !== 'connected'; i++) {
    if (i > 200) throw new Error('port did not connect');
    await sleep(25);
  }

  // 1. Latency, one call at a time.
  let panelPort = await openPort(pair.b);
  const controller = new TimedController(panelPort);
  const latencies: number[] = [];
  const burstStart = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const address = String(10_000 + i);
    let lastByte = 0;
    await controller.call(encodeCall({ address, priority: 'normal' }), (at) => (lastByte = at));
    while (!raisedAt.has(address)) await sleep(0);
    latencies.push(raisedAt.get(address)! - lastByte);
  }
  const sequentialSeconds = (performance.now() - burstStart) / 1000;
  latencies.sort((a, b) => a - b);
  const active = await api<unknown[]>(server, 'nursecall.calls.active', {});
  // Clear the board so the outage scenario starts from nothing.
  for (let i = 0; i < CALLS; i++) await controller.call(encodeReset(String(10_000 + i)), () => {});
  panelPort.removeAllListeners('data');

  // 2. Decoder throughput.
  const throughput = decoderThroughput();

  // 3. Port pulled for OUTAGE_MS during a burst. The panel retries each call until it is ACKed,
  //    reopening its own end of the line, like a controller with a retry queue.
  let panel = new PanelSimulator(panelPort, { retries: 0, replyTimeoutMs: 500 });
  let retries = 0;
  let acked = 0;
  let pulledAt = 0;
  let backAt = 0;
  const killAfter = Math.floor(BURST / 3);
  const outage = (async () => {
    while (acked < killAfter) await sleep(1);
    pulledAt = performance.now();
    await pair.stop();
    await sleep(OUTAGE_MS);
    await pair.start();
    backAt = performance.now();
  })();
  const outageBurstStart = performance.now();
  for (let i = 0; i < BURST; i++) {
    const address = String(20_000 + i);
    for (;;) {
      const result = panelPort.isOpen ? await panel.sendCall({ address }) : { ok: false };
      if (result.ok) break;
      retries++;
      if (!panelPort.isOpen || !pair.running) {
        panel.close();
        await closePort(panelPort);
        while (!pair.running) await sleep(50);
        try {
          panelPort = await openPort(pair.b);
          panel = new PanelSimulator(panelPort, { retries: 0, replyTimeoutMs: 500 });
        } catch {
          await sleep(100);
        }
      }
    }
    acked++;
  }
  await outage;
  const burstSeconds = (performance.now() - outageBurstStart) / 1000;
  await sleep(500);
  const reconnected = portEvents.find((e) => e.state === 'connected' && e.at > backAt);
  const burstAddresses = Array.from({ length: BURST }, (_, i) => String(20_000 + i));
  const received = burstAddresses.filter((a) => raisedAt.has(a)).length;
  const activeAfter = await api<Array<{ address: string; repeats: number }>>(
    server,
    'nursecall.calls.active',
    {},
  );
  const duplicates = activeAfter.filter((c) => c.repeats > 0).length;
  const finalStatus = await status();

  panel.close();
  await closePort(panelPort);
  stream.abort();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  await pair.stop();
  rmSync(dir, { recursive: true, force: true });

  const rows: Array<[string, string]> = [
    ['calls, one at a time', `${CALLS} (${active.length} active afterwards)`],
    ['latency last byte → SSE event p50', ms(pct(latencies, 0.5))],
    ['latency p90', ms(pct(latencies, 0.9))],
    ['latency p99', ms(pct(latencies, 0.99))],
    ['latency max', ms(latencies.at(-1)!)],
    ['end-to-end calls/s (full ESPA transaction)', (CALLS / sequentialSeconds).toFixed(0)],
    ['decoder frames/s (one buffer)', throughput.framesPerSecond.toFixed(0)],
    ['decoder frames/s (16-byte chunks)', throughput.chunkedFramesPerSecond.toFixed(0)],
    [`outage burst: calls`, String(BURST)],
    [`outage: port pulled after call`, String(killAfter)],
    ['outage: length', `${(((backAt || pulledAt) - pulledAt) / 1000).toFixed(1)} s`],
    ['outage: calls ACKed by the app', String(acked)],
    ['outage: calls that reached the board', String(received)],
    ['outage: calls lost', String(BURST - received)],
    ['outage: transactions retried by the panel', String(retries)],
    ['outage: merged repeats (a retry the app had already stored)', String(duplicates)],
    [
      'outage: reconnect after device came back',
      reconnected ? ms(reconnected.at - backAt) : 'NOT RECONNECTED',
    ],
    ['outage: burst wall time', `${burstSeconds.toFixed(1)} s`],
    ['port frames received / rejected', `${finalStatus.framesReceived} / ${finalStatus.framesRejected}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nCareDesk nurse-call benchmark');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  if (BURST - received > 0 || !reconnected) process.exitCode = 1;
}

await main();
