import { afterEach, describe, expect, it } from 'vitest';
import { admitted, drug, medsSetUp, order, type MedsSetUp } from './support';
import { createResident } from '../residents/support';
import { countTurns } from '../../support/turns';

let t: MedsSetUp | undefined;
afterEach(() => t?.close());

// The FakeClock starts at 2026-11-25T02:00Z = 10:00 in Shanghai.
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('the administration record', () => {
  it('lists the day’s doses with ±60 minute windows; a closed window with no record is missed', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    const o = await order(t, rid, d);
    const mar = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    expect(mar.map((m) => [m.time, m.status])).toEqual([
      ['08:00', 'missed'],
      ['20:00', 'due'],
    ]);
    const evening = mar[1]!;
    expect(evening.orderId).toBe(o.orderId);
    expect(evening.dueAt).toBe(at('2026-11-25T20:00:00'));
    expect(evening.windowFrom).toBe(at('2026-11-25T19:00:00'));
    expect(evening.windowTo).toBe(at('2026-11-25T21:00:00'));
    expect(evening.dose).toBe('1');

    // Missed doses of the last 24 hours raise alerts: yesterday evening's and this morning's.
    const alerts = await t.call('alerts.list', {}, t.nurse);
    expect(
      alerts
        .filter((a) => a.kind === 'meds.doseMissed')
        .map((a) => a.subject.id)
        .sort(),
    ).toEqual([`${rid}@2026-11-24`, `${rid}@2026-11-25`]);

    // At the window's last minute the dose is still due; one minute later it is missed.
    t.clock.set(at('2026-11-25T21:00:00'));
    expect((await t.call('meds.mar', { date: '2026-11-25' }, t.nurse))[1]!.status).toBe('due');
    t.clock.set(at('2026-11-25T21:00:30'));
    expect((await t.call('meds.mar', { date: '2026-11-25' }, t.nurse))[1]!.status).toBe('missed');
    t.clock.set(at('2026-11-25T21:01:00'));
    expect((await t.call('meds.mar', { date: '2026-11-25' }, t.nurse))[1]!.status).toBe('missed');

    // The whole home's MAR is built between other requests, a few hundred orders per turn.
    t.clock.advance(60_000);
    const turns = countTurns();
    await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    expect(turns.stop()).toBeGreaterThanOrEqual(2);

    // Nurse stations poll the whole home's MAR: one encoded answer serves the minute until a write.
    const { mar: service } = t.core.services.meds;
    const first = await service.marAnswer({ date: '2026-11-25' }, t.clock.now());
    expect(await service.marAnswer({ date: '2026-11-25' }, t.clock.now())).toBe(first);
    expect(await service.marAnswer({ date: '2026-11-25', residentId: rid }, t.clock.now())).not.toBe(first);
    t.clock.advance(60_000);
    expect(await service.marAnswer({ date: '2026-11-25' }, t.clock.now())).not.toBe(first);
  });

  it('records a dose once; given after the window is late with a reason; a correction keeps the original', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    await order(t, rid, await drug(t));
    const [morning] = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    const noReason = await t.fail('meds.administer', { doseId: morning!.doseId, outcome: 'given' }, t.nurse);
    expect(noReason.code).toBe('VALIDATION');
    expect(noReason.details?.fieldErrors?.[0]?.path).toBe('reason');
    const late = await t.call(
      'meds.administer',
      { doseId: morning!.doseId, outcome: 'given', reason: '老人外出检查刚回来' },
      t.nurse,
    );
    expect(late.status).toBe('late');
    expect(late.by).toBe(t.nurseId);
    const twice = await t.fail(
      'meds.administer',
      { doseId: morning!.doseId, outcome: 'refused', reason: 'x' },
      t.nurse2,
    );
    expect(twice.code).toBe('ALREADY_RECORDED');

    const refusedNoReason = await t.fail(
      'meds.administer',
      { doseId: morning!.doseId.replace('08:00', '20:00'), outcome: 'refused' },
      t.nurse,
    );
    expect(refusedNoReason.code).toBe('VALIDATION');

    await t.call('meds.correct', { doseId: morning!.doseId, reason: '记错了人' }, t.nurse);
    expect((await t.call('meds.mar', { date: '2026-11-25' }, t.nurse))[0]!.status).toBe('missed');
    const again = await t.call(
      'meds.administer',
      { doseId: morning!.doseId, outcome: 'held', reason: '血压偏低，遵医嘱暂停' },
      t.nurse,
    );
    expect(again.status).toBe('held');
    expect(again.reason).toBe('血压偏低，遵医嘱暂停');
  });

  it('in the window is given; too early is refused', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    await order(t, rid, await drug(t));
    const mar = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    const early = await t.fail('meds.administer', { doseId: mar[1]!.doseId, outcome: 'given' }, t.nurse);
    expect(early.code).toBe('PRECONDITION');
    t.clock.set(at('2026-11-25T19:00:00'));
    const given = await t.call('meds.administer', { doseId: mar[1]!.doseId, outcome: 'given' }, t.nurse);
    expect(given.status).toBe('given');
    expect(given.at).toBe(at('2026-11-25T19:00:00'));
  });

  it('a high-alert drug needs a witness who is another user allowed to give medicines', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const warfarin = await drug(t, { name: '华法林钠片', spec: '2.5mg×60片', highAlert: true });
    await order(t, rid, warfarin, { schedule: { times: ['09:30'] }, dose: '0.5' });
    const [dose] = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    expect(dose!.needsWitness).toBe(true);
    const none = await t.fail('meds.administer', { doseId: dose!.doseId, outcome: 'given' }, t.nurse);
    expect(none.details?.fieldErrors?.[0]?.path).toBe('witnessId');
    const self = await t.fail(
      'meds.administer',
      { doseId: dose!.doseId, outcome: 'given', witnessId: t.nurseId },
      t.nurse,
    );
    expect(self.message).toContain('不能是自己');
    const carerId = (await t.call('auth.me', {}, t.caregiver)).user.id;
    const carer = await t.fail(
      'meds.administer',
      { doseId: dose!.doseId, outcome: 'given', witnessId: carerId },
      t.nurse,
    );
    expect(carer.message).toContain('没有给药权限');
    const ok = await t.call(
      'meds.administer',
      { doseId: dose!.doseId, outcome: 'given', witnessId: t.nurse2Id },
      t.nurse,
    );
    expect(ok.witness).toBe(t.nurse2Id);
    expect(ok.dose).toBe('0.5');
  });

  it('order versions: a change applies from its time, a stop ends later doses, high-alert changes need a check', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const o = await order(t, rid, await drug(t));
    const changed = await t.call(
      'meds.orders.change',
      { orderId: o.orderId, dose: '2', reason: '血压控制不佳' },
      t.nurse,
    );
    expect(changed.version).toBe(2);
    const mar = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    expect(mar.map((m) => m.dose)).toEqual(['1', '2']);
    expect((await t.call('meds.mar', { date: '2026-11-24' }, t.nurse)).map((m) => m.dose)).toEqual([
      '1',
      '1',
    ]);
    const noReason = await t.fail('meds.orders.stop', { orderId: o.orderId }, t.nurse);
    expect(noReason.code).toBe('VALIDATION');
    await t.call('meds.orders.stop', { orderId: o.orderId, reason: '医生停药' }, t.nurse);
    expect((await t.call('meds.mar', { date: '2026-11-25' }, t.nurse)).map((m) => m.time)).toEqual(['08:00']);
    expect(await t.call('meds.mar', { date: '2026-11-26' }, t.nurse)).toEqual([]);

    const insulin = await drug(t, {
      name: '胰岛素注射液',
      spec: '300单位/3ml',
      unit: '单位',
      highAlert: true,
    });
    const io = await order(t, rid, insulin, { dose: '8', route: '皮下注射' });
    const unchecked = await t.fail('meds.orders.change', { orderId: io.orderId, dose: '10' }, t.nurse);
    expect(unchecked.details?.fieldErrors?.[0]?.path).toBe('witnessId');
    const checked = await t.call(
      'meds.orders.change',
      { orderId: io.orderId, dose: '10', witnessId: t.nurse2Id },
      t.nurse,
    );
    expect(checked.versions[1]!.checkedBy).toBe(t.nurse2Id);
  });

  it('a caregiver may read the MAR but not give medicines by default', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    await order(t, rid, await drug(t));
    const mar = await t.call('meds.mar', { date: '2026-11-25' }, t.caregiver);
    const refused = await t.fail(
      'meds.administer',
      { doseId: mar[1]!.doseId, outcome: 'given' },
      t.caregiver,
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('counts a month’s doses for the regulator as the day-by-day MAR shows them', async () => {
    t = await medsSetUp();
    const a = await admitted(t, '张桂兰', '301-1');
    const b = await admitted(t, '李秀英', '301-2');
    const d = await drug(t);
    // A: 08:00 and 20:00 from the 20th (22 doses in November); B: 08:00 from the 24th (7 doses).
    await order(t, a, d);
    await order(t, b, d, { schedule: { times: ['08:00'] }, startOn: '2026-11-24' });
    const dose = (resident: number, day: string, time: string) =>
      t!
        .call('meds.mar', { date: day, residentId: resident }, t!.nurse)
        .then((rows) => rows.find((r) => r.time === time)!.doseId);
    const record = async (doseId: string, outcome: 'given' | 'refused' | 'held', reason?: string) =>
      t!.call('meds.administer', { doseId, outcome, ...(reason ? { reason } : {}) }, t!.nurse);
    await record(await dose(a, '2026-11-24', '20:00'), 'refused', '老人拒服');
    await record(await dose(a, '2026-11-25', '08:00'), 'given', '外出检查刚回来'); // late
    const corrected = await dose(a, '2026-11-23', '08:00');
    await record(corrected, 'held', '血压偏低');
    await t.call('meds.correct', { doseId: corrected, reason: '记错了人' }, t.nurse);
    await record(await dose(b, '2026-11-25', '08:00'), 'held', '空腹检查');
    t.clock.set(at('2026-11-25T19:30:00'));
    await record(await dose(a, '2026-11-25', '20:00'), 'given');
    // One resident's card shows that resident's records.
    const card = await t.call('meds.mar', { date: '2026-11-25', residentId: a }, t.nurse);
    expect(card.map((r) => [r.time, r.status])).toEqual([
      ['08:00', 'late'],
      ['20:00', 'given'],
    ]);

    // The month is counted a day at a time, giving the event loop back after each day.
    const turns = countTurns();
    const nov = await t.call('regulator.preview', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    expect(turns.stop()).toBeGreaterThanOrEqual(30);
    // Closed windows with no live record are missed: A 20th–24th and the 25th's 08:00 (11) less the
    // refused and the late one, plus B's 24th. Still open: A's 26th–30th (10) and B's (5).
    expect(nov.medication).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      scheduled: 29,
      due: 15,
      given: 1,
      late: 1,
      refused: 1,
      held: 1,
      missed: 10,
      prn: 0,
    });
    const byDay = { due: 0, given: 0, late: 0, refused: 0, held: 0, missed: 0 };
    for (let day = 1; day <= 30; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      for (const row of await t.call('meds.mar', { date }, t.nurse)) byDay[row.status] += 1;
    }
    expect(nov.medication).toMatchObject(byDay);
  });
});

