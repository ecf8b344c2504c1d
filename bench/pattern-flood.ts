// One port floods with lines that a backtracking engine chokes on; how long does another port's
// call take to ring?   npm run bench:pattern-flood [-- --calls 60]
// Port A (line protocol, pattern `^.*.*.*.*.*(?<address>x)$`) receives 1,023-byte lines of noise
// from a child process (1 MB/s by default); port B (plain preset) gets one call every
// 100 ms. Reported: time from writing B's call to the `nursecall.raised` event, with A idle and
// with A flooding, as median / p99 / max.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventEnvelope } from '../src-main/shared/events';
import { makeSetUpCore } from '../test/support/core';
import { PtyPair, hasSocat, waitForAsync } from '../test/support/pty';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '60' },
    // 1 MB/s is ~90 times what a 115200-baud line can carry; 0 = as fast as the writer can go
    // (which also takes a CPU core from the app on a small PC).
    'flood-kb-per-s': { type: 'string', default: '1000' },
  },
});
const CALLS = Number(args.calls);
const FLOOD_KBPS = Number(args['flood-kb-per-s']);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.round(p * (xs.length - 1))]!;

if (!hasSocat) {
  console.error('socat is needed: apt-get install -y socat');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'caredesk-flood-'));
const a = new PtyPair(join(dir, 'appA'), join(dir, 'panelA'));
const b = new PtyPair(join(dir, 'appB'), join(dir, 'panelB'));
await a.start();
await b.start();
const t = await makeSetUpCore({ nurseCall: { autoStart: true } });
const raised = new Map<string, number>();
t.core.events.subscribe((e: EventEnvelope) => {
  if (e.name === 'nursecall.raised' && !raised.has(e.payload.call.address))
    raised.set(e.payload.call.address, performance.now());
});
const save = (path: string, options: Record<string, unknown>) =>
  t.call('nursecall.ports.save', { path, baudRate: 9600, protocol: 'line', options }, t.adminToken);
const portA = await save(a.a, { pattern: String.raw`^.*.*.*.*.*(?<address>x)$` });
const portB = await save(b.a, { addressPrefix: 'B-' });
await waitForAsync(async () => {
  const s = await t.call('nursecall.ports.status', {}, t.adminToken);
  return [portA.id, portB.id].every((id) => s.find((x) => x.id === id)?.state === 'connected');
}, 'both ports to open');

const panelB = openSync(b.b, 'w');
async function measure(label: string, prefix: string, calls = CALLS) {
  const delays: number[] = [];
  for (let i = 0; i < calls; i++) {
    const address = `${prefix}${i}`;
    const sent = performance.now();
    writeSync(panelB, `CALL ${address}\r\n`);
    while (!raised.has(`B-${address}`)) {
      if (performance.now() - sent > 10_000) throw new Error(`call ${address} never rang`);
      await sleep(1);
    }
    delays.push(raised.get(`B-${address}`)! - sent);
    await sleep(100);
  }
  if (label === '') return;
  console.log(
    `${label.padEnd(28)} median ${pct(delays, 0.5).toFixed(1)} ms, p99 ${pct(delays, 0.99).toFixed(1)} ms, max ${Math.max(...delays).toFixed(1)} ms`,
  );
}

await measure('', 'warm', 10);
await measure('port A idle', 'idle');
// The flood comes from another process, as a broken panel would: this one only decodes.
const flooder = spawn(process.execPath, [
  '-e',
  `const fs=require('fs');const fd=fs.openSync(${JSON.stringify(a.b)},'w');` +
    `const buf=Buffer.from(('a'.repeat(1023)+'\\n').repeat(64));` +
    (FLOOD_KBPS > 0
      ? `setInterval(()=>fs.writeSync(fd,buf),${Math.max(1, Math.round((64 * 1000) / FLOOD_KBPS))});`
      : `for(;;)fs.writeSync(fd,buf);`),
]);
await sleep(500);
const before = (await t.call('nursecall.ports.status', {}, t.adminToken)).find((s) => s.id === portA.id)!;
await measure('port A flooding', 'flood');
const after = (await t.call('nursecall.ports.status', {}, t.adminToken)).find((s) => s.id === portA.id)!;
console.log(
  `port A decoded ${((after.bytesReceived - before.bytesReceived) / 1024).toFixed(0)} KB of noise meanwhile ` +
    `(${after.framesRejected - before.framesRejected} lines rejected)`,
);
flooder.kill('SIGKILL');
closeSync(panelB);
t.close();
await a.stop();
await b.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
