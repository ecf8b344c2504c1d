import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/core/logger';
import { buildHttpApp } from '../../../src-main/http/app';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../../src-main/http/json-body';
import { ADMIN, addUser, makeSetUpCore, type TestCore } from '../../support/core';

type SetUp = TestCore & { adminToken: string };
let t: SetUp | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  t?.close();
  app = undefined;
});

const errors: string[] = [];
const logger: Logger = {
  info: () => {},
  warn: () => {},
  error: (m, f) => errors.push(`${m} ${JSON.stringify(f)}`),
};

async function serve() {
  t = await makeSetUpCore({ logger });
  app = await buildHttpApp(t.core);
  return { s: t, a: app };
}

const post = (a: FastifyInstance, name: string, payload: string, cookie?: string) =>
  a.inject({
    method: 'POST',
    url: `/api/call/${name}`,
    headers: { host: '127.0.0.1', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload,
  });

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: (text: string) => boolean) {
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { text, done: true };
    text += new TextDecoder().decode(value);
    if (until(text)) return { text, done: false };
  }
}

describe('deeply nested bodies', () => {
  it('are refused with 400 and a plain message before anything parses them', async () => {
    const { a } = await serve();
    const nest = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const deep = await post(a, 'auth.login', nest(5000));
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('层级太深') },
    });
    // Within the cap the body reaches the procedure, which explains what is missing.
    const fine = await post(a, 'auth.login', nest(MAX_JSON_DEPTH - 1));
    expect(fine.statusCode).toBe(200);
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[[[[[[[["}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
  });

  it('a request that fails inside the server is answered 500 with a reference, and logged', async () => {
    const { a } = await serve();
    a.get('/api/fail-for-test', () => {
      throw new Error('boom for the test');
    });
    errors.length = 0;
    const res = await a.inject({ method: 'GET', url: '/api/fail-for-test', headers: { host: '127.0.0.1' } });
    expect(res.statusCode).toBe(500);
    const reference = res.json().error.details.reference as string;
    expect(res.json().error.message).toContain(reference);
    expect(res.body).not.toContain('boom');
    expect(errors.some((e) => e.includes(reference) && e.includes('boom for the test'))).toBe(true);
  });
});

describe('passwords', () => {
  it('are capped at 128 characters wherever one is typed or chosen', async () => {
    t = await makeSetUpCore();
    const long = 'x'.repeat(129);
    const login = await t.fail('auth.login', { username: ADMIN.username, password: 'p'.repeat(15_000_000) });
    expect(login.code).toBe('VALIDATION');
    expect(login.message).toContain('128');
    expect((await t.fail('auth.unlock', { password: long }, t.adminToken)).code).toBe('VALIDATION');
    const create = await t.fail(
      'users.create',
      { username: 'u1', displayName: '护理员', password: long, roles: ['caregiver'] },
      t.adminToken,
    );
    expect(create.details?.fieldErrors?.[0]?.path).toBe('password');
    expect(
      (await t.core.dispatch('auth.login', { username: ADMIN.username, password: 'y'.repeat(128) })).result,
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
  });
});

describe('event streams', () => {
  it('end at logout at once, without waiting for the next event', async () => {
    const { s, a } = await serve();
    const base = await a.listen({ port: 0, host: '127.0.0.1' });
    const token = await s.login(ADMIN.username, ADMIN.password);
    const cookie = `caredesk_session=${token}`;
    const stream = await fetch(`${base}/api/events`, { headers: { cookie } });
    const reader = stream.body!.getReader();
    await readUntil(reader, (text) => text.includes('retry:'));
    await fetch(`${base}/api/call/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    // No event is emitted: before the fix this read waited for the next one, forever here.
    expect((await readUntil(reader, () => false)).done).toBe(true);
  });

  it('end when the session is ended elsewhere (password reset by the administrator)', async () => {
    const { s, a } = await serve();
    const base = await a.listen({ port: 0, host: '127.0.0.1' });
    const nurse = await addUser(s, 'n1', ['nurse']);
    const stream = await fetch(`${base}/api/events`, { headers: { cookie: `caredesk_session=${nurse}` } });
    const reader = stream.body!.getReader();
    await readUntil(reader, (text) => text.includes('retry:'));
    const id = (await s.call('users.list', {}, s.adminToken)).find((u) => u.username === 'n1')!.id;
    await s.call('users.resetPassword', { id, password: 'temporary-1' }, s.adminToken);
    expect((await readUntil(reader, () => false)).done).toBe(true);
  });

  it('carry no resident or nurse-call events to a session that must still change its password', async () => {
    const { s } = await serve();
    await s.call(
      'users.create',
      {
        username: 'new1',
        displayName: '新护士',
        password: 'first-password',
        roles: ['nurse'],
        mustChangePassword: true,
      },
      s.adminToken,
    );
    const fresh = await s.login('new1', 'first-password');
    expect(s.core.eventGate(fresh, 'residents.changed')).toBe('withhold');
    expect(s.core.eventGate(fresh, 'nursecall.raised')).toBe('withhold');
    expect(s.core.eventGate(fresh, 'system.changed')).toBe('deliver');
    await s.call(
      'auth.changePassword',
      { currentPassword: 'first-password', newPassword: 'my-own-password' },
      fresh,
    );
    expect(s.core.eventGate(fresh, 'residents.changed')).toBe('deliver');
  });
});
