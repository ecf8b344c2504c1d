import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser } from '../../support/core';
import { admit, createResident, recordAbility, setUp, type Facility, type SetUp } from '../residents/support';
import { hire, hireTrained } from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

/** 10:00 in Shanghai on `date`. */
function at(s: SetUp, date: string) {
  s.clock.set(`${date}T02:00:00.000Z`);
}

// Admission totals under the default mapping: 90 → 自理, 70 → 半失能, 40 → 失能.
const total = { selfCare: 90, partlyDependent: 70, dependent: 40 } as const;

describe('staffing.ratio', () => {
  it('counts each resident in the category in force that day, against caregivers on the roll', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-01');
    await hireTrained(s, 2, '2026-10-01');
    await hire(s, '兼职护理员', { employment: 'partTime', fte: 0.5, hiredOn: '2026-10-01' });
    await hire(s, '厨师', { roles: ['cook'], hiredOn: '2026-10-01' });
    const beds = ['301-1', '301-2', '302-1', '302-2', '303-1', '303-2', '304-1'];
    const cats = [
      'dependent',
      'dependent',
      'dependent',
      'dependent',
      'partlyDependent',
      'selfCare',
      'selfCare',
    ] as const;
    const ids: number[] = [];
    for (const [i, bed] of beds.entries()) {
      const r = await createResident(s, `老人${i + 1}`);
      await admit(s, r.id, bed, '2026-11-01', total[cats[i]!]);
      ids.push(r.id);
    }
    // 4 失能 ÷ 3 + 1 半失能 ÷ 6 + 2 自理 ÷ 10 = 40/30 + 5/30 + 6/30 = 51/30 → 2.
    const r = await s.call('staffing.ratio', { on: '2026-11-01' }, s.adminToken);
    expect(r).toEqual({
      on: '2026-11-01',
      rounding: 'total',
      perCaregiver: { dependent: 3, partlyDependent: 6, selfCare: 10 },
      residents: { dependent: 4, partlyDependent: 1, selfCare: 2, uncategorised: 0 },
      required: 2,
      available: 2.5,
      compliant: true,
      shortfall: 0,
    });
    // The day before, nobody was in residence.
    expect((await s.call('staffing.ratio', { on: '2026-10-31' }, s.adminToken)).required).toBe(0);

    // A new assessment on the 10th moves a 自理 resident to 失能 from that day only.
    at(s, '2026-11-10');
    await recordAbility(s, ids[5]!, '2026-11-10', 40);
    const after = await s.call('staffing.ratio', {}, s.adminToken);
    expect(after.residents).toEqual({ dependent: 5, partlyDependent: 1, selfCare: 1, uncategorised: 0 });
    // 50/30 + 5/30 + 3/30 = 58/30 → 2.
    expect(after.required).toBe(2);
    expect((await s.call('staffing.ratio', { on: '2026-11-09' }, s.adminToken)).residents.selfCare).toBe(2);

    // Per-category rounding from the 12th: ⌈5/3⌉ + ⌈1/6⌉ + ⌈1/10⌉ = 2 + 1 + 1 = 4; the 11th keeps the old rule.
    at(s, '2026-11-12');
    const config = await s.call('staffing.updateConfig', { rounding: 'perCategory' }, s.adminToken);
    expect(config).toEqual({
      perCaregiver: { dependent: 3, partlyDependent: 6, selfCare: 10 },
      rounding: 'perCategory',
      countedRoles: ['caregiver'],
      excludeOnLeave: false,
      uncategorisedAs: 'dependent',
    });
    expect((await s.call('staffing.getConfig', { on: '2026-11-11' }, s.adminToken)).rounding).toBe('total');
    const twelfth = await s.call('staffing.ratio', {}, s.adminToken);
    expect(twelfth).toMatchObject({ required: 4, available: 2.5, compliant: false, shortfall: 1.5 });
    expect((await s.call('staffing.ratio', { on: '2026-11-11' }, s.adminToken)).required).toBe(2);
    const range = await s.call('staffing.history', { from: '2026-11-08', to: '2026-11-12' }, s.adminToken);
    expect(range.map((d) => d.required)).toEqual([2, 2, 2, 2, 4]);
    expect(range.map((d) => d.residents.selfCare)).toEqual([2, 2, 1, 1, 1]);
    const audit = await s.call('audit.list', { limit: 5 }, s.adminToken);
    expect(JSON.stringify(audit)).toContain('staffing.updateConfig');

    // Only while not compliant is there an alert.
    const alerts = await s.call('alerts.list', {}, s.adminToken);
    const breach = alerts.find((a) => a.kind === 'staffing.ratioBreached');
    expect(breach?.title).toBe('护理员配比不达标，缺 1.5 人');
  });

  it('what-if before an admission equals the ratio after the real admission', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-01');
    const staff = await hireTrained(s, 2, '2026-10-01');
    for (const [i, bed] of ['301-1', '301-2', '302-1', '302-2', '303-1', '303-2'].entries()) {
      const r = await createResident(s, `老人${i + 1}`);
      await admit(s, r.id, bed, '2026-11-01', total.dependent);
    }
    at(s, '2026-11-05');
    const desk = await addUser(s, 'desk', ['frontDesk']);
    // Six 失能 residents need exactly 2; a seventh makes 7/3 → 3.
    const whatIf = await s.call('staffing.whatIf', { admit: { dependent: 1 } }, desk);
    expect(whatIf.before).toMatchObject({ required: 2, available: 2, compliant: true });
    expect(whatIf.after).toMatchObject({ required: 3, available: 2, compliant: false, shortfall: 1 });

    const newcomer = await createResident(s, '新老人');
    await admit(s, newcomer.id, '304-1', '2026-11-05', total.dependent);
    expect(await s.call('staffing.ratio', {}, desk)).toEqual(whatIf.after);

    // Going ahead anyway is recorded with the user and the reason.
    const override = await s.call(
      'staffing.recordOverride',
      { action: 'admission', subject: '新老人', reason: '下周一新护理员到岗', required: 3, available: 2 },
      desk,
    );
    expect(override).toMatchObject({ userName: 'desk', reason: '下周一新护理员到岗', action: 'admission' });

    // Discharge, recategorise and a departure combine.
    const combined = await s.call(
      'staffing.whatIf',
      {
        discharge: [newcomer.id],
        recategorise: [{ residentId: newcomer.id - 1, category: 'selfCare' }],
        staffAway: [staff[0]!],
      },
      s.adminToken,
    );
    // 5 失能 + 1 自理: 50/30 + 3/30 = 53/30 → 2, with one caregiver left.
    expect(combined.after).toMatchObject({
      residents: { dependent: 5, partlyDependent: 0, selfCare: 1, uncategorised: 0 },
      required: 2,
      available: 1,
      shortfall: 1,
    });
    // staff.end makes it real from its date.
    await s.call('staff.end', { staffId: staff[0]!, on: '2026-11-06', reason: '个人原因' }, s.adminToken);
    expect((await s.call('staffing.ratio', { on: '2026-11-05' }, s.adminToken)).available).toBe(2);
    expect((await s.call('staffing.ratio', { on: '2026-11-06' }, s.adminToken)).available).toBe(1);
  });

  it('counts residents without a category as 失能, and those on leave unless excluded', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-01');
    await hireTrained(s, 1, '2026-10-01');
    const a = await createResident(s, '甲');
    const b = await createResident(s, '乙');
    await admit(s, a.id, '301-1', '2026-11-01', total.selfCare);
    await admit(s, b.id, '301-2', '2026-11-01', total.selfCare);
    at(s, '2026-11-03');
    await s.call('residents.startLeave', { id: a.id, kind: 'hospital', startOn: '2026-11-03' }, s.adminToken);
    expect((await s.call('staffing.ratio', {}, s.adminToken)).residents.selfCare).toBe(2);
    await s.call('staffing.updateConfig', { excludeOnLeave: true, from: '2026-11-03' }, s.adminToken);
    expect((await s.call('staffing.ratio', {}, s.adminToken)).residents.selfCare).toBe(1);
    expect((await s.call('staffing.ratio', { on: '2026-11-02' }, s.adminToken)).residents.selfCare).toBe(2);
    // The history, counted from one read over the range, agrees with each day asked alone.
    const days = ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'];
    const one = await Promise.all(days.map((on) => s.call('staffing.ratio', { on }, s.adminToken)));
    expect(await s.call('staffing.history', { from: days[0]!, to: days[3]! }, s.adminToken)).toEqual(one);
  });
});

