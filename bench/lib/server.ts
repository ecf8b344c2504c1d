// The real headless server as the benchmarks drive it: a child process, plain HTTP with a session
// cookie, and the /api/events stream.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { Worker } from 'node:worker_threads';
import { join, resolve } from 'node:path';
import type { EventEnvelope } from '../../src-main/shared/events';

export const root = resolve(import.meta.dirname, '../..');

export interface Server {
  child: ChildProcess;
  base: string;
  cookie: string;
  /** ms from spawning the process to its first answer over HTTP. */
  coldStartMs: number;
  /** `performance.now()` in this process when the server was spawned: the server's clock zero, near enough. */
  spawnedAt: number;
}

/**
 * The Node options `npm run serve` gives the server (package.json), so the bench measures the
 * server as users run it: e.g. a young generation capped at 2 × 16 MB (see docs/performance.md).
 */
export function servedNodeFlags(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const words = scripts.serve!.split(/\s+/);
  return words.slice(1, words.indexOf('scripts/serve.mjs')).filter((w) => w.startsWith('--'));
}

/**
 * Starts `out/main/server.js` (built) or the sources under tsx and waits for its first answer.
 * The built server is what cold-start figures mean; tsx adds its own compile time.
 */
export async function startServer(
  dataDir: string,
  options: { built: boolean; nodeFlags?: string[]; logFile?: string },
): Promise<Server> {
  const built = join(root, 'out/main/server.js');
  if (options.built && !existsSync(built))
    throw new Error('out/main/server.js missing: run `npx electron-vite build` first');
  const [command, args] = options.built
    ? [process.execPath, [...(options.nodeFlags ?? servedNodeFlags()), built]]
    : [
        process.execPath,
        [
          ...(options.nodeFlags ?? servedNodeFlags()),
          join(root, 'node_modules/tsx/dist/cli.mjs'),
          join(root, 'src-main/server.ts'),
        ],
      ];
  const spawnedAt = performance.now();
  const child = spawn(command, [...args, '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    if (options.logFile) {
      const log = createWriteStream(options.logFile);
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
    }
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
  // node:http, not fetch: the first fetch in this process loads its client (~50 ms here), a cost of
  // the bench, not of the server's start.
  while (!(await firstAnswer(`${base}/api/call/auth.status`))) await sleep(5);
  const coldStartMs = performance.now() - spawnedAt;
  return { child, base, cookie: '', coldStartMs, spawnedAt };
}

function firstAnswer(url: string): Promise<boolean> {
  const target = new URL(url);
  return new Promise((resolveOk) => {
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 2 },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolveOk(response.statusCode === 200));
      },
    );
    request.on('error', () => resolveOk(false));
    request.end('{}');
  });
}

/** Stops the server, then this side's kept-alive sockets and the long reads' worker, so the bench exits. */
export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
  agent.destroy();
  await worker?.terminate();
  worker = null;
}

export interface CallResult<T> {
  value: T;
  bytes: number;
  /** When the answer's last byte arrived (`performance.now()`), before it was decoded. */
  arrivedAt: number;
  /** How long decoding it took on this side (bytes to text, then JSON). */
  decodeMs: number;
}

/**
 * Kept-alive node:http: what the figures are meant to show is the server's time. fetch (undici)
 * adds ~0.5–1 ms of its own per call here, more than many reads take on the server.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function post(
  url: string,
  body: string,
  cookie: string,
): Promise<{ body: Buffer; arrivedAt: number; cookie?: string }> {
  const target = new URL(url);
  return new Promise((resolveText, reject) => {
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(cookie ? { cookie } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const arrivedAt = performance.now();
          const set = response.headers['set-cookie']?.[0]?.split(';')[0];
          resolveText({ body: Buffer.concat(chunks), arrivedAt, ...(set ? { cookie: set } : {}) });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One procedure over HTTP; throws with the server's message when it refuses. */
