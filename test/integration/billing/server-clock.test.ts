import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../../support/core';
import { abilityInput, idNumber, risksInput } from '../residents/support';
import { feeSchedule } from './support';

let dir = '';
let child: ChildProcess | undefined;
let base = '';
let cookie = '';

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

async function post(name: string, body: unknown): Promise<Reply> {
  const response = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const set = response.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0]!;
  return (await response.json()) as Reply;
}
async function ok<T>(name: string, body: unknown): Promise<T> {
  const reply = await post(name, body);
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.code} ${reply.error?.message}`);
  return reply.value as T;
}
/** Moves the server's test clock, then signs in again: a jump of days idles the session out. */
async function clockTo(at: string): Promise<void> {
  await ok('testing.clock.set', { at });
  cookie = '';
  await ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-billing-'));
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
      '2026-11-01T10:00:00+08:00',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('\n')}`)), 60_000);
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
  expect(output.join('')).toContain('test clock: 2026-11-01T02:00:00.000Z');
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

describe('a billing month through the headless server and its test clock', { timeout: 120_000 }, () => {
  it('bills a grade change made mid-month, reminds on the 1st, issues once, and raises arrears after 30 days', async () => {
    await ok('auth.setup', { institution: { name: '幸福里颐养中心' }, admin: ADMIN });
    const building = await ok<{ id: number }>('facilities.saveBuilding', { name: '1号楼' });
    await ok('beds.bulkCreate', {
      buildingId: building.id,
      floor: 3,
      roomFrom: 301,
      roomTo: 302,
      bedsPerRoom: 2,
      roomClass: '双人间',
      bedKind: 'nursing',
    });
    const beds = await ok<Array<{ id: number; label: string }>>('beds.available', {});
    const me = await ok<{ user: { id: number } }>('auth.me', {});
    for (const item of feeSchedule) await ok('billing.items.save', item);

    const resident = await ok<{ id: number }>('residents.create', {
      name: '张桂兰',
      idNumber: idNumber(401),
    });
    await ok('assessments.recordAbility', abilityInput(resident.id, '2026-11-01', 50, [me.user.id]));
    await ok('assessments.recordRisks', risksInput(resident.id, '2026-11-01', [me.user.id]));
    // Admitted on a 1 November that the server's clock says is today: 二级.
    await ok('residents.admit', {
      id: resident.id,
      bedId: beds.find((b) => b.label === '301-1')!.id,
      admittedOn: '2026-11-01',
    });

    // The head nurse raises the grade on the 21st: care splits 20 days 二级, 10 days 一级.
    await clockTo('2026-11-21T09:00:00+08:00');
    await ok('residents.setCareGrade', { id: resident.id, grade: '一级', reason: '跌倒后卧床' });

    // The 1st of December, 08:30: the reminder job has run for November.
    await clockTo('2026-12-01T08:30:00+08:00');
    const alerts = await ok<Array<{ kind: string; title: string }>>('alerts.list', {});
    expect(alerts.find((a) => a.kind === 'billing.runDue')?.title).toContain('2026-11');

    const preview = await ok<{
      residents: Array<{ lines: Array<{ item: string; billedDays: number; amountFen: number }> }>;
    }>('billing.runs.preview', { month: '2026-11' });
    expect(preview.residents[0]!.lines.map((l) => [l.item, l.billedDays, l.amountFen])).toEqual([
      ['BED2', 30, 150_000],
      // 120000 × 20 ÷ 30 = 80000; 200000 × 10 ÷ 30 = 66666.7 → 66667
      ['CARE2', 20, 80_000],
      ['CARE1', 10, 66_667],
      ['MEAL', 30, 60_000],
    ]);
    const issued = await ok<{ invoices: number; firstNumber: string }>('billing.runs.issue', {
      month: '2026-11',
    });
    expect(issued).toMatchObject({ invoices: 1, firstNumber: '2026-000001' });
    expect((await post('billing.runs.issue', { month: '2026-11' })).error?.code).toBe('ALREADY_ISSUED');
    const after = await ok<Array<{ kind: string }>>('alerts.list', {});
    expect(after.some((a) => a.kind === 'billing.runDue')).toBe(false);
    expect(after.some((a) => a.kind === 'billing.arrears')).toBe(false);

    // Unpaid 35 days later.
    await clockTo('2027-01-05T09:00:00+08:00');
    const late = await ok<Array<{ kind: string; title: string }>>('alerts.list', {});
    expect(late.find((a) => a.kind === 'billing.arrears')?.title).toBe('1 位老人欠费超过 30 天');
    const account = await ok<{ balanceFen: number; ageing: { d31_60: number } }>('billing.accounts.get', {
      residentId: resident.id,
    });
    expect(account.balanceFen).toBe(356_667);
    expect(account.ageing.d31_60).toBe(356_667);
  });
});
