// The bench suite on a large home's generated history (issue 15). CI does not run it.
//   npm run gen:data -- --data-dir DIR --beds 1000 --years 10      (prints the admin's password)
//   npx electron-vite build                                          (cold start is of the built server)
//   npm run bench -- --data-dir DIR --password PW [--reps 200] [--serial-calls 300] [--settle 30] [--tsx]
//       [--node-flags="--optimize-for-size"] [--no-served-flags] [--idle 120]
// Without --data-dir it generates a 1,000-bed × 10-year database first (2–10 minutes).
// Works on a copy of DIR, so every run starts from the same data. Prints markdown tables:
//  1. every list/search/board/dashboard read over HTTP beside its raw prepared statements;
//  2. serial byte → SSE event for mapped and unmapped addresses, alone and during a 93-day export;
//  3. how long analytics and the export hold the event loop (max wait of a tiny request meanwhile);
//  4. cold start to the first answer and the server's memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { systemClock } from '../src-main/core/clock';
import { encodeCall, encodeReset } from '../src-main/core/nursecall/protocols/espa444';
import { generateData } from '../src-main/core/platform/generate';
import type { EventEnvelope } from '../src-main/shared/events';
import { PtyPair, closePort, hasSocat, openPort } from '../test/support/pty';
import { TimedController } from './lib/controller';
import { copyData } from './lib/data';
import { rawRunner, readCases, readFixture, reportCases } from './lib/reads';
import {
  api,
  call,
  callInWorker,
  memoryOf,
  pct,
  servedNodeFlags,
  signIn,
  sleep,
  startServer,
  stopServer,
  subscribe,
  type Server,
} from './lib/server';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    /** Extra Node options for the server, space-separated (e.g. `--optimize-for-size`), to compare. */
    'node-flags': { type: 'string', default: '' },
    /** Leave out the Node options `npm run serve` uses (package.json), to compare without them. */
    'no-served-flags': { type: 'boolean', default: false },
    /** Where to write the server's own output (e.g. with `--node-flags=--trace-gc`). */
    'server-log': { type: 'string' },
    /** Seconds to stay idle after the export before the last memory reading (0: none). */
    idle: { type: 'string', default: '120' },
    password: { type: 'string' },
    user: { type: 'string', default: 'admin' },
    reps: { type: 'string', default: '200' },
    'serial-calls': { type: 'string', default: '300' },
    tsx: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    /** Seconds to wait after start: a large file's check runs in a worker then and would compete. */
    settle: { type: 'string', default: '30' },
    /** Parts to run, comma-separated: reads, long, serial (default: all). */
    only: { type: 'string', default: 'reads,long,serial' },
  },
});
const PARTS = new Set(args.only.split(',').map((p) => p.trim()));
const REPS = Number(args.reps);
const SERIAL_CALLS = Number(args['serial-calls']);
/** A serial call slower than this is listed with when it rang. */
const SLOW_CALL_MS = 10;
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

function nodeFlags(): string[] {
  return [
    ...(args['no-served-flags'] ? [] : servedNodeFlags()),
    ...args['node-flags'].split(' ').filter(Boolean),
  ];
}

async function prepareSource(): Promise<{ dir: string; password: string }> {
  if (args['data-dir']) {
    if (!args.password) throw new Error('--password: the admin password the generator printed');
    return { dir: resolve(args['data-dir']), password: args.password };
  }
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-scale-'));
  console.log(`generating a 1,000-bed × 10-year home in ${dir} …`);
  const accounts = await generateData({
    dbPath: join(dir, 'caredesk.db'),
    beds: 1000,
    years: 10,
    seed: 'bench',
    clock: systemClock,
    progress: (m) => console.log(`  ${m}`),
  });
  return { dir, password: accounts.find((a) => a.username === args.user)!.password };
}

