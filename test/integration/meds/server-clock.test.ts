import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../src-main/shared/id-number';

/**
 * Dose windows and missed doses through the real headless server under `--test-clock`, as an
 * acceptance check would drive it: HTTP calls, cookies, and clock jumps with testing.clock.*.
 */
let child: ChildProcess | undefined;
let dir = '';
let base = '';

interface Body {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

async function post(name: string, input: unknown, cookie = ''): Promise<{ body: Body; cookie: string }> {
  const response = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(input),
  });
  const set = response.headers.get('set-cookie');
  return { body: (await response.json()) as Body, cookie: set ? set.split(';')[0]! : cookie };
}

async function ok<T>(name: string, input: unknown, cookie: string): Promise<T> {
  const { body } = await post(name, input, cookie);
  if (!body.ok) throw new Error(`${name}: ${body.error?.code} ${body.error?.message}`);
  return body.value as T;
}

const at = (local: string) => new Date(`${local}+08:00`).toISOString();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-meds-'));
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
      '2026-12-01T07:00:00+08:00',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  base = await new Promise<string>((resolve, reject) => {
    const out: string[] = [];
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out.push(chunk.toString());
      const m = /CareDesk listening on (http:\/\/\S+)/.exec(out.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
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

describe('medication on the headless server with a test clock', { timeout: 90_000 }, () => {
  it('a dose in its window is given with a witness; an unrecorded dose turns missed and raises meds.doseMissed', async () => {
    const setup = await post('auth.setup', {
      institution: { name: '幸福里颐养中心' },
      admin: { username: 'admin', password: 'admin-password-1', displayName: '王院长' },
    });
    expect(setup.body.ok).toBe(true);
    const admin = setup.cookie;
    for (const username of ['nurse1', 'nurse2']) {
      await ok(
        'users.create',
        {
          username,
          displayName: username === 'nurse1' ? '张丽' : '李梅',
          password: `${username}-password`,
          roles: ['nurse'],
          mustChangePassword: false,
        },
        admin,
      );
    }
    const nurse = (await post('auth.login', { username: 'nurse1', password: 'nurse1-password' })).cookie;
    const nurse2 = (await post('auth.login', { username: 'nurse2', password: 'nurse2-password' })).cookie;
    const nurse2Id = (await ok<{ user: { id: number } }>('auth.me', {}, nurse2)).user.id;

    const resident = await ok<{ id: number }>(
      'residents.create',
      { name: '张桂兰', idNumber: makeIdNumber('110101', '1940-05-12', 11) },
      admin,
    );
    const warfarin = await ok<{ id: number }>(
      'meds.drugs.save',
      {
        name: '华法林钠片',
        spec: '2.5mg×60片',
        form: '片剂',
        unit: '片',
        highAlert: true,
        controlled: 'none',
      },
      nurse,
    );
    const amlodipine = await ok<{ id: number }>(
      'meds.drugs.save',
      {
        name: '氨氯地平片',
        spec: '5mg×28片',
        form: '片剂',
        unit: '片',
        highAlert: false,
        controlled: 'none',
      },
      nurse,
    );
    const common = {
      residentId: resident.id,
      route: '口服',
      startOn: '2026-12-01',
      prescriber: '王医生',
      source: 'hospital',
    };
    await ok(
      'meds.orders.create',
      { ...common, drugId: warfarin.id, dose: '0.5', schedule: { times: ['08:00'] } },
      nurse,
    );
    await ok(
      'meds.orders.create',
      { ...common, drugId: amlodipine.id, dose: '1', schedule: { times: ['09:00'] } },
      nurse,
    );
    await ok(
      'meds.stock.receive',
      {
        residentId: resident.id,
        drugId: warfarin.id,
        quantity: '30',
        expiresOn: '2027-06-30',
        source: '家属送药',
      },
      nurse,
    );

    type Dose = {
      doseId: string;
      time: string;
      status: string;
      windowFrom: string;
      windowTo: string;
      witness?: number;
    };
    const mar = () => ok<Dose[]>('meds.mar', { date: '2026-12-01' }, nurse);
    const first = await mar();
    expect(first.map((d) => [d.time, d.status])).toEqual([
      ['08:00', 'due'],
      ['09:00', 'due'],
    ]);
    expect(first[0]!.windowFrom).toBe(at('2026-12-01T07:00:00'));
    expect(first[0]!.windowTo).toBe(at('2026-12-01T09:00:00'));

    // 07:05: inside the 08:00 window. The high-alert drug needs a second nurse.
    await ok('testing.clock.set', { at: '2026-12-01T07:05:00+08:00' }, admin);
    const alone = await post('meds.administer', { doseId: first[0]!.doseId, outcome: 'given' }, nurse);
    expect(alone.body.error?.code).toBe('VALIDATION');
    const given = await ok<Dose>(
      'meds.administer',
      { doseId: first[0]!.doseId, outcome: 'given', witnessId: nurse2Id },
      nurse,
    );
    expect(given).toMatchObject({ status: 'given', witness: nurse2Id });
    const again = await post(
      'meds.administer',
      { doseId: first[0]!.doseId, outcome: 'given', witnessId: nurse2Id },
      nurse,
    );
    expect(again.body.error?.code).toBe('ALREADY_RECORDED');
    const stock = await ok<Array<{ quantity: string }>>(
      'meds.stock.list',
      { residentId: resident.id },
      nurse,
    );
    expect(stock.map((s) => s.quantity)).toEqual(['29.5']);

    // 09:59 is inside the 09:00 window (it ends at 10:00): still due, no alert. Two minutes later:
    // missed, with an alert.
    await ok('testing.clock.set', { at: '2026-12-01T09:59:00+08:00' }, admin);
    expect((await mar())[1]!.status).toBe('due');
    expect(
      (await ok<Array<{ kind: string }>>('alerts.list', {}, nurse)).some((a) => a.kind === 'meds.doseMissed'),
    ).toBe(false);
    await ok('testing.clock.advance', { minutes: 2 }, admin);
    expect((await mar()).map((d) => d.status)).toEqual(['given', 'missed']);
    const alerts = await ok<Array<{ kind: string; subject: { id: string } }>>('alerts.list', {}, nurse);
    // One alert per resident and day, naming the dose.
    const missed = alerts.filter((a) => a.kind === 'meds.doseMissed');
    expect(missed.map((a) => a.subject.id)).toEqual([`${resident.id}@2026-12-01`]);
    expect((missed[0] as unknown as { title: string }).title).toBe('张桂兰 09:00 的 氨氯地平片 漏给');

    // Given now, it is recorded as late and needs a reason.
    const noReason = await post('meds.administer', { doseId: first[1]!.doseId, outcome: 'given' }, nurse);
    expect(noReason.body.error?.code).toBe('VALIDATION');
    const late = await ok<Dose>(
      'meds.administer',
      { doseId: first[1]!.doseId, outcome: 'given', reason: '老人外出复诊' },
      nurse,
    );
    expect(late.status).toBe('late');
    const after = await ok<Array<{ kind: string }>>('alerts.list', {}, nurse);
    expect(after.some((a) => a.kind === 'meds.doseMissed')).toBe(false);
  });

  it('a shift handover that passes without a two-person count of controlled stock raises meds.handoverCountMissing', async () => {
    // Sessions idle for hours expire with the clock; each step signs in again, as a new shift would.
    const login = async (username: string, password: string) =>
      (await post('auth.login', { username, password })).cookie;
    const clock = async (local: string) => {
      await ok('testing.clock.set', { at: `${local}+08:00` }, await login('admin', 'admin-password-1'));
      return {
        nurse: await login('nurse1', 'nurse1-password'),
        nurse2: await login('nurse2', 'nurse2-password'),
      };
    };
    let s = await clock('2026-12-01T15:30:00');
    const nurse2Id = (await ok<{ user: { id: number } }>('auth.me', {}, s.nurse2)).user.id;
    const resident = await ok<{ id: number }>(
      'residents.create',
      { name: '王秀英', idNumber: makeIdNumber('110101', '1938-02-03', 21) },
      await login('admin', 'admin-password-1'),
    );
    const morphine = await ok<{ id: number }>(
      'meds.drugs.save',
      {
        name: '盐酸吗啡片',
        spec: '10mg×10片',
        form: '片剂',
        unit: '片',
        highAlert: true,
        controlled: 'narcotic',
      },
      s.nurse,
    );
    await ok(
      'meds.stock.receive',
      {
        residentId: resident.id,
        drugId: morphine.id,
        quantity: '10',
        batchNo: 'M9',
        expiresOn: '2027-08-31',
        source: '医院带回',
        witnessId: nurse2Id,
      },
      s.nurse,
    );
    interface Handover {
      date: string;
      time: string;
      status: string;
      total: number;
      counted: number;
      items: Array<{ residentName: string; drug: string; expected: string }>;
    }
    const open = await ok<Handover>('meds.handover', {}, s.nurse);
    expect([open.date, open.time, open.status, open.total, open.counted]).toEqual([
      '2026-12-01',
      '16:00',
      'open',
      1,
      0,
    ]);
    expect(open.items).toEqual([
      expect.objectContaining({ residentName: '王秀英', drug: '盐酸吗啡片', expected: '10' }),
    ]);

    type Listed = Array<{ kind: string; subject: { id: string }; title: string }>;
    const handoverAlerts = async (cookie: string) =>
      (await ok<Listed>('alerts.list', {}, cookie)).filter((a) => a.kind === 'meds.handoverCountMissing');
    s = await clock('2026-12-01T16:59:00');
    expect(await handoverAlerts(s.nurse)).toEqual([]);
    await ok('testing.clock.advance', { minutes: 2 }, await login('admin', 'admin-password-1'));
    const raised = await handoverAlerts(s.nurse);
    expect(raised.map((a) => [a.subject.id, a.title])).toEqual([
      [at('2026-12-01T16:00:00'), '12月1日 16:00 交接班未双人清点精神/麻醉药品'],
    ]);

    // Counted with a witness at 23:40: the midnight handover is done and raises nothing at 01:05.
    s = await clock('2026-12-01T23:40:00');
    await ok(
      'meds.stock.count',
      { residentId: resident.id, drugId: morphine.id, counted: '10', witnessId: nurse2Id },
      s.nurse,
    );
    const midnight = await ok<Handover>('meds.handover', {}, s.nurse);
    expect([midnight.date, midnight.time, midnight.status, midnight.counted]).toEqual([
      '2026-12-02',
      '00:00',
      'done',
      1,
    ]);
    s = await clock('2026-12-02T01:05:00');
    expect((await handoverAlerts(s.nurse)).map((a) => a.subject.id)).toEqual([at('2026-12-01T16:00:00')]);
  });
});
