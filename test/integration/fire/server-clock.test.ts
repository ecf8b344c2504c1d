import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleSlot } from '../../../src-main/shared/contract/fire';
import type { Alert } from '../../../src-main/shared/contract/platform';

let dir = '';
let child: ChildProcess | undefined;
let base = '';

/** The real headless server, from source, with its clock started at 19:30 Shanghai time. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-fire-'));
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-main/server.ts',
      '--data-dir',
      join(dir, 'data'),
      '--port',
      '0',
      '--test-clock',
      '2026-12-01T19:30:00+08:00',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /CareDesk listening on (http:\/\/\S+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.on('exit', (code) => reject(new Error(`server exited ${code}:\n${output.join('')}`)));
  });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${join(dir, 'data')}.audit-key`, { force: true });
  rmSync(`${join(dir, 'data')}.audit-key.anchor`, { force: true });
});

async function post<T>(name: string, body: unknown, cookie = ''): Promise<{ value: T; cookie: string }> {
  const response = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const reply = (await response.json()) as {
    ok: boolean;
    value: T;
    error?: { code: string; message: string };
  };
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.code} ${reply.error?.message}`);
  const set = response.headers.get('set-cookie');
  return { value: reply.value, cookie: set ? set.split(';')[0]! : cookie };
}

const items = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((key) => ({ key, result: 'ok' }));
const local = (s: string) => new Date(s).toISOString();

describe('patrol slots through the headless server and its test clock', { timeout: 90_000 }, () => {
  it('closes a slot with a patrol, marks the next night slot missed once its end passes, and alerts', async () => {
    const { cookie: admin } = await post('auth.setup', {
      institution: { name: '幸福里颐养中心' },
      admin: { username: 'admin', password: 'admin-password-1', displayName: '王院长' },
    });
    await post(
      'users.create',
      {
        username: 'hugong',
        displayName: '刘护工',
        password: 'hugong-password',
        roles: ['caregiver'],
        mustChangePassword: false,
      },
      admin,
    );
    const { cookie: caregiver } = await post('auth.login', {
      username: 'hugong',
      password: 'hugong-password',
    });
    const night = { from: '2026-12-01T20:00:00+08:00', to: '2026-12-02T02:00:00+08:00', template: 'patrol' };

    let slots = (await post<ScheduleSlot[]>('fire.schedule', night, caregiver)).value;
    expect(slots.map((s) => [s.start, s.status, s.night])).toEqual([
      [local('2026-12-01T20:00:00+08:00'), 'upcoming', true],
      [local('2026-12-01T22:00:00+08:00'), 'upcoming', true],
      [local('2026-12-02T00:00:00+08:00'), 'upcoming', true],
    ]);

    await post('testing.clock.advance', { minutes: 40 }, admin); // 20:10
    const record = (
      await post<{ id: number; timing: string }>(
        'fire.records.submit',
        { template: 'patrol', items },
        caregiver,
      )
    ).value;
    expect(record.timing).toBe('done');

    await post('testing.clock.advance', { minutes: 120 }, admin); // 22:10
    slots = (await post<ScheduleSlot[]>('fire.schedule', night, caregiver)).value;
    expect(slots.map((s) => s.status)).toEqual(['done', 'open', 'upcoming']);
    expect(slots[0]!.recordId).toBe(record.id);

    await post('testing.clock.advance', { minutes: 120 }, admin); // 00:10, the 22:00 slot has ended
    slots = (await post<ScheduleSlot[]>('fire.schedule', night, caregiver)).value;
    expect(slots.map((s) => s.status)).toEqual(['done', 'missed', 'open']);
    const alerts = (await post<Alert[]>('alerts.list', {}, caregiver)).value.filter(
      (a) => a.kind === 'fire.patrolMissed',
    );
    expect(alerts.find((a) => a.subject.id === local('2026-12-01T22:00:00+08:00'))).toMatchObject({
      severity: 'critical',
      title: '夜间防火巡查漏巡：12-01 22:00–00:00',
    });

    // Filled in late: kept, but never on time.
    const late = (
      await post<{ id: number; timing: string }>(
        'fire.records.submit',
        { template: 'patrol', slotStart: '2026-12-01T22:00:00+08:00', items },
        caregiver,
      )
    ).value;
    expect(late.timing).toBe('late');
    slots = (await post<ScheduleSlot[]>('fire.schedule', night, caregiver)).value;
    expect(slots.map((s) => s.status)).toEqual(['done', 'late', 'open']);
    const overview = (
      await post<{ patrols: Record<string, number> }>('fire.overview', { on: '2026-12-01' }, caregiver)
    ).value;
    expect(overview.patrols).toEqual({ done: 1, late: 1, missed: 10, open: 0 });
  });
});
