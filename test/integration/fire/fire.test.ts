import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleSlot } from '../../../src-main/shared/contract/fire';
import { ADMIN, addUser, makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

const okItems = (keys: string[]) => keys.map((key) => ({ key, result: 'ok' as const }));
const patrolKeys = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const byStart = (slots: ScheduleSlot[], local: string) =>
  slots.find((s) => s.start === new Date(local).toISOString());

/** Sets the clock (sessions idle out across a jump, so everyone signs in again) and returns tokens. */
async function at(t: TestCore & { adminToken: string }, when: string) {
  t.clock.set(when);
  t.adminToken = await t.login(ADMIN.username, ADMIN.password);
  const tokens: string[] = [];
  // One at a time: concurrent sign-ins are refused as a storm.
  for (const u of ['hugong', 'xiaofang', 'huzhang', 'caiwu']) tokens.push(await t.login(u, `${u}-password`));
  const [caregiver, officer, headNurse, finance] = tokens as [string, string, string, string];
  return { t, caregiver, officer, headNurse, finance };
}

async function setUp(when = '2026-12-01T09:30:00+08:00') {
  t = await makeSetUpCore();
  await addUser(t, 'hugong', ['caregiver']);
  await addUser(t, 'xiaofang', ['fireOfficer']);
  await addUser(t, 'huzhang', ['headNurse']);
  await addUser(t, 'caiwu', ['finance']);
  return at(t, when);
}

describe('fire patrol schedule', () => {
  it('statuses follow the clock: done inside a slot, late after it, missed, open and upcoming', async () => {
    const { t, caregiver } = await setUp();
    const day = { from: '2026-12-01', to: '2026-12-01', template: 'patrol' as const };
    let slots = await t.call('fire.schedule', day, caregiver);
    expect(slots).toHaveLength(12);
    expect(slots.map((s) => s.status)).toEqual([
      'missed',
      'missed',
      'missed',
      'missed',
      'open',
      ...Array(7).fill('upcoming'),
    ]);
    expect(slots[0]).toMatchObject({
      start: '2026-11-30T16:00:00.000Z',
      end: '2026-11-30T18:00:00.000Z',
      night: true,
    });

    // Done now for the open 08:00 slot; the 06:00 slot (night) filled in late.
    const done = await t.call(
      'fire.records.submit',
      { template: 'patrol', items: okItems(patrolKeys) },
      caregiver,
    );
    expect(done).toMatchObject({ timing: 'done', slotStart: '2026-12-01T00:00:00.000Z', templateVersion: 1 });
    const late = await t.call(
      'fire.records.submit',
      { template: 'patrol', slotStart: '2026-12-01T06:00:00+08:00', items: okItems(patrolKeys) },
      caregiver,
    );
    expect(late).toMatchObject({ timing: 'late', night: true });
    slots = await t.call('fire.schedule', day, caregiver);
    expect(byStart(slots, '2026-12-01T08:00:00+08:00')).toMatchObject({ status: 'done', recordId: done.id });
    expect(byStart(slots, '2026-12-01T06:00:00+08:00')).toMatchObject({ status: 'late', recordId: late.id });

    // Past the end of the 10:00 slot with nothing recorded: missed; 12:00 is open.
    t.clock.set('2026-12-01T12:00:00+08:00');
    slots = await t.call('fire.schedule', day, caregiver);
    expect(byStart(slots, '2026-12-01T10:00:00+08:00')?.status).toBe('missed');
    expect(byStart(slots, '2026-12-01T12:00:00+08:00')?.status).toBe('open');

    const overview = await t.call('fire.overview', {}, caregiver);
    expect(overview.patrols).toEqual({ done: 1, late: 1, missed: 4, open: 1 });

    // Instants select slots starting in [from, to).
    const two = await t.call(
      'fire.schedule',
      { from: '2026-12-01T22:00:00+08:00', to: '2026-12-02T02:00:00+08:00', template: 'patrol' },
      caregiver,
    );
    expect(two.map((s) => s.start)).toEqual(['2026-12-01T14:00:00.000Z', '2026-12-01T16:00:00.000Z']);
    // A wall time without an offset is the institution's (Asia/Shanghai here).
    const local = await t.call(
      'fire.schedule',
      { from: '2026-12-01T22:00', to: '2026-12-02T02:00', template: 'patrol' },
      caregiver,
    );
    expect(local).toEqual(two);
  });

  it('refuses a record in the future, an unknown slot start, a missing item', async () => {
    const { t, caregiver } = await setUp();
    const future = await t.fail(
      'fire.records.submit',
      { template: 'patrol', performedAt: '2026-12-01T10:00:00+08:00', items: okItems(patrolKeys) },
      caregiver,
    );
    expect(future.details?.fieldErrors?.[0]?.path).toBe('performedAt');
    const odd = await t.fail(
      'fire.records.submit',
      { template: 'patrol', slotStart: '2026-12-01T07:00:00+08:00', items: okItems(patrolKeys) },
      caregiver,
    );
    expect(odd.details?.fieldErrors?.[0]?.path).toBe('slotStart');
    const short = await t.fail(
      'fire.records.submit',
      { template: 'patrol', items: okItems(['p1']) },
      caregiver,
    );
    expect(short.code).toBe('VALIDATION');
    expect(short.message).toContain('还有 5 项没有填写');
  });

  it('monthly checks are due by the end of the month; the officer edits templates as new versions', async () => {
    const { t, caregiver, officer } = await setUp();
    const [month] = await t.call(
      'fire.schedule',
      { from: '2026-12-01', to: '2026-12-01', template: 'inspection' },
      officer,
    );
    expect(month).toMatchObject({
      start: '2026-11-30T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
      status: 'open',
    });
    expect((await t.call('fire.overview', {}, officer)).inspection).toEqual({
      lastOn: null,
      dueOn: '2026-12-31',
    });

    await t.fail(
      'fire.templates.save',
      { key: 'patrol', items: [{ key: 'x', text: '只查一项' }] },
      caregiver,
    );
    const saved = await t.call(
      'fire.templates.save',
      {
        key: 'patrol',
        cadence: { every: 'slots', hours: 3, startAt: '00:00', nightFrom: '20:00', nightTo: '08:00' },
        items: [
          { key: 'p1', text: '用火用电有无违章' },
          { key: 'p7', text: '厨房燃气阀门是否关闭' },
        ],
      },
      officer,
    );
    expect(saved.version).toBe(2);
    const slots = await t.call(
      'fire.schedule',
      { from: '2026-12-02', to: '2026-12-02', template: 'patrol' },
      officer,
    );
    expect(slots).toHaveLength(8);
    const record = await t.call(
      'fire.records.submit',
      { template: 'patrol', items: okItems(['p1', 'p7']) },
      caregiver,
    );
    expect(record.templateVersion).toBe(2);
    expect(record.items.map((i) => i.text)).toEqual(['用火用电有无违章', '厨房燃气阀门是否关闭']);
  });
});

describe('hazards to closure', () => {
  it('a failed item opens a hazard; only the fire officer verifies, never the one who rectified', async () => {
    const setup = await setUp();
    const { t, caregiver, finance } = setup;
    let { officer, headNurse } = setup;
    await t.fail('fire.records.submit', { template: 'patrol', items: okItems(patrolKeys) }, finance);
    const record = await t.call(
      'fire.records.submit',
      {
        template: 'patrol',
        items: [
          ...okItems(['p1', 'p3', 'p4', 'p5']),
          { key: 'p2', result: 'fail', note: '2号楼3层东侧通道堆放轮椅' },
          { key: 'p6', result: 'fail', note: '楼梯间杂物已清走', fixedOnSpot: true },
        ],
      },
      caregiver,
    );
    expect(record.hazardIds).toHaveLength(1);
    const [hazard] = await t.call('fire.hazards.list', { status: 'reported' }, caregiver);
    expect(hazard).toMatchObject({
      id: record.hazardIds[0],
      location: '2号楼3层东侧通道堆放轮椅',
      status: 'reported',
    });

    const names = await t.call('fire.people', {}, officer);
    const nurseId = names.rectify.find((p) => p.name === 'huzhang')!.id;
    const officerId = names.rectify.find((p) => p.name === 'xiaofang')!.id;
    expect(
      (
        await t.fail(
          'fire.hazards.assign',
          { id: hazard!.id, ownerId: nurseId, deadline: '2026-12-03', interimMeasures: '专人看守' },
          caregiver,
        )
      ).code,
    ).toBe('FORBIDDEN');
    await t.call(
      'fire.hazards.assign',
      { id: hazard!.id, ownerId: nurseId, deadline: '2026-12-03', interimMeasures: '专人看守' },
      officer,
    );
    expect(
      (await t.fail('fire.hazards.verify', { id: hazard!.id, on: '2026-12-01', accepted: true }, officer))
        .code,
    ).toBe('PRECONDITION');

    // Overdue once the deadline has passed without rectification.
    ({ officer, headNurse } = await at(t, '2026-12-04T09:00:00+08:00'));
    expect(await t.call('fire.hazards.list', { status: 'overdue' }, officer)).toHaveLength(1);
    const alerts = await t.call('alerts.list', {}, officer);
    expect(alerts.find((a) => a.kind === 'fire.hazardOverdue')?.title).toContain('逾期未整改');

    await t.call(
      'fire.hazards.rectify',
      { id: hazard!.id, on: '2026-12-04', measures: '轮椅移到储物间' },
      headNurse,
    );
    expect(
      (await t.fail('fire.hazards.verify', { id: hazard!.id, on: '2026-12-04', accepted: true }, headNurse))
        .code,
    ).toBe('FORBIDDEN');
    const back = await t.call(
      'fire.hazards.verify',
      { id: hazard!.id, on: '2026-12-04', accepted: false, note: '储物间门口仍有堆放' },
      officer,
    );
    expect(back).toMatchObject({ status: 'assigned', rejections: [{ note: '储物间门口仍有堆放' }] });

    // The officer rectifies it himself this time: he may not sign off his own work.
    await t.call(
      'fire.hazards.assign',
      { id: hazard!.id, ownerId: officerId, deadline: '2026-12-05', interimMeasures: '专人看守' },
      officer,
    );
    await t.call('fire.hazards.rectify', { id: hazard!.id, on: '2026-12-04', measures: '全部清走' }, officer);
    const own = await t.fail(
      'fire.hazards.verify',
      { id: hazard!.id, on: '2026-12-04', accepted: true },
      officer,
    );
    expect(own).toMatchObject({ code: 'FORBIDDEN' });
    const closed = await t.call(
      'fire.hazards.verify',
      { id: hazard!.id, on: '2026-12-04', accepted: true, note: '已验收' },
      t.adminToken,
    );
    expect(closed).toMatchObject({ status: 'closed', overdue: false, verifiedOn: '2026-12-04' });
    expect((await t.call('fire.overview', {}, officer)).hazards).toEqual({ open: 0, overdue: 0 });
  });
});

describe('equipment, drills and plans', () => {
  it('keeps the register, counts expiry, records drills against a plan and sets review dates', async () => {
    const { t, officer, caregiver } = await setUp();
    const base = { kind: 'extinguisher' as const, location: '1号楼1层走廊', spec: 'MFZ/ABC4' };
    await t.call('fire.equipment.save', { ...base, code: 'MHQ-001', expiresOn: '2026-11-30' }, officer);
    await t.call('fire.equipment.save', { ...base, code: 'MHQ-002', expiresOn: '2026-12-20' }, officer);
    await t.call('fire.equipment.save', { ...base, code: 'MHQ-003', expiresOn: '2027-12-20' }, officer);
    expect(
      (await t.fail('fire.equipment.save', { ...base, code: 'MHQ-003' }, officer)).details?.fieldErrors?.[0]
        ?.path,
    ).toBe('code');
    expect((await t.call('fire.overview', {}, caregiver)).equipment).toEqual({ expiringSoon: 1, expired: 1 });

    expect((await t.call('fire.overview', {}, caregiver)).drills).toEqual({
      lastOn: null,
      nextDueOn: '2026-12-01',
      nightDrillThisYear: false,
    });
    const drill = await t.call(
      'fire.drills.record',
      {
        on: '2026-11-20',
        plan: 'fire',
        scenario: '夜间2号楼3层起火',
        night: true,
        participants: ['甲', '乙', '丙'],
        residentsEvacuated: 30,
        bedriddenEvacuated: 6,
        evacuationSeconds: 240,
        problems: '',
      },
      officer,
    );
    expect(drill).toMatchObject({ participants: 3, planVersion: 1 });
    expect((await t.call('fire.overview', {}, caregiver)).drills).toEqual({
      lastOn: '2026-11-20',
      nextDueOn: '2027-05-20',
      nightDrillThisYear: true,
    });
    const [half] = await t.call(
      'fire.schedule',
      { from: '2026-12-01', to: '2026-12-01', template: 'drill' },
      caregiver,
    );
    expect(half).toMatchObject({ status: 'done', recordId: drill.id });

    const plans = await t.call('fire.plans.list', {}, caregiver);
    expect(plans.map((p) => p.key)).toEqual([
      'fire',
      'foodPoisoning',
      'wandering',
      'medicalEmergency',
      'epidemic',
      'utilityOutage',
      'naturalDisaster',
    ]);
    expect(plans[0]).toMatchObject({ drills: 1, lastDrillOn: '2026-11-20', nextReviewOn: null });
    const saved = await t.call(
      'fire.plans.save',
      { key: 'wandering', title: '老人走失应急预案', body: '立即查找', reviewedOn: '2026-12-01' },
      officer,
    );
    expect(saved).toMatchObject({ version: 2, nextReviewOn: '2027-12-01' });
  });
});
