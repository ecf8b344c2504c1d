import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../src-main/shared/events';
import { addUser } from '../../support/core';
import {
  addDays,
  admit,
  createResident,
  dischargeVoluntarily,
  recordAbility,
  risksInput,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

const bedStatus = async (s: SetUp & Facility, label: string) =>
  (await s.call('beds.board', {}, s.adminToken)).buildings[0]!.floors[0]!.rooms.flatMap((r) => r.beds).find(
    (b) => b.label === label,
  )!;

describe('admission', () => {
  it('is refused without both assessments within 30 days, and says what is missing', async () => {
    t = await setUp();
    const r = await createResident(t, '张桂兰');
    const bedId = t.beds.get('301-1')!;
    let error = await t.fail('residents.admit', { id: r.id, bedId, admittedOn: TODAY }, t.adminToken);
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain('能力评估、九防风险评估');

    await recordAbility(t, r.id, addDays(TODAY, -31), 70);
    await t.call('assessments.recordRisks', risksInput(r.id, addDays(TODAY, -10), [t.adminId]), t.adminToken);
    error = await t.fail('residents.admit', { id: r.id, bedId, admittedOn: TODAY }, t.adminToken);
    expect(error.message).toContain('缺少：能力评估');
    expect(error.message).not.toContain('九防风险评估。');

    // The window is configurable.
    await t.call('residents.updateConfig', { admissionAssessmentMaxAgeDays: 45 }, t.adminToken);
    const admitted = await t.call(
      'residents.admit',
      { id: r.id, bedId, admittedOn: TODAY, contract: { number: 'HT-001', startOn: TODAY } },
      t.adminToken,
    );
    expect(admitted).toMatchObject({
      status: 'admitted',
      admittedOn: TODAY,
      bed: { id: bedId, label: '301-1' },
      contract: { number: 'HT-001', startOn: TODAY, endOn: null },
    });
    expect(admitted.availableActions).toEqual(['transfer', 'startLeave', 'discharge']);
  });

  it('never puts two residents in one bed', async () => {
    t = await setUp();
    const a = await createResident(t, '甲');
    const b = await createResident(t, '乙');
    await admit(t, a.id, '301-1');
    await recordAbility(t, b.id, TODAY, 70);
    await t.call('assessments.recordRisks', risksInput(b.id, TODAY, [t.adminId]), t.adminToken);
    const error = await t.fail(
      'residents.admit',
      { id: b.id, bedId: t.beds.get('301-1')!, admittedOn: TODAY },
      t.adminToken,
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('甲');
    expect(error.details?.fieldErrors?.[0]?.path).toBe('bedId');
    expect(
      (await t.fail('residents.reserve', { id: b.id, bedId: t.beds.get('301-1')! }, t.adminToken)).code,
    ).toBe('CONFLICT');
    // The database refuses it too, whatever code path tries.
    expect(() =>
      t!.core.sql.db
        .prepare("UPDATE residents SET status = 'admitted', bed_id = ? WHERE id = ?")
        .run(t!.beds.get('301-1')!, b.id),
    ).toThrow(/UNIQUE/);
  });

  it('refuses admission dates in the future and admitting someone already in residence', async () => {
    t = await setUp();
    const r = await createResident(t, '丙');
    const future = await t.fail(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('301-1')!, admittedOn: addDays(TODAY, 1) },
      t.adminToken,
    );
    expect(future.details?.fieldErrors?.[0]?.path).toBe('admittedOn');
    await admit(t, r.id, '301-1');
    const again = await t.fail(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('301-2')!, admittedOn: TODAY },
      t.adminToken,
    );
    expect(again.code).toBe('PRECONDITION');
    expect(again.message).toContain('不能重复办理入住');
  });

  it('moves a reservation into admission, in the reserved bed or another', async () => {
    t = await setUp();
    const r = await createResident(t, '丁');
    const reserved = await t.call(
      'residents.reserve',
      { id: r.id, bedId: t.beds.get('302-1')! },
      t.adminToken,
    );
    expect(reserved.status).toBe('reserved');
    expect((await bedStatus(t, '302-1')).status).toBe('reserved');
    const detail = await admit(t, r.id, '302-2');
    expect(detail.bed?.label).toBe('302-2');
    expect((await bedStatus(t, '302-1')).status).toBe('vacant');
    expect((await bedStatus(t, '302-2')).status).toBe('occupied');
  });

  it('cancels a reservation and frees the bed', async () => {
    t = await setUp();
    const r = await createResident(t, '戊');
    await t.call('residents.reserve', { id: r.id, bedId: t.beds.get('303-1')! }, t.adminToken);
    const after = await t.call(
      'residents.cancelReservation',
      { id: r.id, reason: '家属改变主意' },
      t.adminToken,
    );
    expect(after).toMatchObject({ status: 'waiting', bed: null });
    expect((await bedStatus(t, '303-1')).status).toBe('vacant');
    const history = await t.call('residents.history', { id: r.id }, t.adminToken);
    expect(history.map((h) => h.action)).toEqual(['create', 'reserve', 'cancelReservation']);
    expect(history[2]!.detail).toContain('家属改变主意');
  });
});