/** The longest a 1-byte request waited while `work` ran: how long the event loop was held. */
async function stallDuring<T>(
  server: Server,
  work: Promise<T>,
): Promise<{ value: T; maxWaitMs: number; ms: number }> {
  const started = performance.now();
  let done = false;
  let maxWaitMs = 0;
  const probe = (async () => {
    while (!done) {
      const t = performance.now();
      await call(server, 'auth.status', {});
      maxWaitMs = Math.max(maxWaitMs, performance.now() - t);
      await sleep(5);
    }
  })();
  const value = await work.finally(() => (done = true));
  const ms = performance.now() - started;
  await probe;
  return { value, maxWaitMs, ms };
}

async function main(): Promise<void> {
  const source = await prepareSource();
  const work = mkdtempSync(join(tmpdir(), 'caredesk-bench-'));
  const dataDir = join(work, basename(source.dir));
  const t = performance.now();
  copyData(source.dir, dataDir);
  console.log(`copied the database in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const server = await startServer(dataDir, {
    built: !args.tsx,
    nodeFlags: nodeFlags(),
    ...(args['server-log'] ? { logFile: resolve(args['server-log']) } : {}),
  });
  let pair: PtyPair | null = null;
  const report: string[] = [];
  const line = (s = '') => {
    report.push(s);
    console.log(s);
  };
  try {
    await signIn(server, args.user, source.password);
    await sleep(Number(args.settle) * 1000);
    const afterStart = memoryOf(server.child.pid!);
    const db = new Database(join(dataDir, 'caredesk.db'), { readonly: true, fileMustExist: true });
    const { fixture, bedAddresses } = await readFixture(db, (procedure, input) =>
      api(server, procedure, input),
    );
    const { today } = fixture;
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM beds) AS beds,
                (SELECT count(*) FROM residents WHERE status IN ('admitted', 'onLeave')) AS inResidence,
                (SELECT count(*) FROM residents) AS residents,
                (SELECT count(*) FROM nursecall_calls) AS calls,
                (SELECT count(*) FROM audit_log) AS audit`,
      )
      .get() as { beds: number; inResidence: number; residents: number; calls: number; audit: number };

    line(`# CareDesk bench — ${new Date().toISOString()}`);
    line();
    // Two cores shared with other work: the load says how far to trust the tails.
    line(
      `Load average at start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' / ',
        )}; cold start ${f1(server.coldStartMs)} ms; server's Node options: ${nodeFlags().join(' ') || 'none'}.`,
    );
    line();
    line(
      `Data: ${counts.beds} beds, ${counts.inResidence} in residence, ${counts.residents} residents on file, ` +
        `${counts.calls.toLocaleString('en')} calls, ${counts.audit.toLocaleString('en')} audit rows; today ${today}.`,
    );
    line();

    // ---------------------------------------------------------------- 1. reads
    if (PARTS.has('reads')) {
      line(`## Reads (${REPS} calls each, after 10 to warm up; ms)`);
      line();
      // HTTP: from sending the request until the answer's last byte is here. Decoding it is the
      // client's work (the screen's), timed apart: for a whole home's MAR (3.4 MB) it is most of
      // the round trip, and its garbage collections were the bench's own tail, not the server's.
      line('| read | HTTP p50 | HTTP p95 | raw p50 | raw p95 | HTTP ÷ raw (p50) | KB | decoding here, p50 |');
      line('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const c of readCases(fixture)) {
        const raw = c.raw ? rawRunner(db, c.raw) : null;
        let bytes = 0;
        for (let i = 0; i < 10; i += 1) {
          bytes = (await call(server, c.procedure, c.input)).bytes;
          raw?.();
        }
        const http: number[] = [];
        const direct: number[] = [];
        const decode: number[] = [];
        for (let i = 0; i < REPS; i += 1) {
          let s = performance.now();
          const answer = await call(server, c.procedure, c.input);
          http.push(answer.arrivedAt - s);
          decode.push(answer.decodeMs);
          if (raw) {
            s = performance.now();
            raw();
            direct.push(performance.now() - s);
          }
        }
        const h = sorted(http);
        const r = sorted(direct);
        const ratio = r.length ? pct(h, 0.5) / pct(r, 0.5) : NaN;
        line(
          `| ${c.label} | ${f2(pct(h, 0.5))} | ${f2(pct(h, 0.95))} | ${f2(pct(r, 0.5))} | ${f2(pct(r, 0.95))} | ${f1(ratio)}× | ${(bytes / 1024).toFixed(0)} | ${f2(pct(sorted(decode), 0.5))} |`,
        );
      }
      line();
    }

    // ---------------------------------------------------------------- 2. long reads
    const range93 = { from: addDays(today, -92), to: today };
    let afterAnalytics = memoryOf(server.child.pid!);
    if (PARTS.has('long')) {
      const analytics = await stallDuring(server, callInWorker(server, 'nursecall.analytics', range93));
      afterAnalytics = memoryOf(server.child.pid!);
      line('## Long reads (93 days)');
      line();
      line('| what | took ms | longest wait of a tiny request meanwhile, ms |');
      line('| --- | ---: | ---: |');
      line(`| nursecall.analytics 93 days | ${f1(analytics.ms)} | ${f1(analytics.maxWaitMs)} |`);
      // Reports read once per visit; each is timed alone, with the wait it causes a tiny request.
      for (const r of reportCases(fixture)) {
        const runs: Array<{ ms: number; maxWaitMs: number }> = [];
        for (let i = 0; i < 5; i += 1)
          runs.push(await stallDuring(server, callInWorker(server, r.procedure, r.input)));
        const ms = sorted(runs.map((x) => x.ms));
        const waits = sorted(runs.map((x) => x.maxWaitMs));
        line(`| ${r.label} (median of 5) | ${f1(pct(ms, 0.5))} | ${f1(pct(waits, 0.5))} |`);
      }
    }

    // ---------------------------------------------------------------- 3. serial
    if (!PARTS.has('serial')) {
      // Not asked for.
    } else if (!hasSocat) {
      line('serial: skipped (socat missing)');
    } else {
      pair = new PtyPair(join(work, 'ttyApp'), join(work, 'ttyPanel'));
      await pair.start();
      const raisedAt = new Map<string, number>();
      const stream = await subscribe(server, (e: EventEnvelope, at) => {
        if (e.name === 'nursecall.raised' && e.payload.call.repeats === 0)
          raisedAt.set(e.payload.call.address, at);
      });
      const port = await api<{ id: number }>(server, 'nursecall.ports.save', {
        name: '基准测试',
        path: pair.a,
        protocol: 'espa444',
        options: {},
      });
      for (let i = 0; ; i += 1) {
        const status = await api<Array<{ id: number; state: string }>>(server, 'nursecall.ports.status', {});
        if (status.find((s) => s.id === port.id)?.state === 'connected') break;
        if (i > 400) throw new Error('port did not connect');
        await sleep(25);
      }
      const panelPort = await openPort(pair.b);
      const controller = new TimedController(panelPort);
      let unanswered = 0;
      /** Calls slower than SLOW_CALL_MS, by when they rang: to match against `--trace-gc` in `--server-log`. */
      const slowCalls: Array<{ sinceStart: number; ms: number }> = [];
      /** ms from the block's last byte to the event; Infinity when the app did not answer in 5 s. */
      const ring = async (address: string): Promise<number> => {
        raisedAt.delete(address);
        let lastByte = 0;
        try {
          await controller.call(encodeCall({ address, priority: 'normal' }), (at) => (lastByte = at));
          while (!raisedAt.has(address)) await sleep(0);
          const latency = raisedAt.get(address)! - lastByte;
          if (latency > SLOW_CALL_MS)
            slowCalls.push({ sinceStart: lastByte - server.spawnedAt, ms: latency });
          await controller.call(encodeReset(address), () => {});
          return latency;
        } catch {
          unanswered += 1;
          return Infinity;
        }
      };
      const series = async (n: number, addressOf: (i: number) => string, until?: () => boolean) => {
        const out: number[] = [];
        for (let i = 0; i < n || (until && !until()); i += 1) out.push(await ring(addressOf(i)));
        return sorted(out);
      };
      const mappedAddress = (i: number) => bedAddresses[(i * 7) % bedAddresses.length]!;
      const unmappedAddress = (i: number) => String(80_000 + (i % 5000));
      const mapped = await series(SERIAL_CALLS, mappedAddress);
      const unmapped = await series(SERIAL_CALLS, unmappedAddress);
      const beforeExport = memoryOf(server.child.pid!);
      let exportDone = false;
      const exporting = stallDuring(
        server,
        callInWorker(server, 'nursecall.export', range93).finally(() => (exportDone = true)),
      );
      const during = await series(20, mappedAddress, () => exportDone);
      const exported = await exporting;
      const afterExport = memoryOf(server.child.pid!);
      line(
        `| nursecall.export 93 days (${((exported.value.bytes * 3) / 4 / 1024 / 1024).toFixed(1)} MB) | ${f1(exported.ms)} | ${f1(exported.maxWaitMs)} |`,
      );
      line();
      line('## Serial byte → event (ms)');
      line();
      if (unanswered > 0) line(`**${unanswered} call transactions got no reply within 5 s.**`);
      line('| calls | n | p50 | p99 | max |');
      line('| --- | ---: | ---: | ---: | ---: |');
      for (const [label, xs] of [
        ['mapped to a bed, alone', mapped],
        ['unmapped, alone', unmapped],
        ['mapped, while a 93-day export runs', during],
      ] as const)
        line(`| ${label} | ${xs.length} | ${f2(pct(xs, 0.5))} | ${f2(pct(xs, 0.99))} | ${f2(xs.at(-1)!)} |`);
      line();
      if (slowCalls.length > 0)
        line(
          `Calls over ${SLOW_CALL_MS} ms (ms since the server's start: latency): ${slowCalls
            .map((c) => `${c.sinceStart.toFixed(0)}: ${f1(c.ms)}`)
            .join(', ')}.`,
        );
      line();
      line('## Start and memory');
      line();
      line('| what | value |');
      line('| --- | ---: |');
      line(`| cold start to the first answer | ${f1(server.coldStartMs)} ms |`);
      const rss = (m: { rssMb: number; anonMb: number }) => `${f1(m.rssMb)} MB (${f1(m.anonMb)} anonymous)`;
      line(`| RSS after start and sign-in | ${rss(afterStart)} |`);
      line(`| RSS after 93-day analytics | ${rss(afterAnalytics)} |`);
      line(`| RSS after the serial calls, before the export | ${rss(beforeExport)} |`);
      line(`| RSS after 93-day export | ${rss(afterExport)} |`);
      line(`| peak RSS | ${f1(afterExport.peakMb)} MB |`);
      // V8 gives back what a burst left committed only in a memory-reducing collection, which it
      // starts on its own about 100 s after the last collection when the app sits idle.
      const idleSeconds = Number(args.idle);
      if (idleSeconds > 0) {
        await sleep(idleSeconds * 1000);
        line(
          `| RSS after the export and ${idleSeconds} s idle | ${f1(memoryOf(server.child.pid!).rssMb)} MB |`,
        );
      }
      panelPort.removeAllListeners('data');
      await closePort(panelPort);
      stream.abort();
      await pair.stop();
    }
    db.close();
  } finally {
    await pair?.stop();
    await stopServer(server);
    if (!args.keep) rmSync(work, { recursive: true, force: true });
    if (!args['data-dir'] && !args.keep) rmSync(source.dir, { recursive: true, force: true });
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

await main();
