// Nurse-call panel simulator: acts as the controller on a serial port so the app (or a decoder
// on the other end of a socat pty pair) can be exercised without hardware.
//   tsx scripts/sim-nursecall.ts --port PATH [--protocol espa444|line] [--address 201] [--rate N/s]
//       [--burst N] [--garbage] [--reset-after SEC] [--count N]
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import type { CallPriority } from '../src-main/core/nursecall/protocols/types';
import type { TextEncoding } from '../src-main/core/nursecall/protocols/text';
import { PanelSimulator } from '../test/support/nursecall-panel';
import type { PanelCall, PanelSummary, TransactionResult } from '../test/support/nursecall-panel';

const USAGE = `usage: tsx scripts/sim-nursecall.ts --port PATH [options]
  --protocol espa444|line   wire protocol (default espa444)
  --address N               first call address (default 201)
  --rate N                  calls per second in continuous mode (default 1)
  --count N                 stop after N calls (default: run until Ctrl-C)
  --spread N                cycle through N addresses from --address (default 1)
  --burst N                 send N calls as fast as the link allows (addresses --address..), then exit
  --garbage                 inject random bytes between transactions
  --reset-after SEC         cancel each call SEC seconds after raising it
  --priority alarm|high|normal, --message TEXT, --encoding ascii|gbk|utf8
  --baud N (9600), --data-bits 7|8 (8), --parity none|even|odd (none)
  --control-address C (1), --pager-address P (2), --timeout MS (1000), --retries N (3)`;