describe('leave, transfer and discharge', () => {
  it('keeps the bed during leave, brings the resident back, and records the history', async () => {
    t = await setUp();
    const r = await createResident(t, '张德福');
    await admit(t, r.id, '301-1', addDays(TODAY, -20));
    const events: EventEnvelope[] = [];
    t.core.events.subscribe((e) => events.push(e));

    const away = await t.call(
      'residents.startLeave',
      { id: r.id, kind: 'hospital', startOn: addDays(TODAY, -2), destination: '市第一人民医院' },
      t.adminToken,
    );
    expect(away).toMatchObject({
      status: 'onLeave',
      bed: { label: '301-1' },
      currentLeave: { kind: 'hospital', destination: '市第一人民医院' },
    });
    const board = await bedStatus(t, '301-1');
    expect(board.status).toBe('onLeave');
    expect(board.resident).toMatchObject({
      name: '张德福',
      leave: { kind: 'hospital', expectedReturnOn: null },
    });
    expect((await t.call('beds.available', {}, t.adminToken)).map((b) => b.label)).not.toContain('301-1');
    expect(
      (await t.fail('residents.startLeave', { id: r.id, kind: 'outing', startOn: TODAY }, t.adminToken))
        .message,
    ).toContain('已在请假中');
    expect(
      (
        await t.fail(
          'residents.transferBed',
          { id: r.id, toBedId: t.beds.get('302-1')!, on: TODAY },
          t.adminToken,
        )
      ).message,
    ).toContain('请销假后');

    const tooEarly = await t.fail(
      'residents.endLeave',
      { id: r.id, returnedOn: addDays(TODAY, -3) },
      t.adminToken,
    );
    expect(tooEarly.details?.fieldErrors?.[0]?.path).toBe('returnedOn');
    const back = await t.call('residents.endLeave', { id: r.id, returnedOn: TODAY }, t.adminToken);
    expect(back).toMatchObject({ status: 'admitted', currentLeave: null, bed: { label: '301-1' } });
    expect(events.filter((e) => e.name === 'residents.changed').map((e) => e.payload)).toEqual([
      { residentId: r.id, action: 'startLeave' },
      { residentId: r.id, action: 'endLeave' },
    ]);

    const moved = await t.call(
      'residents.transferBed',
      { id: r.id, toBedId: t.beds.get('305-2')!, on: TODAY, reason: '需要靠近护士站' },
      t.adminToken,
    );
    expect(moved.bed?.label).toBe('305-2');
    expect((await bedStatus(t, '301-1')).status).toBe('vacant');
    const history = await t.call('residents.history', { id: r.id }, t.adminToken);
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['create', null, 'waiting'],
      ['admit', 'waiting', 'admitted'],
      ['startLeave', 'admitted', 'onLeave'],
      ['endLeave', 'onLeave', 'admitted'],
      ['transfer', 'admitted', 'admitted'],
    ]);
    expect(history[4]).toMatchObject({ bedLabel: '1号楼 305-2', byUser: '王院长' });
    expect(history[4]!.detail).toContain('301-1');
  });

  it('refuses leave that starts in the future or before admission', async () => {
    t = await setUp();
    const r = await createResident(t, '李四');
    await admit(t, r.id, '301-1', addDays(TODAY, -5));
    const future = await t.fail(
      'residents.startLeave',
      { id: r.id, kind: 'outing', startOn: addDays(TODAY, 1) },
      t.adminToken,
    );
    expect(future.details?.fieldErrors?.[0]?.path).toBe('startOn');
    const early = await t.fail(
      'residents.startLeave',
      { id: r.id, kind: 'outing', startOn: addDays(TODAY, -6) },
      t.adminToken,
    );
    expect(early.message).toContain(`上一次办理业务的日期 ${addDays(TODAY, -5)}（办理入住）`);
    const backwards = await t.fail(
      'residents.startLeave',
      { id: r.id, kind: 'outing', startOn: TODAY, expectedReturnOn: addDays(TODAY, -1) },
      t.adminToken,
    );
    expect(backwards.details?.fieldErrors?.[0]?.path).toBe('expectedReturnOn');
  });

  it('discharges (also from leave), frees the bed, and never twice', async () => {
    t = await setUp();
    const r = await createResident(t, '王五');
    await admit(t, r.id, '304-1', addDays(TODAY, -40), 60);
    await t.call(
      'residents.startLeave',
      { id: r.id, kind: 'hospital', startOn: addDays(TODAY, -3) },
      t.adminToken,
    );
    expect(
      (
        await t.fail(
          'residents.discharge',
          { id: r.id, dischargedOn: addDays(TODAY, 1), reason: 'death' },
          t.adminToken,
        )
      ).details?.fieldErrors?.[0]?.path,
    ).toBe('dischargedOn');
    expect(
      (
        await t.fail(
          'residents.discharge',
          { id: r.id, dischargedOn: addDays(TODAY, -4), reason: 'death' },
          t.adminToken,
        )
      ).message,
    ).toContain('上一次办理业务的日期 2026-11-22（请假）');
    const out = await t.call(
      'residents.discharge',
      { id: r.id, dischargedOn: TODAY, reason: 'death', note: '医院内病故' },
      t.adminToken,
    );
    expect(out).toMatchObject({
      status: 'discharged',
      bed: null,
      dischargedOn: TODAY,
      dischargeReason: 'death',
      currentLeave: null,
    });
    expect(out.availableActions).toEqual(['archive']);
    expect((await bedStatus(t, '304-1')).status).toBe('vacant');
    const twice = await t.fail(
      'residents.discharge',
      { id: r.id, dischargedOn: TODAY, reason: 'voluntary' },
      t.adminToken,
    );
    expect(twice.code).toBe('PRECONDITION');
    expect(twice.message).toContain('不能重复退住');
    // Death closes the record for good.
    expect(
      (await t.fail('residents.reserve', { id: r.id, bedId: t.beds.get('304-1')! }, t.adminToken)).message,
    ).toContain('死亡');
    // The bed kept its history, so it can only be retired.
    expect((await t.fail('beds.delete', { id: t.beds.get('304-1')! }, t.adminToken)).message).toContain(
      '撤床',
    );
  });

  it('re-admits a resident who left voluntarily on the same record', async () => {
    t = await setUp();
    const r = await createResident(t, '赵六');
    await admit(t, r.id, '301-1', addDays(TODAY, -100));
    await dischargeVoluntarily(t, r.id, addDays(TODAY, -50));
    const early = await t.fail(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('301-2')!, admittedOn: addDays(TODAY, -60) },
      t.adminToken,
    );
    expect(early.details?.fieldErrors?.[0]?.path).toBe('admittedOn');
    const again = await admit(t, r.id, '301-2');
    expect(again).toMatchObject({ status: 'admitted', dischargedOn: null, bed: { label: '301-2' } });
  });
});

