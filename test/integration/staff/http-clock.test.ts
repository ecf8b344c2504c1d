import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../../src-main/core/platform/test-clock';
import { buildHttpApp } from '../../../src-main/http/app';
import { ADMIN, makeSetUpCore, type TestCore } from '../../support/core';

let t: TestCore | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  t?.close();
});

async function client() {
  t = await makeSetUpCore({ clock: new TestClock('2026-12-01T20:00:00+08:00'), testClock: true });
  // As the server does at start: the scheduler notes each job's latest slot, so later slots are due.
  await t.core.scheduler.poke();
  app = await buildHttpApp(t.core);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  let cookie = '';
  async function login() {
    const response = await fetch(`${base}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    });
    cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  }
  await login();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call<T = any>(
    name: string,
    body: unknown,
  ): Promise<{ ok: boolean; value: T; error?: { code: string } }> {
    const response = await fetch(`${base}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    return (await response.json()) as never;
  }
  // A jump of days idles the session out, as it would a real one: sign in again after each.
  return { call, login };
}

describe('staff over HTTP with the test clock', () => {
  it('dates the ratio, the certificate alerts and the daily snapshots by the server clock', async () => {
    const { call, login } = await client();
    // Nobody on the books yet: the ratio says the roster is not kept rather than judging it.
    expect((await call('staffing.ratio', {})).value).toMatchObject({
      on: '2026-12-01',
      required: 0,
      available: 0,
      rosterEmpty: true,
    });
    const nurse = await call('staff.create', {
      name: '周丽',
      roles: ['caregiver'],
      employment: 'fullTime',
      hiredOn: '2026-11-01',
    });
    expect(nurse.ok).toBe(true);
    const id = nurse.value.id as number;
    expect((await call('rota.assign', { staffId: id, date: '2026-12-02', shiftId: 1 })).error?.code).toBe(
      'TRAINING_REQUIRED',
    );
    await call('training.record', {
      kind: 'preJob',
      on: '2026-11-01',
      hours: 40,
      topic: '岗前培训',
      staffIds: [id],
    });
    expect((await call('rota.assign', { staffId: id, date: '2026-12-02', shiftId: 1 })).ok).toBe(true);
    // Expires on 2027-01-30: 60 days from 2026-12-01 is 2027-01-30, so it is already "expiring".
    await call('staff.addCertificate', {
      staffId: id,
      kind: 'caregiverSkill',
      number: 'ZJ-2024-001',
      level: 4,
      issuedOn: '2024-01-31',
      expiresOn: '2027-01-30',
    });
    const ratio = await call('staffing.ratio', {});
    expect(ratio.value).toMatchObject({ on: '2026-12-01', required: 0, available: 1, compliant: true });
    expect('rosterEmpty' in ratio.value).toBe(false);
    let kinds = ((await call('alerts.list', {})).value as Array<{ kind: string }>).map((a) => a.kind);
    expect(kinds).toContain('staff.certificateExpiring');
    expect(kinds).not.toContain('staff.certificateExpired');

    // Three days on: the snapshot job catches up each day it missed (the clock passed 23:50 three times).
    expect((await call('testing.clock.advance', { minutes: 3 * 24 * 60 })).ok).toBe(true);
    await login();
    const history = await call('staffing.history', { from: '2026-12-01', to: '2026-12-04' });
    expect((history.value as Array<{ on: string }>).map((h) => h.on)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
    const staff = t!.core.services.staff!;
    expect(staff.ratio.snapshotOf('2026-12-01')).toMatchObject({ on: '2026-12-01', available: 1 });
    expect(staff.ratio.snapshotOf('2026-12-03')).toMatchObject({ on: '2026-12-03' });
    expect(staff.ratio.snapshotOf('2026-12-04')).toBeUndefined();

    // Past its expiry date the certificate is expired, and 持证率 falls to 0.
    await call('testing.clock.set', { at: '2027-01-31T09:00:00+08:00' });
    await login();
    kinds = ((await call('alerts.list', {})).value as Array<{ kind: string }>).map((a) => a.kind);
    expect(kinds).toContain('staff.certificateExpired');
    expect((await call('staffing.kpis', {})).value.certification).toEqual({
      certified: 0,
      caregivers: 1,
      rate: 0,
    });
  });
});
