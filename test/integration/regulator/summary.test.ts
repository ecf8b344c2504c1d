import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { silentLogger } from '../../../src-main/core/logger';
import { defineCoreModule } from '../../../src-main/core/module';
import { allMigrations } from '../../../src-main/core/modules';
import { nurseCallSummaries } from '../../../src-main/core/nursecall/summary';
import type { NurseCallTables } from '../../../src-main/core/nursecall/tables';
import { regulatorCore } from '../../../src-main/core/regulator/module';
import { systemCore } from '../../../src-main/core/system/module';
import { defineSharedModule } from '../../../src-main/shared/module';
import { summaryDocumentSchema } from '../../../src-main/shared/contract/regulator';
import { makeSetUpCore, makeCore, ADMIN } from '../../support/core';
import {
  abilityInput,
  createResident,
  idNumber,
  risksInput,
  withBeds,
  type Facility,
  type SetUp,
} from '../residents/support';

let t: (SetUp & Facility) | undefined;
const closers: Array<() => void> = [];
afterEach(() => {
  t?.close();
  t = undefined;
  for (const c of closers.splice(0)) c();
});

/** 10:00 in Shanghai on `date`; a jump of days ends the session, so sign in again. */
async function on(s: SetUp, date: string) {
  s.clock.set(`${date}T02:00:00.000Z`);
  s.adminToken = await s.login(ADMIN.username, ADMIN.password);
}

async function admitOn(
  s: SetUp & Facility,
  name: string,
  birth: string,
  seq: number,
  bed: string,
  date: string,
  total: number,
) {
  await on(s, date);
  const r = await createResident(s, name, { idNumber: idNumber(seq, birth) });
  await s.call('assessments.recordAbility', abilityInput(r.id, date, total, [s.adminId]), s.adminToken);
  await s.call('assessments.recordRisks', risksInput(r.id, date, [s.adminId]), s.adminToken);
  await s.call('residents.admit', { id: r.id, bedId: s.beds.get(bed)!, admittedOn: date }, s.adminToken);
  return r;
}

/**
 * A home built by hand: 10 nursing beds (301–305) and 2 general ones (306), then over October and
 * November four admissions, a hospital leave, a death, a reservation, a bed out of service and
 * three incidents. The expected figures below are counted from this story, not from the code.
 */
async function story() {
  const s = await makeSetUpCore();
  await on(s, '2026-10-01');
  const facility = await withBeds(s);
  await s.call(
    'beds.bulkCreate',
    {
      buildingId: facility.buildingId,
      floor: 3,
      roomFrom: 306,
      roomTo: 306,
      bedsPerRoom: 2,
      roomClass: '双人间',
      bedKind: 'general',
    },
    s.adminToken,
  );
  const available = await s.call('beds.available', {}, s.adminToken);
  const full = Object.assign(s, { ...facility, beds: new Map(available.map((b) => [b.label, b.id])) });

  const a = await admitOn(full, '张桂兰', '1940-03-01', 11, '301-1', '2026-10-05', 70); // 轻度 → 半失能, 86 岁
  const b = await admitOn(full, '李德胜', '1950-06-01', 13, '301-2', '2026-10-05', 90); // 完好 → 自理, 76 岁
  const c = await admitOn(full, '王秀英', '1944-12-01', 15, '302-1', '2026-10-20', 40); // 重度 → 失能, 81 岁
  await on(full, '2026-10-25');
  await full.call(
    'incidents.record',
    { residentId: a.id, kind: 'fall', occurredOn: '2026-10-25' },
    full.adminToken,
  );

  const d = await admitOn(full, '赵金凤', '1930-01-15', 17, '302-2', '2026-11-03', 20); // 完全 → 失能, 96 岁
  await on(full, '2026-11-05');
  await full.call(
    'incidents.record',
    { residentId: a.id, kind: 'fall', occurredOn: '2026-11-05' },
    full.adminToken,
  );
  await on(full, '2026-11-10');
  await full.call(
    'residents.startLeave',
    { id: b.id, kind: 'hospital', startOn: '2026-11-10' },
    full.adminToken,
  );
  await on(full, '2026-11-12');
  await full.call(
    'residents.discharge',
    { id: c.id, dischargedOn: '2026-11-12', reason: 'death' },
    full.adminToken,
  );
  await on(full, '2026-11-15');
  const e = await createResident(full, '孙丽华', { idNumber: idNumber(19, '1945-02-02') });
  await full.call('residents.reserve', { id: e.id, bedId: full.beds.get('303-1')! }, full.adminToken);
  await on(full, '2026-11-18');
  await full.call('beds.setOutOfService', { id: full.beds.get('305-2')!, reason: '维修' }, full.adminToken);
  await on(full, '2026-11-20');
  await full.call(
    'incidents.record',
    { residentId: d.id, kind: 'choking', occurredOn: '2026-11-20' },
    full.adminToken,
  );
  await on(full, '2026-12-02');
  return full;
}