describe('dates stay in order', () => {
  const fieldError = (e: { details?: { fieldErrors?: Array<{ path: string; message: string }> } }) =>
    e.details?.fieldErrors?.[0];

  it('refuses a leave that starts inside an earlier, closed leave', async () => {
    t = await setUp();
    const r = await createResident(t, '王大爷');
    await admit(t, r.id, '301-1', addDays(TODAY, -20));
    await t.call(
      'residents.startLeave',
      { id: r.id, kind: 'hospital', startOn: addDays(TODAY, -10) },
      t.adminToken,
    );
    await t.call('residents.endLeave', { id: r.id, returnedOn: addDays(TODAY, -2) }, t.adminToken);
    const overlap = await t.fail(
      'residents.startLeave',
      { id: r.id, kind: 'outing', startOn: addDays(TODAY, -8) },
      t.adminToken,
    );
    expect(fieldError(overlap)).toEqual({
      path: 'startOn',
      message: `请假开始日期不能早于上一次办理业务的日期 ${addDays(TODAY, -2)}（销假），请核对`,
    });
    // Leaving again on the day of return is fine.
    await t.call(
      'residents.startLeave',
      { id: r.id, kind: 'outing', startOn: addDays(TODAY, -2) },
      t.adminToken,
    );
    const early = await t.fail(
      'residents.endLeave',
      { id: r.id, returnedOn: addDays(TODAY, -3) },
      t.adminToken,
    );
    expect(fieldError(early)?.path).toBe('returnedOn');
  });

  it('refuses a discharge or a transfer dated before the last transfer', async () => {
    t = await setUp();
    const r = await createResident(t, '赵奶奶');
    await admit(t, r.id, '302-1', addDays(TODAY, -20));
    await t.call(
      'residents.transferBed',
      { id: r.id, toBedId: t.beds.get('302-2')!, on: addDays(TODAY, -1) },
      t.adminToken,
    );
    const discharge = await t.fail(
      'residents.discharge',
      { id: r.id, dischargedOn: addDays(TODAY, -15), reason: 'voluntary' },
      t.adminToken,
    );
    expect(fieldError(discharge)?.path).toBe('dischargedOn');
    expect(discharge.message).toContain(`日期不能早于上一次办理业务的日期 ${addDays(TODAY, -1)}`);
    const transfer = await t.fail(
      'residents.transferBed',
      { id: r.id, toBedId: t.beds.get('303-1')!, on: addDays(TODAY, -5) },
      t.adminToken,
    );
    expect(fieldError(transfer)?.path).toBe('on');
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).status).toBe('admitted');
  });

  it('refuses a reservation or re-admission dated before the last discharge', async () => {
    t = await setUp();
    const r = await createResident(t, '孙爷爷');
    await admit(t, r.id, '303-1', addDays(TODAY, -20));
    await dischargeVoluntarily(t, r.id, addDays(TODAY, -2));
    const reserve = await t.fail(
      'residents.reserve',
      { id: r.id, bedId: t.beds.get('304-1')!, on: addDays(TODAY, -3) },
      t.adminToken,
    );
    expect(fieldError(reserve)).toEqual({
      path: 'on',
      message: `预订日期不能早于上一次办理业务的日期 ${addDays(TODAY, -2)}（办理退住），请核对`,
    });
    await t.call(
      'residents.reserve',
      { id: r.id, bedId: t.beds.get('304-1')!, on: addDays(TODAY, -1) },
      t.adminToken,
    );
    // The assessments of 20 days ago still cover the window, so only the date is wrong.
    const readmit = await t.fail(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('304-1')!, admittedOn: addDays(TODAY, -8) },
      t.adminToken,
    );
    expect(fieldError(readmit)?.path).toBe('admittedOn');
    expect(readmit.message).toContain(`上一次办理业务的日期 ${addDays(TODAY, -1)}（预订床位）`);
    // Apart from the day the record was typed in, the history reads in date order.
    const dates = (await t.call('residents.history', { id: r.id }, t.adminToken))
      .filter((h) => h.fromStatus !== null)
      .map((h) => h.on);
    expect(dates).toEqual([addDays(TODAY, -20), addDays(TODAY, -2), addDays(TODAY, -1)]);
  });

  it('still admits a record created today with an earlier admission date', async () => {
    t = await setUp();
    const r = await createResident(t, '昨天来');
    expect((await admit(t, r.id, '305-1', addDays(TODAY, -1))).admittedOn).toBe(addDays(TODAY, -1));
  });
});