describe('rota and certificates', () => {
  it('refuses an untrained caregiver with TRAINING_REQUIRED and shows coverage', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-25');
    const [trained] = await hireTrained(s, 1, '2026-10-01');
    const untrained = await hire(s, '刘新来', { hiredOn: '2026-11-20' });
    const shifts = await s.call('rota.shifts', {}, s.adminToken);
    expect(shifts.map((x) => `${x.name} ${x.start}–${x.end}`)).toEqual([
      '白班 08:00–16:00',
      '中班 16:00–24:00',
      '夜班 00:00–08:00',
    ]);
    const night = shifts[2]!;
    const error = await s.fail(
      'rota.assign',
      { staffId: untrained.id, date: '2026-11-26', shiftId: night.id },
      s.adminToken,
    );
    expect(error.code).toBe('TRAINING_REQUIRED');
    await s.call('rota.saveShift', { ...night, minimum: 2 }, s.adminToken);
    await s.call('rota.assign', { staffId: trained!, date: '2026-11-26', shiftId: night.id }, s.adminToken);
    const week = await s.call('rota.week', { weekOf: '2026-11-26' }, s.adminToken);
    expect(week.weekOf).toBe('2026-11-23');
    expect(week.coverage.find((c) => c.date === '2026-11-26' && c.shiftId === night.id)).toMatchObject({
      assigned: 1,
      minimum: 2,
      short: 1,
    });
    // On duty at 03:00 on the 26th.
    s.clock.set('2026-11-25T19:00:00.000Z');
    s.adminToken = await s.login(ADMIN.username, ADMIN.password);
    const duty = await s.call('rota.onDuty', {}, s.adminToken);
    expect(duty.shifts.find((x) => x.shift.id === night.id)?.staff.map((x) => x.staffId)).toEqual([trained]);

    // Copy into the next week.
    expect(await s.call('rota.copyLastWeek', { weekOf: '2026-11-30' }, s.adminToken)).toEqual({
      copied: 1,
      skipped: 0,
    });
    // An absence frees the shift and blocks new ones that day.
    await s.call(
      'rota.recordAbsence',
      { staffId: trained!, kind: 'sick', from: '2026-12-03', to: '2026-12-03' },
      s.adminToken,
    );
    expect(
      (
        await s.fail(
          'rota.assign',
          { staffId: trained!, date: '2026-12-03', shiftId: night.id },
          s.adminToken,
        )
      ).code,
    ).toBe('CONFLICT');
  });

  it('raises certificate and training alerts and computes 持证率', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-25');
    const [a, b] = await hireTrained(s, 2, '2026-10-01');
    await hire(s, '未培训');
    await s.call(
      'staff.addCertificate',
      {
        staffId: a!,
        kind: 'caregiverSkill',
        number: 'S-1',
        level: 4,
        issuedOn: '2024-01-01',
        expiresOn: '2027-01-10',
      },
      s.adminToken,
    );
    await s.call(
      'staff.addCertificate',
      {
        staffId: b!,
        kind: 'caregiverSkill',
        number: 'S-2',
        level: 5,
        issuedOn: '2022-01-01',
        expiresOn: '2026-11-24',
      },
      s.adminToken,
    );
    const alerts = await s.call('alerts.list', {}, s.adminToken);
    const kinds = alerts.map((x) => x.kind);
    expect(kinds.filter((k) => k === 'staff.certificateExpiring')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'staff.certificateExpired')).toHaveLength(1);
    // 3 caregivers miss this year's fire-safety training, one also pre-job training.
    expect(alerts.filter((x) => x.kind === 'staff.trainingMissing')).toHaveLength(3);
    expect(alerts.find((x) => x.title.includes('未培训'))?.title).toBe(
      '护理员未培训缺少岗前培训和2026 年消防安全培训',
    );
    const kpis = await s.call('staffing.kpis', {}, s.adminToken);
    expect(kpis.certification).toEqual({ certified: 1, caregivers: 3, rate: 1 / 3 });
    // A renewed certificate replaces the expired one.
    await s.call(
      'staff.addCertificate',
      {
        staffId: b!,
        kind: 'caregiverSkill',
        number: 'S-3',
        level: 4,
        issuedOn: '2026-11-25',
        expiresOn: '2031-11-24',
      },
      s.adminToken,
    );
    const again = await s.call('alerts.list', {}, s.adminToken);
    expect(again.some((x) => x.kind === 'staff.certificateExpired')).toBe(false);
  });
});
