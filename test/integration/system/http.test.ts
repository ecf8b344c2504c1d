import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src-main/http/app';
import { ADMIN, makeSetUpCore, type TestCore } from '../../support/core';

let t: TestCore | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  t?.close();
});

async function start() {
  t = await makeSetUpCore();
  app = await buildHttpApp(t.core);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return base;
}

async function post(base: string, name: string, body: unknown, cookie?: string) {
  const response = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return {
    response,
    json: (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } },
  };
}

describe('HTTP transport', () => {
  it('logs in with an HttpOnly SameSite=Strict cookie and never puts the token in the body', async () => {
    const base = await start();
    const { response, json } = await post(base, 'auth.login', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(response.status).toBe(200);
    expect(json.ok).toBe(true);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^caredesk_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const token = setCookie.split(';')[0]!.split('=')[1]!;
    expect(JSON.stringify(json)).not.toContain(token);
    const cookie = setCookie.split(';')[0]!;
    expect((await post(base, 'auth.me', {}, cookie)).json).toMatchObject({
      ok: true,
      value: { user: { username: 'admin' } },
    });
    const logout = await post(base, 'auth.logout', {}, cookie);
    expect(logout.response.headers.get('set-cookie')).toMatch(/caredesk_session=;/);
    expect((await post(base, 'auth.me', {}, cookie)).json).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('answers business errors with HTTP 200 and transport faults with 4xx', async () => {
    const base = await start();
    const validation = await post(base, 'auth.login', {});
    expect(validation.response.status).toBe(200);
    expect(validation.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await post(base, 'auth.me', {})).json).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect((await fetch(`${base}/api/nothing`)).status).toBe(404);
    const bad = await fetch(`${base}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const crossSite = await fetch(`${base}/api/call/auth.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding) and oversized bodies in Chinese', async () => {
    const base = await start();
    const port = new URL(base).port;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/call/auth.status',
          method: 'POST',
          headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(status).toBe(403);
    const big = await fetch(`${base}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(17 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('太大') },
    });
  });

  it('stops a live event stream when its session ends, and withholds events the user may not see', async () => {
    const base = await start();
    const core = t!.core;
    await core.dispatch(
      'users.create',
      {
        username: 'fin',
        displayName: '财务',
        password: 'finance-pass',
        roles: ['finance'],
        mustChangePassword: false,
      },
      (await core.dispatch('auth.login', { username: ADMIN.username, password: ADMIN.password }))
        .sessionToken!,
    );
    const login = await post(base, 'auth.login', { username: 'fin', password: 'finance-pass' });
    const cookie = login.response.headers.get('set-cookie')!.split(';')[0]!;
    const stream = await fetch(`${base}/api/events`, { headers: { cookie } });
    const reader = stream.body!.getReader();
    core.events.emit('beds.changed', { bedIds: [1] });
    core.events.emit('nursecall.cleared', { callId: 1, how: 'panel' });
    core.events.emit('system.changed', { what: 'settings' });
    let text = '';
    while (!text.includes('system.changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('beds.changed');
    expect(text).not.toContain('nursecall.cleared');
    await post(base, 'auth.logout', {}, cookie);
    core.events.emit('system.changed', { what: 'users' });
    let rest = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).not.toContain('"what":"users"');
  });

  it('streams events to signed-in clients only', async () => {
    const base = await start();
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const login = await post(base, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const cookie = login.response.headers.get('set-cookie')!.split(';')[0]!;
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await post(base, 'settings.update', { 'security.idleLockMinutes': 3 }, cookie);
    let text = '';
    while (!text.includes('system.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: system.changed');
    expect(text).toContain('"what":"settings"');
  });
});

describe('renderer files in browser mode', () => {
  it('sends precompressed hashed assets with immutable caching and the page with no-cache', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { brotliCompressSync, brotliDecompressSync } = await import('node:zlib');
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-renderer-'));
    const script = 'console.log("护理站");'.repeat(200);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script src="/assets/index-DTRwd8uE.js"></script>',
    );
    writeFileSync(join(dir, 'assets/index-DTRwd8uE.js'), script);
    writeFileSync(join(dir, 'assets/index-DTRwd8uE.js.br'), brotliCompressSync(script));
    try {
      t = await makeSetUpCore();
      app = await buildHttpApp(t.core, { rendererDir: dir });
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const http = await import('node:http');
      const get = (path: string, encoding: string) =>
        new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          http
            .get(`${base}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            })
            .on('error', reject);
        });
      const asset = await get('/assets/index-DTRwd8uE.js', 'gzip, deflate, br');
      expect(asset.headers['content-encoding']).toBe('br');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(asset.body).toString()).toBe(script);
      const plain = await get('/assets/index-DTRwd8uE.js', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(script);
      const page = await get('/', 'br');
      expect(page.headers['cache-control']).toBe('no-cache');
      const deepLink = await get('/residents/12', 'identity');
      expect(deepLink.body.toString()).toContain('/assets/index-DTRwd8uE.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