describe('re-admission contract', () => {
  it("clears the last stay's contract unless a new one is given", async () => {
    t = await setUp();
    const r = await createResident(t, '孙爷爷');
    await recordAbility(t, r.id, addDays(TODAY, -5), 70);
    await t.call('assessments.recordRisks', risksInput(r.id, addDays(TODAY, -5), [t.adminId]), t.adminToken);
    const first = await t.call(
      'residents.admit',
      {
        id: r.id,
        bedId: t.beds.get('303-1')!,
        admittedOn: addDays(TODAY, -4),
        contract: { number: 'HT-OLD', startOn: addDays(TODAY, -4), endOn: addDays(TODAY, -3) },
      },
      t.adminToken,
    );
    expect(first.contract?.number).toBe('HT-OLD');
    await dischargeVoluntarily(t, r.id, addDays(TODAY, -3));
    const again = await t.call(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('303-2')!, admittedOn: addDays(TODAY, -1) },
      t.adminToken,
    );
    expect(again.contract).toBeNull();

    await dischargeVoluntarily(t, r.id, TODAY);
    const withNew = await t.call(
      'residents.admit',
      {
        id: r.id,
        bedId: t.beds.get('303-1')!,
        admittedOn: TODAY,
        contract: { number: 'HT-NEW', startOn: TODAY },
      },
      t.adminToken,
    );
    expect(withNew.contract).toEqual({ number: 'HT-NEW', startOn: TODAY, endOn: null });
  });
});