describe('the day’s MAR counted (meds.marSummary)', () => {
  it('counts the doses meds.mar lists, by state and by area, and follows each record', async () => {
    t = await medsSetUp();
    const a = await admitted(t, '张桂兰', '301-1');
    const b = await admitted(t, '李秀英', '302-2');
    // On the waiting list, with no bed yet: her doses belong to no floor.
    const waiting = (await createResident(t, '王淑珍')).id;
    const d = await drug(t);
    await order(t, a, d);
    await order(t, b, d, { schedule: { times: ['08:00', '12:00', '20:00'] } });
    await order(t, waiting, d, { schedule: { times: ['07:30'] } });
    const evening = (await t.call('meds.mar', { date: '2026-11-25', residentId: a }, t.nurse))[1]!;

    const before = await t.call('meds.marSummary', { date: '2026-11-25' }, t.caregiver);
    // 10:00: the 07:30 and 08:00 windows have closed; 12:00 and 20:00 are still to give.
    expect(before).toEqual({
      date: '2026-11-25',
      total: 6,
      counts: { due: 3, given: 0, late: 0, refused: 0, held: 0, missed: 3 },
      areas: [
        {
          area: '1号楼 3层',
          total: 5,
          counts: { due: 3, given: 0, late: 0, refused: 0, held: 0, missed: 2 },
        },
        {
          area: '未分配床位',
          total: 1,
          counts: { due: 0, given: 0, late: 0, refused: 0, held: 0, missed: 1 },
        },
      ],
      times: ['07:30', '08:00', '12:00', '20:00'],
    });
    // The same minute, no write in between: the one count is kept.
    const { mar: service } = t.core.services.meds;
    expect(service.summary('2026-11-25', t.clock.now())).toBe(service.summary('2026-11-25', t.clock.now()));

    await t.call(
      'meds.administer',
      { doseId: evening.doseId, outcome: 'refused', reason: '老人拒服' },
      t.nurse,
    );
    const after = await t.call('meds.marSummary', { date: '2026-11-25' }, t.nurse);
    expect(after.counts).toEqual({ due: 2, given: 0, late: 0, refused: 1, held: 0, missed: 3 });

    // As the whole home's MAR shows the day, state by state and area by area.
    const rows = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    const byArea = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const area = byArea.get(r.area) ?? {};
      area[r.status] = (area[r.status] ?? 0) + 1;
      byArea.set(r.area, area);
    }
    expect(
      after.areas.map((x) => [x.area, Object.fromEntries(Object.entries(x.counts).filter(([, n]) => n))]),
    ).toEqual([...byArea.entries()].sort(([x], [y]) => (x < y ? -1 : 1)));

    // 12:00's window closes at 13:00; a minute later the count says so without any write.
    t.clock.set(at('2026-11-25T13:01:00'));
    const later = await t.call('meds.marSummary', { date: '2026-11-25' }, t.nurse);
    expect(later.counts).toEqual({ due: 1, given: 0, late: 0, refused: 1, held: 0, missed: 4 });
    expect((await t.fail('meds.marSummary', { date: '2026-11-31' }, t.nurse)).code).toBe('VALIDATION');
  });
});

