import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../../src-main/shared/contract/regulator';
import { startMockPlatform, type MockPlatform } from '../../support/mock-platform';
import { CODE, KEY_ID, SECRET } from './support';

/** The headless server from source, killed with SIGKILL when a test wants a crash. */
interface Served {
  child: ChildProcess;
  url: string;
  output: string[];
}

const started: ChildProcess[] = [];
let platform: MockPlatform | undefined;
let dir: string | undefined;
afterEach(async () => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
  await platform?.close();
  platform = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function serve(dataDir: string, at: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/server.ts', '--data-dir', dataDir, '--port', '0', '--test-clock', at],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started.push(child);
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('\n')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        const match = /CareDesk listening on (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${output.join('\n')}`)));
  });
  return { child, url, output };
}

function api(url: string) {
  let cookie = '';
  async function call<T>(name: string, input: unknown): Promise<T> {
    const response = await fetch(`${url}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const reply = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!reply.ok) throw new Error(`${name}: ${reply.error?.message}`);
    return reply.value;
  }
  return { call };
}

const ADMIN = { username: 'admin', password: 'admin-password-1', displayName: '王院长' };

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function killHard(served: Served): Promise<void> {
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGKILL');
  await exited;
}

describe('regulator upload through the headless server', { timeout: 240_000 }, () => {
  it('a submission in flight when the server is killed goes again with the same key, accepted once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-regulator-'));
    const dataDir = join(dir, 'data');
    // The first request hangs: the server is killed while the submission is `sending`.
    platform = await startMockPlatform({ secret: SECRET, mode: 'timeout', fail: 1 });
    const first = await serve(dataDir, '2026-12-01T09:00:00+08:00');
    const a = api(first.url);
    await a.call('auth.setup', { institution: { name: '幸福里颐养中心' }, admin: ADMIN });
    await a.call('regulator.updateConfig', {
      endpoint: platform.url,
      institutionCode: CODE,
      keyId: KEY_ID,
      secret: SECRET,
      timeoutSeconds: 300,
    });
    const queued = await a.call<OutboxRow>('regulator.send', { kind: 'monthly', period: '2026-11' });
    await waitFor('the request to hang at the platform', async () =>
      platform!.log.length === 1 ? true : undefined,
    );
    const sending = await a.call<OutboxRow[]>('regulator.outbox', {});
    expect(sending[0]).toMatchObject({ id: queued.id, status: 'sending', attempts: 1 });
    await killHard(first);

    const second = await serve(dataDir, '2026-12-01T09:05:00+08:00');
    const b = api(second.url);
    await b.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const done = await waitFor('the submission to be accepted', async () => {
      const rows = await b.call<OutboxRow[]>('regulator.outbox', {});
      return rows[0]?.status === 'accepted' ? rows[0] : undefined;
    });
    expect(done).toMatchObject({ id: queued.id, attempts: 2, duplicate: false });
    expect(platform.accepted).toHaveLength(1);
    expect(platform.accepted[0]!.idempotencyKey).toBe(queued.idempotencyKey);
    expect(done.receiptNo).toBe(platform.accepted[0]!.receiptNo);

    // The secret is in neither process's output nor the database file.
    expect([...first.output, ...second.output].join('\n')).not.toContain(SECRET);
    expect(readFileSync(join(dataDir, 'caredesk.db')).includes(Buffer.from(SECRET))).toBe(false);
    expect(JSON.stringify(await b.call('regulator.getConfig', {}))).not.toContain(SECRET);
  });

  it('the platform down for an hour of test-clock time, the server restarted in the middle', async () => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-regulator-'));
    const dataDir = join(dir, 'data');
    platform = await startMockPlatform({ secret: SECRET, mode: '500' });
    const start = Date.parse('2026-12-01T09:00:00+08:00');
    const realStart = Date.now();
    let served = await serve(dataDir, new Date(start).toISOString());
    let c = api(served.url);
    await c.call('auth.setup', { institution: { name: '幸福里颐养中心' }, admin: ADMIN });
    await c.call('regulator.updateConfig', {
      endpoint: platform.url,
      institutionCode: CODE,
      keyId: KEY_ID,
      secret: SECRET,
      timeoutSeconds: 5,
    });
    const queued = await c.call<OutboxRow>('regulator.send', { kind: 'daily', period: '2026-11-30' });
    await waitFor('the first try', async () => (platform!.log.length >= 1 ? true : undefined));

    const triesAt: number[] = [0];
    let minute = 0;
    const step = async () => {
      minute += 1;
      const before = platform!.log.length;
      // As a person would: one minute on, the clock still running at real speed in between.
      await c.call('testing.clock.advance', { minutes: 1 });
      if (platform!.log.length > before) triesAt.push(minute);
    };
    while (minute < 30) await step();
    const beforeRestart = await c.call<OutboxRow[]>('regulator.outbox', {});
    await killHard(served);
    // The restarted server's clock goes on from where the killed one's was.
    served = await serve(dataDir, new Date(start + minute * 60_000 + (Date.now() - realStart)).toISOString());
    c = api(served.url);
    await c.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    while (minute < 60) await step();
    const alerts = await c.call<Array<{ kind: string }>>('alerts.list', {});

    platform.setMode('ok');
    let accepted: OutboxRow | undefined;
    while (!accepted && minute < 130) {
      await step();
      const rows = await c.call<OutboxRow[]>('regulator.outbox', {});
      if (rows[0]?.status === 'accepted') accepted = rows[0];
    }
    expect(accepted).toBeDefined();
    expect(platform.accepted).toHaveLength(1);
    expect(platform.accepted[0]!.idempotencyKey).toBe(queued.idempotencyKey);
    expect(new Set(platform.log.map((l) => l.idempotencyKey))).toEqual(new Set([queued.idempotencyKey]));
    expect(alerts.map((a) => a.kind)).toContain('regulator.deliveryFailing');
    // Backoff 1, 2, 4, 8, 16, 32 minutes (capped at 60): tries at 0, 1, 3, 7, 15, 31, 63 …
    expect(triesAt.slice(0, 6)).toEqual([0, 1, 3, 7, 15, 31]);
    expect(beforeRestart[0]!.attempts).toBe(5);
    console.log(
      `platform down 60 min (test clock), restart at minute 30: tries at minutes ${triesAt.join(', ')}; ` +
        `${platform.log.length} requests, ${platform.accepted.length} accepted; ` +
        `accepted at minute ${minute} after ${accepted!.attempts} tries`,
    );
  });
});