describe('residents.extendLeave', () => {
  it('moves the expected return of the current leave, and is what the refusal to start a second leave points to', async () => {
    t = await setUp();
    const r = await createResident(t, '周奶奶');
    await admit(t, r.id, '301-1', addDays(TODAY, -20));
    await t.call(
      'residents.startLeave',
      { id: r.id, kind: 'hospital', startOn: addDays(TODAY, -3), expectedReturnOn: TODAY },
      t.adminToken,
    );
    const second = await t.fail(
      'residents.startLeave',
      { id: r.id, kind: 'outing', startOn: TODAY },
      t.adminToken,
    );
    expect(second.code).toBe('PRECONDITION');
    expect(second.message).toContain('「延长请假」');
    expect(second.message).toContain(`预计 ${TODAY} 返回`);

    const extended = await t.call(
      'residents.extendLeave',
      { id: r.id, expectedReturnOn: addDays(TODAY, 5) },
      t.adminToken,
    );
    expect(extended.status).toBe('onLeave');
    expect(extended.currentLeave).toMatchObject({
      startOn: addDays(TODAY, -3),
      expectedReturnOn: addDays(TODAY, 5),
      returnedOn: null,
    });
    const history = await t.call('residents.history', { id: r.id }, t.adminToken);
    expect(history.at(-1)).toMatchObject({
      action: 'extendLeave',
      fromStatus: 'onLeave',
      toStatus: 'onLeave',
    });
    expect(history.at(-1)!.detail).toContain(`由 ${TODAY} 改为 ${addDays(TODAY, 5)}`);

    const before = await t.fail(
      'residents.extendLeave',
      { id: r.id, expectedReturnOn: addDays(TODAY, -4) },
      t.adminToken,
    );
    expect(before.details?.fieldErrors?.[0]).toMatchObject({
      path: 'expectedReturnOn',
      message: expect.stringContaining(addDays(TODAY, -3)),
    });
    const caregiver = await addUser(t, 'cg', ['caregiver']);
    expect(
      (await t.fail('residents.extendLeave', { id: r.id, expectedReturnOn: addDays(TODAY, 6) }, caregiver))
        .code,
    ).toBe('FORBIDDEN');

    // Extending is an edit made today, not a business date: a return dated yesterday still goes in.
    const back = await t.call(
      'residents.endLeave',
      { id: r.id, returnedOn: addDays(TODAY, -1) },
      t.adminToken,
    );
    expect(back.status).toBe('admitted');
    const notOnLeave = await t.fail(
      'residents.extendLeave',
      { id: r.id, expectedReturnOn: addDays(TODAY, 6) },
      t.adminToken,
    );
    expect(notOnLeave.code).toBe('PRECONDITION');
    expect(notOnLeave.message).toContain('当前没有在请假');
  });
});