describe('missed doses for the alert', () => {
  it('are the MAR’s missed doses of the last 24 hours, less those of residents on leave', async () => {
    t = await medsSetUp();
    const a = await admitted(t, '张桂兰', '301-1');
    const b = await admitted(t, '李秀英', '302-1');
    const away = await admitted(t, '王淑珍', '303-1');
    const d = await drug(t);
    await order(t, a, d, { schedule: { times: ['06:00', '08:00', '20:00'] } });
    await order(t, b, d, { schedule: { times: ['09:30', '22:00'] } });
    await order(t, away, d);
    await t.call(
      'residents.startLeave',
      { id: away, kind: 'hospital', startOn: '2026-11-25', destination: '市第一人民医院' },
      t.adminToken,
    );
    const doseOf = async (resident: number, date: string, time: string) =>
      (await t!.call('meds.mar', { date, residentId: resident }, t!.nurse)).find((r) => r.time === time)!
        .doseId;
    // Recorded: not missed. Recorded then corrected: missed again.
    await t.call(
      'meds.administer',
      { doseId: await doseOf(a, '2026-11-25', '08:00'), outcome: 'held', reason: '血压偏低' },
      t.nurse,
    );
    const struck = await doseOf(b, '2026-11-24', '22:00');
    await t.call('meds.administer', { doseId: struck, outcome: 'refused', reason: '老人拒服' }, t.nurse);
    await t.call('meds.correct', { doseId: struck, reason: '记错了人' }, t.nurse);

    // 10:31 on the 25th: the last 24 hours reach back to 10:31 on the 24th, so the 24th's 06:00
    // and 08:00 windows (closed by 09:00) are out and its 09:30 window (until 10:30) is out too.
    t.clock.set(at('2026-11-25T10:31:00'));
    const now = t.clock.now();
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const expected: string[] = [];
    for (const date of ['2026-11-24', '2026-11-25'])
      for (const r of await t.call('meds.mar', { date }, t.nurse))
        if (r.status === 'missed' && !r.onLeave && r.windowTo >= since) expected.push(r.doseId);
    const missed = t.core.services.meds.mar.missedBetween(new Date(since), now);
    expect(missed.map((r) => r.doseId)).toEqual(expected);
    expect(expected.map((id) => id.replace(/^\d+/, ''))).toEqual([
      '@2026-11-24T20:00',
      '@2026-11-24T22:00',
      '@2026-11-25T06:00',
      '@2026-11-25T09:30',
    ]);
    expect(missed.every((r) => r.status === 'missed' && r.residentId !== away)).toBe(true);
    // The rows are the MAR's own: same fields as the day's list shows.
    const marRow = (await t.call('meds.mar', { date: '2026-11-25' }, t.nurse)).find(
      (r) => r.doseId === missed[2]!.doseId,
    );
    expect(missed[2]).toEqual(marRow);
  });
});