export async function call<T>(server: Server, name: string, input: unknown): Promise<CallResult<T>> {
  const answer = await post(`${server.base}/api/call/${name}`, JSON.stringify(input ?? {}), server.cookie);
  if (answer.cookie) server.cookie = answer.cookie;
  const decodeFrom = performance.now();
  const body = JSON.parse(answer.body.toString('utf8')) as {
    ok: boolean;
    value?: T;
    error?: { message: string };
  };
  const decodeMs = performance.now() - decodeFrom;
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return { value: body.value as T, bytes: answer.body.length, arrivedAt: answer.arrivedAt, decodeMs };
}

export async function api<T>(server: Server, name: string, input: unknown): Promise<T> {
  return (await call<T>(server, name, input)).value;
}

/** Signs in; a first sign-in that must change its password changes it to `newPassword`. */
export async function signIn(
  server: Server,
  username: string,
  password: string,
  newPassword = 'bench-password-1',
): Promise<void> {
  const session = await api<{ mustChangePassword?: boolean; user?: { mustChangePassword?: boolean } }>(
    server,
    'auth.login',
    { username, password },
  );
  if (session.mustChangePassword || session.user?.mustChangePassword)
    await api(server, 'auth.changePassword', { currentPassword: password, newPassword });
}

/** Subscribes to /api/events and hands each envelope to `onEvent` with its arrival time. */
export async function subscribe(
  server: Server,
  onEvent: (e: EventEnvelope, at: number) => void,
): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(`${server.base}/api/events`, {
    headers: { cookie: server.cookie },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`event stream refused: ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) onEvent(JSON.parse(data) as EventEnvelope, at);
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return abort;
}

/** Resident and peak resident memory of a process, in MB (Linux). */
/** RSS, its peak, and the part of it that is anonymous memory (heaps, buffers), not mapped files. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number; anonMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, anonMb: kb('RssAnon') / 1024 };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo]! + (sorted[Math.ceil(rank)]! - sorted[lo]!) * (rank - lo);
}

/**
 * One call made from a worker thread that counts the answer's bytes without decoding it. The long
 * reports answer megabytes of JSON; decoded on the bench's own thread they held up its probe and
 * its serial timestamps (a 14 MB export answer: ~90 ms), which then read as the server's stalls.
 * One worker serves every such call, so its start (~30 ms) is not in any call's time.
 */
export function callInWorker(server: Server, name: string, input: unknown): Promise<{ bytes: number }> {
  const id = ++workerCalls;
  return new Promise((resolveCall, reject) => {
    pendingInWorker.set(id, (m) => {
      if (m.error !== undefined) reject(new Error(`${name}: ${m.error}`));
      else resolveCall({ bytes: m.bytes! });
    });
    callWorker().postMessage({
      id,
      url: `${server.base}/api/call/${name}`,
      cookie: server.cookie,
      body: JSON.stringify(input ?? {}),
    });
  });
}

let workerCalls = 0;
let worker: Worker | null = null;
const pendingInWorker = new Map<number, (m: { bytes?: number; error?: string }) => void>();

function callWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { request } = require('node:http');
     parentPort.on('message', ({ id, url, cookie, body }) => {
       const target = new URL(url);
       const req = request(
         { host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
           headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } },
         (res) => {
           let bytes = 0;
           let head = '';
           res.on('data', (c) => { if (head.length < 200) head += c.toString('utf8', 0, 200); bytes += c.length; });
           res.on('end', () => parentPort.postMessage(head.startsWith('{"ok":true') ? { id, bytes } : { id, error: head }));
         });
       req.on('error', (e) => parentPort.postMessage({ id, error: e.message }));
       req.end(body);
     });`,
    { eval: true },
  );
  worker.unref();
  worker.on('message', (m: { id: number; bytes?: number; error?: string }) => {
    pendingInWorker.get(m.id)?.(m);
    pendingInWorker.delete(m.id);
  });
  return worker;
}