describe('archive and purge', () => {
  it('purges only archived records after the retention period and with the name confirmed', async () => {
    t = await setUp();
    const r = await createResident(t, '钱七', { diagnoses: ['阿尔茨海默病'] });
    await admit(t, r.id, '301-1', '2020-03-01');
    await t.call(
      'incidents.record',
      { residentId: r.id, kind: 'fall', occurredOn: '2020-06-01' },
      t.adminToken,
    );
    t.clock.set('2021-01-01T02:00:00Z');
    await dischargeVoluntarily(t, r.id, '2021-01-01');
    t.clock.set('2026-11-25T02:00:00Z');
    expect(
      (await t.fail('residents.purge', { id: r.id, confirmName: '钱七' }, t.adminToken)).message,
    ).toContain('请先归档');
    await t.call('residents.archive', { id: r.id }, t.adminToken);

    // With a 10-year rule the record must wait until 2031.
    await t.call('residents.updateConfig', { archiveRetentionYears: 10 }, t.adminToken);
    expect(
      (await t.fail('residents.purge', { id: r.id, confirmName: '钱七' }, t.adminToken)).message,
    ).toContain('2031-01-01');
    await t.call('residents.updateConfig', { archiveRetentionYears: 5 }, t.adminToken);
    expect((await t.fail('residents.updateConfig', { archiveRetentionYears: 3 }, t.adminToken)).code).toBe(
      'VALIDATION',
    );

    const head = await addUser(t, 'head', ['headNurse']);
    expect((await t.fail('residents.purge', { id: r.id, confirmName: '钱七' }, head)).code).toBe('FORBIDDEN');
    const wrongName = await t.fail('residents.purge', { id: r.id, confirmName: '钱八' }, t.adminToken);
    expect(wrongName.details?.fieldErrors?.[0]).toMatchObject({ path: 'confirmName' });
    expect(wrongName.message).toContain('钱七');

    expect(await t.call('residents.purge', { id: r.id, confirmName: '钱七' }, t.adminToken)).toBeNull();
    const purged = await t.call('residents.get', { id: r.id }, t.adminToken);
    expect(purged).toMatchObject({
      status: 'purged',
      idNumberMasked: '',
      diagnoses: [],
      contacts: [],
      latestAbility: null,
      birthDate: null,
    });
    expect(purged.name).not.toContain('钱七');
    expect((await t.call('residents.list', {}, t.adminToken)).total).toBe(0);
    expect((await t.call('assessments.history', { residentId: r.id }, t.adminToken)).ability).toEqual([]);
    expect(await t.call('incidents.list', { residentId: r.id }, t.adminToken)).toEqual([]);
    const audit = await t.call('audit.list', { module: 'residents', limit: 5 }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({
      procedure: 'residents.purge',
      entity: 'resident',
      entityId: String(r.id),
    });
    expect(JSON.stringify(audit.rows[0]!.after)).not.toContain('阿尔茨海默病');
    // Nothing can happen to a purged record any more.
    expect((await t.fail('residents.purge', { id: r.id, confirmName: '钱七' }, t.adminToken)).code).toBe(
      'PRECONDITION',
    );
  });

  it('archives an applicant who never came; such a record can be purged at once', async () => {
    t = await setUp();
    const r = await createResident(t, '孙八');
    expect(
      (
        await t.fail(
          'residents.archive',
          { id: (await admit(t, (await createResident(t, '在住')).id, '301-1')).id },
          t.adminToken,
        )
      ).message,
    ).toContain('请先办理退住');
    await t.call(
      'residents.addAttachment',
      {
        residentId: r.id,
        kind: 'idCopy',
        fileName: '身份证.jpg',
        base64: Buffer.from('证件复印件').toString('base64'),
      },
      t.adminToken,
    );
    const archived = await t.call('residents.archive', { id: r.id }, t.adminToken);
    expect(archived).toMatchObject({ status: 'archived' });
    expect(archived.availableActions).toEqual(['purge']);
    await t.call('residents.purge', { id: r.id, confirmName: '孙八' }, t.adminToken);
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).status).toBe('purged');
    expect(await t.call('residents.listAttachments', { residentId: r.id }, t.adminToken)).toEqual([]);
    expect(readdirSync(join(t.dir, 'attachments'), { recursive: true })).toEqual([]);
  });
});