describe('one resident’s month (the paper MAR)', () => {
  it('reads each day as that day’s MAR shows it: changed, stopped and recorded doses alike', async () => {
    t = await medsSetUp();
    const a = await admitted(t, '张桂兰', '301-1');
    const other = await admitted(t, '李秀英', '302-1');
    const d = await drug(t);
    const kept = await order(t, a, d, { schedule: { times: ['08:00', '20:00'] } });
    const stopped = await order(t, a, d, { schedule: { times: ['12:00'] }, startOn: '2026-11-22' });
    await order(t, other, d);
    const doseOf = async (date: string, time: string, orderId: number) =>
      (await t!.call('meds.mar', { date, residentId: a }, t!.nurse)).find(
        (r) => r.time === time && r.orderId === orderId,
      )!.doseId;
    await t.call(
      'meds.administer',
      { doseId: await doseOf('2026-11-23', '20:00', kept.orderId), outcome: 'refused', reason: '老人拒服' },
      t.nurse,
    );
    const corrected = await doseOf('2026-11-24', '12:00', stopped.orderId);
    await t.call('meds.administer', { doseId: corrected, outcome: 'held', reason: '空腹检查' }, t.nurse);
    await t.call('meds.correct', { doseId: corrected, reason: '记错了' }, t.nurse);
    t.clock.set(at('2026-11-25T08:30:00'));
    await t.call(
      'meds.administer',
      { doseId: await doseOf('2026-11-25', '08:00', kept.orderId), outcome: 'given', witnessId: t.nurse2Id },
      t.nurse,
    );
    await t.call('meds.orders.change', { orderId: kept.orderId, dose: '2', reason: '加量' }, t.nurse);
    await t.call('meds.orders.stop', { orderId: stopped.orderId, reason: '医生停药' }, t.nurse);

    const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const { mar: service } = t.core.services.meds;
    const now = t.clock.now();
    const month = service.residentDays(a, days, now);
    expect(month).toEqual(days.map((date) => service.mar({ date, residentId: a }, now)));
    // The days hold what was set up: nothing before the 20th, three doses from the 22nd until the
    // stop at 08:30 on the 25th, the doubled dose after the change; the corrected record is gone.
    expect(month.map((day) => day.length)).toEqual([
      ...Array(19).fill(0),
      2,
      2,
      3,
      3,
      3,
      ...Array(6).fill(2),
    ]);
    expect(month[22]!.map((r) => r.status)).toEqual(['missed', 'missed', 'refused']);
    expect(month[23]!.find((r) => r.time === '12:00')!.status).toBe('missed');
    expect(month[24]!.find((r) => r.time === '20:00')!.dose).toBe('2');
    const paper = await t.call('meds.monthly', { residentId: a, month: '2026-11' }, t.nurse);
    // A row per order, time and dose: the change at 08:30 on the 25th doubles the 20:00 dose that
    // day and both doses from the 26th.
    expect(paper.rows.map((r) => [r.time, r.dose])).toEqual([
      ['08:00', '1'],
      ['08:00', '2'],
      ['12:00', '1'],
      ['20:00', '1'],
      ['20:00', '2'],
    ]);
  });
});
