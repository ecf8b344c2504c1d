import { networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src-main/http/app';
import { ADMIN, makeCore, type TestCore } from '../../support/core';

let t: TestCore | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  t?.close();
  app = undefined;
  t = undefined;
});

const setupInput = (setupCode?: string) => ({
  institution: { name: '幸福里颐养中心' },
  admin: ADMIN,
  ...(setupCode === undefined ? {} : { setupCode }),
});

async function fresh(allowedHosts: string[] = ['caredesk.local', '192.168.1.20']) {
  t = makeCore();
  app = await buildHttpApp(t.core, { allowedHosts });
  return { t, app };
}

/** A request as it arrives from another PC (or a rebinding page), with a real Host header. */
function call(
  a: FastifyInstance,
  name: string,
  body: unknown,
  from: { remoteAddress: string; host: string },
) {
  return a.inject({
    method: 'POST',
    url: `/api/call/${name}`,
    remoteAddress: from.remoteAddress,
    headers: { host: from.host, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

const lanPc = { remoteAddress: '192.168.1.50', host: '192.168.1.20:4810' };
const thisPc = { remoteAddress: '127.0.0.1', host: '127.0.0.1:4810' };

describe('first-run setup on a LAN server', () => {
  it('refuses demo.seed and auth.setup from another PC without the setup code, and says how', async () => {
    const { app: a, t: tc } = await fresh();
    const status = (await call(a, 'auth.status', {}, lanPc)).json();
    expect(status.value).toMatchObject({ setupRequired: true, setupCodeRequired: true });

    const seed = (await call(a, 'demo.seed', {}, lanPc)).json();
    expect(seed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(seed.error.message).toContain('安装码');
    expect(JSON.stringify(seed)).not.toMatch(/password/i);

    const setup = (await call(a, 'auth.setup', setupInput(), lanPc)).json();
    expect(setup).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(tc.core.services.auth.hasUsers()).toBe(false);

    const wrong = (await call(a, 'auth.setup', setupInput('0000-0000-0000'), lanPc)).json();
    expect(wrong.error.details.fieldErrors[0].path).toBe('setupCode');
    expect(tc.core.services.auth.hasUsers()).toBe(false);
  });

  it('a web page that rebinds its DNS name to 127.0.0.1 is not "this computer"', async () => {
    // Listed on purpose: even a name the server answers under is not local unless it is loopback.
    const { app: a, t: tc } = await fresh(['caredesk.local']);
    const rebound = { remoteAddress: '127.0.0.1', host: 'caredesk.local:4810' };
    expect((await call(a, 'demo.seed', {}, rebound)).json()).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const foreign = await call(a, 'demo.seed', {}, { remoteAddress: '127.0.0.1', host: 'evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(tc.core.services.auth.hasUsers()).toBe(false);
  });

  it('accepts the printed code from another PC, once', async () => {
    const { app: a, t: tc } = await fresh();
    const code = tc.core.services.setupGate.current()!;
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    const ok = await call(a, 'auth.setup', setupInput(code.replace(/-/g, ' ')), lanPc);
    expect(ok.json()).toMatchObject({ ok: true, value: { user: { username: ADMIN.username } } });
    expect(tc.core.services.setupGate.current()).toBeNull();
    const again = (await call(a, 'demo.seed', { setupCode: code }, lanPc)).json();
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
  });

  it('replaces the code after ten wrong guesses, so the old one stops working', async () => {
    const { app: a, t: tc } = await fresh();
    const first = tc.core.services.setupGate.current()!;
    for (let i = 0; i < 10; i++) await call(a, 'demo.seed', { setupCode: `1111-1111-11${i}0` }, lanPc);
    const second = tc.core.services.setupGate.current()!;
    expect(second).not.toBe(first);
    expect((await call(a, 'demo.seed', { setupCode: first }, lanPc)).json().ok).toBe(false);
  });

  it('lets the server computer itself set up with no code', async () => {
    const { app: a } = await fresh();
    expect((await call(a, 'auth.status', {}, thisPc)).json().value.setupCodeRequired).toBe(false);
    const seeded = (await call(a, 'demo.seed', {}, { ...thisPc, host: 'localhost:4810' })).json();
    expect(seeded.ok).toBe(true);
    expect(seeded.value.accounts.length).toBeGreaterThan(3);
  });

  it('answers only the listed names; a wildcard is not a name', async () => {
    const { app: a } = await fresh(['*', 'CareDesk.Local']);
    const res = await call(a, 'auth.status', {}, { remoteAddress: '192.168.1.50', host: 'anything.example' });
    expect(res.statusCode).toBe(403);
    const ok = await call(a, 'auth.status', {}, { remoteAddress: '192.168.1.50', host: 'caredesk.local' });
    expect(ok.statusCode).toBe(200);
  });

  it('over a real LAN socket, the first-run screen asks for the code', async () => {
    const lanAddress = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!lanAddress) {
      console.warn(
        'no non-loopback IPv4 interface here: the real-socket LAN check is covered by inject only',
      );
      return;
    }
    t = makeCore();
    app = await buildHttpApp(t.core, { allowedHosts: [lanAddress] });
    const base = await app.listen({ port: 0, host: lanAddress });
    const seed = await fetch(`${base}/api/call/demo.seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await seed.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.core.services.auth.hasUsers()).toBe(false);
  });
});