describe('regulator.preview', { timeout: 60_000 }, () => {
  it('counts beds and residents as of the last day and movements within the period', async () => {
    t = await story();
    const nov = await t.call('regulator.preview', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    expect(summaryDocumentSchema.parse(nov)).toEqual(nov);
    expect(nov.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(nov.beds).toEqual({
      total: 12,
      nursing: 10,
      occupied: 2,
      onLeave: 1,
      reserved: 1,
      vacant: 7,
      outOfService: 1,
    });
    expect(nov.residents).toEqual({
      total: 3,
      byCategory: { selfCare: 1, partlyDependent: 1, dependent: 1, uncategorised: 0 },
      byLevel: { intact: 1, mild: 1, moderate: 0, severe: 0, complete: 1, unassessed: 0 },
      over80: 2,
      admissions: 1,
      discharges: 1,
      deaths: 1,
    });
    expect(nov.incidents).toEqual({ total: 2, byKind: { fall: 1, choking: 1, selfHarm: 0, wandering: 0 } });
    expect(nov.institution).toMatchObject({ name: '幸福里颐养中心', code: '' });
    expect(nov.audit.headSeq).toBeGreaterThan(0);
    // Every module of this build fills its section (one left out stays null: the test below).
    expect([nov.staff, nov.ratio, nov.fire, nov.finance]).not.toContain(null);

    const oct = await t.call('regulator.preview', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    expect(oct.residents).toEqual({
      total: 3,
      byCategory: { selfCare: 1, partlyDependent: 1, dependent: 1, uncategorised: 0 },
      byLevel: { intact: 1, mild: 1, moderate: 0, severe: 1, complete: 0, unassessed: 0 },
      over80: 2,
      admissions: 3,
      discharges: 0,
      deaths: 0,
    });
    expect(oct.incidents).toEqual({ total: 1, byKind: { fall: 1, choking: 0, selfHarm: 0, wandering: 0 } });

    const day = await t.call('regulator.preview', { kind: 'daily', period: '2026-11-10' }, t.adminToken);
    expect(day.period).toEqual({ from: '2026-11-10', to: '2026-11-10' });
    expect(day.beds).toMatchObject({ occupied: 3, onLeave: 1, reserved: 0 });
    expect(day.residents).toMatchObject({ total: 4, admissions: 0, discharges: 0 });
  });

  it('carries a section from every installed module: staff, ratio, fire, finance, medication', async () => {
    t = await story();
    const nov = await t.call('regulator.preview', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    const doc = nov as unknown as Record<string, unknown>;
    for (const key of ['staff', 'ratio', 'fire', 'finance', 'medication', 'nurseCall']) {
      expect(doc[key], key).not.toBeNull();
      expect(doc[key], key).toBeDefined();
    }
    expect(doc.ratio).toMatchObject({ on: '2026-11-30', days: 30 });
    expect(doc.staff).toMatchObject({ on: '2026-11-30' });
  });

  it('counts the month’s calls and how fast someone came, from the calls as they rang', async () => {
    const s = await makeSetUpCore();
    closers.push(() => s.close());
    const db = new Database(s.dbPath);
    const insert = db.prepare(
      `INSERT INTO nursecall_calls (address, label, mapped, zone, priority, status, raised_at, raised_on,
         last_seen_at, acknowledged_at, escalated_at, cleared_at)
       VALUES (?, '呼叫器', 0, '', 'normal', ?, ?, ?, ?, ?, ?, ?)`,
    );
    // [raised, acknowledged, escalated, cleared]; answered = acknowledged, or cleared when never acknowledged.
    const calls: Array<[string, string | null, string | null, string | null]> = [
      ['2026-11-03T01:00:00.000Z', '2026-11-03T01:00:10.000Z', null, '2026-11-03T01:05:00.000Z'], // 10 s
      ['2026-11-04T01:00:00.000Z', null, null, '2026-11-04T01:00:20.000Z'], // 20 s, cleared at the panel
      ['2026-11-05T01:00:00.250Z', '2026-11-05T01:00:30.750Z', '2026-11-05T01:00:20.000Z', null], // 30.5 s
      ['2026-11-06T01:00:00.000Z', '2026-11-06T01:02:00.000Z', null, null], // 120 s
      ['2026-11-07T01:00:00.000Z', null, '2026-11-07T01:01:00.000Z', null], // still ringing: no wait
      ['2026-11-08T01:00:05.000Z', '2026-11-08T01:00:04.000Z', null, null], // clocks disagree: 0 s
      ['2026-10-31T01:00:00.000Z', '2026-10-31T01:00:01.000Z', null, null], // October: not counted
    ];
    for (const [i, [raised, acked, escalated, cleared]] of calls.entries()) {
      const status = cleared ? 'cleared' : acked ? 'acknowledged' : 'raised';
      insert.run(`90${i}`, status, raised, raised.slice(0, 10), raised, acked, escalated, cleared);
    }
    db.close();
    const section = async (kind: 'monthly' | 'daily', period: string) => {
      const doc = await s.call('regulator.preview', { kind, period }, s.adminToken);
      const { calls, escalated, medianResponseSeconds, p90ResponseSeconds } = (
        doc as unknown as { nurseCall: Record<string, number | null> }
      ).nurseCall;
      return [calls, escalated, medianResponseSeconds, p90ResponseSeconds];
    };
    // [calls, escalated, median s, p90 s]. November's five answered waits sorted: 0, 10, 20, 30.5,
    // 120; the median is the 3rd (⌈0.5·5⌉), p90 the 5th (⌈0.9·5⌉). The 5th alone: 30.5 s rounds up.
    expect(await section('monthly', '2026-11')).toEqual([6, 2, 20, 120]);
    expect(await section('daily', '2026-11-05')).toEqual([1, 1, 31, 31]);
    expect(await section('daily', '2026-11-20')).toEqual([0, 0, null, null]);
  });

  it('counts the nurse-call section one statement per turn: each sorts or counts the whole month', async () => {
    const s = await makeSetUpCore();
    closers.push(() => s.close());
    const [provider] = nurseCallSummaries(s.core.sql.scope<NurseCallTables>());
    expect(provider!.inSteps).toBe(true);
    const steps = provider!.summarize({ from: '2026-11-01', to: '2026-11-30' }) as Generator<void, unknown>;
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields += 1;
    // The totals, the median and the 90th percentile: a turn of the event loop between each.
    expect(yields).toBe(2);
  });

  it('gives the event loop back between sections, so nurse calls are answered while it counts', async () => {
    t = await story();
    const order: string[] = [];
    setImmediate(() => order.push('event loop'));
    const preview = t.call('regulator.preview', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    order.push('preview started');
    expect((await preview).period.from).toBe('2026-11-01');
    order.push('preview done');
    expect(order).toEqual(['preview started', 'event loop', 'preview done']);
  });

  it('refuses a malformed period in words that say how to write it', async () => {
    const s = await makeSetUpCore();
    closers.push(() => s.close());
    const wrong = await s.fail('regulator.preview', { kind: 'monthly', period: '2026-13' }, s.adminToken);
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toContain('2026-11');
    const day = await s.fail('regulator.preview', { kind: 'daily', period: '2026-02-30' }, s.adminToken);
    expect(day.message).toContain('2026-11-30');
  });

  it('is assembled from whatever modules are installed, each filling its own section', async () => {
    const staffing = defineCoreModule({
      shared: defineSharedModule({
        name: 'staffing',
        label: { zh: '人员', en: 'Staff' },
        procedures: {},
        permissions: {},
        events: {},
      }),
      create: () => ({
        handlers: {},
        summaries: [{ key: 'staff', label: '人员', summarize: (p) => ({ caregivers: 12, asOf: p.to }) }],
      }),
    });
    const base = makeCore();
    closers.push(() => base.close());
    void base.core.close();
    const core = createCore({
      dbPath: base.dbPath,
      clock: base.clock,
      logger: silentLogger,
      modules: [systemCore, staffing, regulatorCore],
      migrations: allMigrations(),
    });
    closers.push(() => void core.close());
    const setup = await core.dispatch('auth.setup', {
      institution: { name: '幸福里颐养中心' },
      admin: ADMIN,
    });
    const doc = await core.dispatch(
      'regulator.preview',
      { kind: 'monthly', period: '2026-10' },
      setup.sessionToken,
    );
    if (!doc.result.ok) throw new Error(doc.result.error.message);
    const value = doc.result.value as Record<string, unknown>;
    expect(value.staff).toEqual({ caregivers: 12, asOf: '2026-10-31' });
    expect([value.beds, value.residents, value.incidents, value.nurseCall, value.fire]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
