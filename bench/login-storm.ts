// Nurse-call answers during a login storm, against the real headless server in its own process.
//   npm run bench:login-storm [-- --seconds 8 --wave-every-ms 0 --root <checkout>]
// While waves of 60 concurrent logins with unknown names (each a full scrypt) hit the server,
// each wave as soon as the last one is answered, `nursecall.calls.ringing` is asked every 25 ms;
// its answer time is reported as
// median / p99 / max, next to the same with no storm. Two storms: 60 clients (60 loopback
// addresses, 127.0.0.2–61) and one client sending 60 at once. `--root` points at another checkout
// (with node_modules) to measure an older build the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    // 0: each wave as soon as the last is answered (a flood); 1000: one wave of 60 a second.
    'wave-every-ms': { type: 'string', default: '0' },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
  },
});
const SECONDS = Number(args.seconds);
const WAVE_EVERY_MS = Number(args['wave-every-ms']);
const root = resolve(args.root);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.round(p * (xs.length - 1))]!;

async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      join(root, 'src-main/server.ts'),
      '--data-dir',
      dataDir,
      '--port',
      '0',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited ${code}:\n${out}`)));
  });
  return { child, port };
}

/** One POST from a chosen loopback address (a distinct client to the server), no connection reuse. */
function post(port: number, name: string, body: unknown, from = '127.0.0.1') {
  return new Promise<{ status: number; json: { ok: boolean; error?: { code: string } } }>((ok, fail) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/call/${name}`,
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, json: JSON.parse(text) as never }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

async function sampleRinging(port: number, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!until()) {
    const start = performance.now();
    const res = await post(port, 'nursecall.calls.ringing', {});
    if (!res.json.ok) throw new Error(`ringing failed: ${JSON.stringify(res.json)}`);
    times.push(performance.now() - start);
    await sleep(25);
  }
  return times;
}

async function storm(port: number, clients: number, label: string) {
  let stop = false;
  const tally = new Map<string, number>();
  const waves = (async () => {
    while (!stop) {
      const waveStart = performance.now();
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          post(
            port,
            'auth.login',
            // Unknown names never lock, so each attempt costs a full hash (against the dummy hash).
            { username: `nobody-${i}`, password: `wrong-${i}` },
            `127.0.0.${2 + (i % clients)}`,
          ),
        ),
      );
      for (const r of results) {
        const key = `${r.status} ${r.json.error?.code ?? 'ok'}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      const rest = WAVE_EVERY_MS - (performance.now() - waveStart);
      if (rest > 0) await sleep(rest);
    }
  })();
  const started = performance.now();
  const times = await sampleRinging(port, () => performance.now() - started > SECONDS * 1000);
  stop = true;
  await waves;
  report(label, times);
  console.log(`  login answers: ${[...tally].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
}

function report(label: string, times: number[]) {
  console.log(
    `${label.padEnd(34)} ringing median ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${times.length} asks)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'caredesk-login-storm-'));
const { child, port } = await startServer(dir);
try {
  const setup = await post(port, 'auth.setup', {
    institution: { name: '基准测试颐养中心' },
    admin: { username: 'admin', displayName: '管理员', password: 'bench-password-1' },
  });
  if (!setup.json.ok) throw new Error(`setup failed: ${JSON.stringify(setup.json)}`);
  console.log(`server: ${root}`);
  let t0 = performance.now();
  report('no storm', await sampleRinging(port, () => performance.now() - t0 > 3000));
  await storm(port, 60, '60 clients × 60 wrong logins');
  await sleep(1000);
  t0 = performance.now();
  await storm(port, 1, '1 client × 60 wrong logins');
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