function fail(message: string): never {
  console.error(`sim-nursecall: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    fail(`--${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) fail(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        protocol: { type: 'string' },
        address: { type: 'string' },
        rate: { type: 'string' },
        count: { type: 'string' },
        spread: { type: 'string' },
        burst: { type: 'string' },
        garbage: { type: 'boolean' },
        'reset-after': { type: 'string' },
        priority: { type: 'string' },
        message: { type: 'string' },
        encoding: { type: 'string' },
        baud: { type: 'string' },
        'data-bits': { type: 'string' },
        parity: { type: 'string' },
        'control-address': { type: 'string' },
        'pager-address': { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
})();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.port) fail('--port is required');

const protocol = oneOf('protocol', values.protocol, ['espa444', 'line'] as const, 'espa444');
const firstAddress = values.address ?? '201';
const numericAddress = /^\d+$/.test(firstAddress) ? Number(firstAddress) : undefined;
const rate = positive('rate', values.rate, 1);
const count = values.count === undefined ? Infinity : Math.floor(positive('count', values.count, 1));
const spread = Math.floor(positive('spread', values.spread, 1));
const burst = values.burst === undefined ? undefined : Math.floor(positive('burst', values.burst, 1));
const resetAfterMs =
  values['reset-after'] === undefined ? undefined : positive('reset-after', values['reset-after'], 1) * 1000;
const priority = oneOf<CallPriority>('priority', values.priority, ['alarm', 'high', 'normal'], 'normal');
const encoding = oneOf<TextEncoding>('encoding', values.encoding, ['ascii', 'gbk', 'utf8'], 'ascii');
const dataBits = oneOf('data-bits', values['data-bits'], ['7', '8'] as const, '8');
const parity = oneOf('parity', values.parity, ['none', 'even', 'odd'] as const, 'none');
if (spread > 1 && numericAddress === undefined) fail('--spread needs a numeric --address');
const retries = values.retries === undefined ? 3 : Number(values.retries);
if (!Number.isInteger(retries) || retries < 0) fail('--retries must be a whole number ≥ 0');

function addressAt(i: number, cycle: number): string {
  return numericAddress === undefined ? firstAddress : String(numericAddress + (i % cycle));
}

const port = new SerialPort({
  path: values.port,
  baudRate: positive('baud', values.baud, 9600),
  dataBits: dataBits === '7' ? 7 : 8,
  parity,
  autoOpen: false,
});
await new Promise<void>((resolve) =>
  port.open((err) => {
    if (err) {
      console.error(`sim-nursecall: cannot open ${values.port}: ${err.message}`);
      process.exit(1);
    }
    resolve();
  }),
);

const panel = new PanelSimulator(port, {
  protocol,
  encoding,
  garbage: values.garbage ?? false,
  controlAddress: values['control-address'] ?? '1',
  pagerAddress: values['pager-address'] ?? '2',
  replyTimeoutMs: positive('timeout', values.timeout, 1000),
  retries,
});

const pendingResets = new Set<Promise<unknown>>();
let stopping = false;
/** The call being sent by the main loop, whose reset is scheduled only once it completes. */
let inFlight: Promise<unknown> = Promise.resolve();

function describeResult(r: TransactionResult): string {
  if (protocol === 'line') return 'written';
  const extra = [
    r.naks.length ? `NAK ${r.naks.map((n) => n || '-').join(',')}` : '',
    r.timeouts ? `${r.timeouts} timeout(s)` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${r.ok ? 'acked' : 'FAILED'} after ${r.attempts} attempt(s)${extra ? ` (${extra})` : ''}`;
}

function scheduleReset(address: string) {
  if (resetAfterMs === undefined) return;
  const done = new Promise<void>((resolve) => {
    setTimeout(() => {
      panel
        .sendCall({ address, kind: 'cancel' })
        .then((r) => console.log(`${stamp()} reset ${address}: ${describeResult(r)}`))
        .finally(resolve);
    }, resetAfterMs);
  });
  pendingResets.add(done);
  void done.then(() => pendingResets.delete(done));
}

const stamp = () => new Date().toISOString().slice(11, 23);

function printSummary(s: PanelSummary, elapsedMs: number) {
  const perSecond = (s.sent / (elapsedMs / 1000)).toFixed(1);
  console.log(
    `summary: sent ${s.sent}, acked ${s.acked}, naked ${s.naked}, timeouts ${s.timeouts}, failed ${s.failed}` +
      `${s.garbageBytes ? `, garbage bytes ${s.garbageBytes}` : ''} — ${(elapsedMs / 1000).toFixed(2)} s, ${perSecond} calls/s`,
  );
}

let finishing: Promise<never> | undefined;
function finish(started: number): Promise<never> {
  finishing ??= finishNow(started);
  return finishing;
}

async function finishNow(started: number): Promise<never> {
  stopping = true;
  // Leave no call raised on the receiver: wait for the scheduled resets first.
  await inFlight;
  if (pendingResets.size > 0) console.log(`waiting for ${pendingResets.size} scheduled reset(s)…`);
  while (pendingResets.size > 0) await Promise.all(pendingResets);
  printSummary(panel.summary, performance.now() - started);
  panel.close();
  await new Promise<void>((resolve) => port.close(() => resolve()));
  process.exit(panel.summary.failed > 0 ? 1 : 0);
}

const started = performance.now();
process.once('SIGINT', () => void finish(started));

const call = (address: string): PanelCall => ({
  address,
  priority,
  ...(values.message ? { message: values.message } : {}),
});

if (burst !== undefined) {
  console.log(`burst: ${burst} ${protocol} calls on ${values.port}`);
  for (let i = 0; i < burst && !stopping; i++) {
    const address = addressAt(i, burst);
    inFlight = panel.sendCall(call(address)).then(() => scheduleReset(address));
    await inFlight;
  }
  await finish(started);
} else {
  console.log(`continuous: ${rate} call(s)/s on ${values.port} (${protocol}); Ctrl-C to stop`);
  const intervalMs = 1000 / rate;
  for (let i = 0; i < count && !stopping; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (stopping) break;
    const address = addressAt(i, spread);
    inFlight = panel.sendCall(call(address)).then((result) => {
      console.log(`${stamp()} call ${address}: ${describeResult(result)}`);
      scheduleReset(address);
    });
    await inFlight;
  }
  await finish(started);
}
