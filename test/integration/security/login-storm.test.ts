import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src-main/http/app';
import { ADMIN, addUser, makeSetUpCore, type TestCore } from '../../support/core';

type SetUp = TestCore & { adminToken: string };
let t: SetUp | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  t?.close();
  app = undefined;
});

const remote = (n = 50) => ({ id: `http:192.168.1.${n}`, local: false });
const desktop = { id: 'desktop', local: true };
const wrong = { username: ADMIN.username, password: 'not-the-password' };

describe('lockout counts per account and client', () => {
  it('a remote guesser locks the administrator out of that PC only, not the front desk', async () => {
    t = await makeSetUpCore();
    for (let i = 0; i < 4; i++) {
      const { result } = await t.core.dispatch('auth.login', wrong, null, remote());
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    const locked = await t.core.dispatch('auth.login', wrong, null, remote());
    expect(locked.result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    const right = { username: ADMIN.username, password: ADMIN.password };
    expect((await t.core.dispatch('auth.login', right, null, remote())).result.ok).toBe(false);
    // Another PC and the desktop window are other clients.
    expect((await t.core.dispatch('auth.login', right, null, remote(51))).result.ok).toBe(true);
    const atDesk = await t.core.dispatch('auth.login', right, null, desktop);
    expect(atDesk.result.ok).toBe(true);

    // The administrator sees the lock and can lift it for every client.
    const admin = (await t.call('users.list', {}, t.adminToken)).find((u) => u.username === 'admin')!;
    expect(admin.lockedUntil).not.toBeNull();
    await t.call('users.unlock', { id: admin.id }, t.adminToken);
    expect((await t.core.dispatch('auth.login', right, null, remote())).result.ok).toBe(true);
  });
});

describe('a client guessing across accounts is slowed down', () => {
  it('after five wrong passwords each further attempt waits longer (1 s, 2 s, …), then it is forgotten', async () => {
    t = await makeSetUpCore();
    for (const name of ['a1', 'a2', 'a3']) await addUser(t, name, ['caregiver']);
    const guess = (username: string) =>
      t!.core.dispatch('auth.login', { username, password: 'guess-123' }, null, remote());
    for (const name of ['a1', 'a2', 'a3', 'a1', 'a2', 'a3']) {
      expect((await guess(name)).result).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    }
    const braked = await guess('a3');
    expect(braked.result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(!braked.result.ok && braked.result.error.message).toMatch(/请 1 秒后再试/);
    t.clock.advance(1000);
    expect((await guess('a1')).result).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    const longer = await guess('a2');
    expect(!longer.result.ok && longer.result.error.details?.retryAfterSeconds).toBe(2);
    // Other clients, and the same client with the right password later, are not affected.
    expect(
      (await t.core.dispatch('auth.login', { username: 'a1', password: 'a1-password' }, null, remote(9)))
        .result.ok,
    ).toBe(true);
    t.clock.advance(16 * 60_000);
    expect(
      (await t.core.dispatch('auth.login', { username: 'a1', password: 'a1-password' }, null, remote()))
        .result.ok,
    ).toBe(true);
  });
});

describe('a login storm', () => {
  it('hashes off the main thread: a nurse-call read answers while 60 wrong logins are still hashing', async () => {
    t = await makeSetUpCore();
    let settled = 0;
    const logins = Array.from({ length: 60 }, (_, i) =>
      t!.core.dispatch('auth.login', wrong, null, remote(i + 1)).then((o) => {
        settled++;
        return o;
      }),
    );
    const ringing = await t.core.dispatch('nursecall.calls.ringing', {}, null, remote(200));
    // With scrypt inside the synchronous handler every login finished before this call even began.
    expect(ringing.result.ok).toBe(true);
    expect(settled).toBeLessThan(3);
    const outcomes = await Promise.all(logins);
    const codes = outcomes.map((o) => (o.result.ok ? 'ok' : o.result.error.code));
    // A few are checked (and wrong); the rest are turned away before any hashing.
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS').length).toBeGreaterThanOrEqual(1);
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(50);
    expect(codes.every((c) => c === 'BAD_CREDENTIALS' || c === 'RATE_LIMITED')).toBe(true);
  });

  it('from one client, sheds all but one or two attempts', async () => {
    t = await makeSetUpCore();
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () => t!.core.dispatch('auth.login', wrong, null, remote())),
    );
    const checked = outcomes.filter((o) => !o.result.ok && o.result.error.code === 'BAD_CREDENTIALS');
    expect(checked.length).toBeLessThanOrEqual(2);
  });

  it('answers shed attempts over HTTP with 429, Retry-After and a Chinese message', async () => {
    t = await makeSetUpCore();
    app = await buildHttpApp(t.core, { allowedHosts: ['192.168.1.20'] });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app!.inject({
          method: 'POST',
          url: '/api/call/auth.login',
          remoteAddress: `192.168.1.${100 + i}`,
          headers: { host: '192.168.1.20:4810', 'content-type': 'application/json' },
          payload: JSON.stringify(wrong),
        }),
      ),
    );
    const shed = responses.filter((r) => r.statusCode === 429);
    expect(shed.length).toBeGreaterThan(10);
    expect(Number(shed[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(shed[0]!.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(shed[0]!.json().error.message).toMatch(/请等几秒钟再试/);
    expect(
      responses.filter((r) => r.statusCode === 200).every((r) => r.json().error.code === 'BAD_CREDENTIALS'),
    ).toBe(true);
  });
});
