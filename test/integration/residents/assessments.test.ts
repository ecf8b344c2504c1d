import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../src-main/shared/events';
import {
  abilityInput,
  addDays,
  admit,
  createResident,
  noFlags,
  recordAbility,
  risksInput,
  scoresWithTotal,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

function listen(s: SetUp): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  s.core.events.subscribe((e) => events.push(e));
  return events;
}

describe('assessments.recordAbility', () => {
  it.each([
    [90, 'intact', 'selfCare'],
    [89, 'mild', 'partlyDependent'],
    [66, 'mild', 'partlyDependent'],
    [65, 'moderate', 'partlyDependent'],
    [46, 'moderate', 'partlyDependent'],
    [45, 'severe', 'dependent'],
    [30, 'severe', 'dependent'],
    [29, 'complete', 'dependent'],
  ] as const)('scores a total of %i as %s (%s)', async (total, level, category) => {
    t = await setUp();
    const r = await createResident(t, '张桂兰');
    const row = await recordAbility(t, r.id, TODAY, total);
    expect(row).toMatchObject({
      total,
      baseLevel: level,
      level,
      adjustment: 'none',
      careCategory: category,
      careRiskEvents: 0,
    });
    expect(row.assessorNames).toEqual(['王院长']);
    expect(Object.values(row.dimensionTotals).reduce((s, n) => s + n, 0)).toBe(total);
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).careCategory).toBe(category);
  });

  it('puts a comatose resident straight into 完全失能 and checks 意识水平', async () => {
    t = await setUp();
    const r = await createResident(t, '李德胜');
    const row = await recordAbility(t, r.id, TODAY, 60, { ...noFlags, coma: true });
    expect(row).toMatchObject({ total: 60, baseLevel: 'moderate', level: 'complete', adjustment: 'coma' });
    const inconsistent = await t.fail(
      'assessments.recordAbility',
      { ...abilityInput(r.id, TODAY, 60, [t.adminId]), flags: { ...noFlags, coma: true } },
      t.adminToken,
    );
    expect(inconsistent.details?.fieldErrors?.[0]?.path).toBe('scores.21');
  });

  it('raises one level for dementia, at most one level, and caps at 完全失能', async () => {
    t = await setUp();
    const r = await createResident(t, '王秀英');
    const raised = await recordAbility(t, r.id, TODAY, 70, {
      ...noFlags,
      dementia: true,
      mentalDisorder: true,
    });
    expect(raised).toMatchObject({ baseLevel: 'mild', level: 'moderate', adjustment: 'raisedOneLevel' });
    expect(raised.adjustmentReasons).toHaveLength(2);
    const capped = await recordAbility(t, r.id, TODAY, 10, { ...noFlags, dementia: true });
    expect(capped).toMatchObject({ baseLevel: 'complete', level: 'complete', adjustment: 'none' });
  });

  it('counts care-risk incidents of the last 30 days for the adjustment', async () => {
    t = await setUp();
    const r = await createResident(t, '赵长福');
    await t.call(
      'incidents.record',
      { residentId: r.id, kind: 'fall', occurredOn: addDays(TODAY, -30) },
      t.adminToken,
    );
    await t.call(
      'incidents.record',
      { residentId: r.id, kind: 'choking', occurredOn: addDays(TODAY, -29) },
      t.adminToken,
    );
    const one = await recordAbility(t, r.id, TODAY, 50);
    expect(one).toMatchObject({
      careRiskEvents: 1,
      baseLevel: 'moderate',
      level: 'moderate',
      adjustment: 'none',
    });

    await t.call(
      'incidents.record',
      { residentId: r.id, kind: 'wandering', occurredOn: TODAY, note: '在门口被保安劝回' },
      t.adminToken,
    );
    const two = await recordAbility(t, r.id, TODAY, 50);
    expect(two).toMatchObject({
      careRiskEvents: 2,
      baseLevel: 'moderate',
      level: 'severe',
      adjustment: 'raisedOneLevel',
      careCategory: 'dependent',
    });
    expect(two.adjustmentReasons[0]).toContain('2次照护风险事件');

    // An assessment dated before the events does not count them.
    const before = await recordAbility(t, r.id, addDays(TODAY, -31), 50);
    expect(before.careRiskEvents).toBe(0);
    // A back-dated record goes into the history but does not replace the latest.
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).latestAbility?.id).toBe(two.id);
    const incidents = await t.call('incidents.list', { residentId: r.id }, t.adminToken);
    expect(incidents.map((i) => i.kind)).toEqual(['wandering', 'choking', 'fall']);
    expect(incidents[0]).toMatchObject({ note: '在门口被保安劝回', recordedBy: '王院长' });
  });

  it('refuses future dates, unknown assessors and incomplete score sheets', async () => {
    t = await setUp();
    const r = await createResident(t, '孙玉梅');
    const future = await t.fail(
      'assessments.recordAbility',
      abilityInput(r.id, addDays(TODAY, 1), 70, [t.adminId]),
      t.adminToken,
    );
    expect(future.details?.fieldErrors?.[0]?.path).toBe('assessedOn');
    const nobody = await t.fail(
      'assessments.recordAbility',
      abilityInput(r.id, TODAY, 70, [999]),
      t.adminToken,
    );
    expect(nobody.details?.fieldErrors?.[0]?.path).toBe('assessorIds');
    const { '3': _missing, ...partial } = scoresWithTotal(70);
    const incomplete = await t.fail(
      'assessments.recordAbility',
      { ...abilityInput(r.id, TODAY, 70, [t.adminId]), scores: partial },
      t.adminToken,
    );
    expect(incomplete.details?.fieldErrors?.[0]).toMatchObject({ path: 'scores.3' });
    expect(incomplete.details?.fieldErrors?.[0]?.message).toContain('洗澡');
    const future2 = await t.fail(
      'incidents.record',
      { residentId: r.id, kind: 'fall', occurredOn: addDays(TODAY, 2) },
      t.adminToken,
    );
    expect(future2.details?.fieldErrors?.[0]?.path).toBe('occurredOn');
  });
});

describe('care category and grade', () => {
  it('derives the category through the configurable mapping and re-derives it when the mapping changes', async () => {
    t = await setUp();
    const mild = await createResident(t, '轻度');
    const intact = await createResident(t, '完好');
    await recordAbility(t, mild.id, TODAY, 80);
    await recordAbility(t, intact.id, TODAY, 90);
    const events = listen(t);

    const config = await t.call(
      'residents.updateConfig',
      { careCategoryMapping: { mild: 'selfCare', moderate: 'dependent' } },
      t.adminToken,
    );
    expect(config.careCategoryMapping).toEqual({
      intact: 'selfCare',
      mild: 'selfCare',
      moderate: 'dependent',
      severe: 'dependent',
      complete: 'dependent',
    });
    const changed = events.filter((e) => e.name === 'residents.careCategoryChanged').map((e) => e.payload);
    expect(changed).toEqual([{ residentId: mild.id, from: 'partlyDependent', to: 'selfCare' }]);
    const detail = await t.call('residents.get', { id: mild.id }, t.adminToken);
    expect(detail).toMatchObject({ careCategory: 'selfCare', careGrade: '三级' });
    expect(detail.latestAbility?.careCategory).toBe('selfCare');
    expect(
      (await t.fail('residents.updateConfig', { careCategoryMapping: { superb: 'selfCare' } }, t.adminToken))
        .details?.fieldErrors?.[0]?.path,
    ).toBe('careCategoryMapping.superb');
  });

  it('raises careCategoryChanged when a new assessment moves the category', async () => {
    t = await setUp();
    const r = await createResident(t, '李秀兰');
    const events = listen(t);
    await recordAbility(t, r.id, addDays(TODAY, -1), 80);
    await recordAbility(t, r.id, TODAY, 75);
    await recordAbility(t, r.id, TODAY, 20);
    expect(events.filter((e) => e.name === 'residents.careCategoryChanged').map((e) => e.payload)).toEqual([
      { residentId: r.id, from: null, to: 'partlyDependent' },
      { residentId: r.id, from: 'partlyDependent', to: 'dependent' },
    ]);
  });

  it('overrides the care grade per resident with a reason, audited, and refuses unknown grades', async () => {
    t = await setUp();
    const r = await createResident(t, '周德明');
    await admit(t, r.id, '301-1', TODAY, 50);
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).careGrade).toBe('二级');
    const set = await t.call(
      'residents.setCareGrade',
      { id: r.id, grade: '一级', reason: '夜间需频繁照护' },
      t.adminToken,
    );
    expect(set).toMatchObject({
      careGrade: '一级',
      careGradeOverride: { grade: '一级', reason: '夜间需频繁照护' },
      careCategory: 'partlyDependent',
    });
    expect((await t.call('residents.list', {}, t.adminToken)).rows[0]!.careGrade).toBe('一级');
    const bad = await t.fail(
      'residents.setCareGrade',
      { id: r.id, grade: '五级', reason: 'x' },
      t.adminToken,
    );
    expect(bad.details?.fieldErrors?.[0]?.path).toBe('grade');
    const audit = await t.call('audit.list', { module: 'residents', limit: 1 }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({
      procedure: 'residents.setCareGrade',
      before: { careGradeOverride: null },
    });
    // The reason is free text about the person's health: kept on the record, not in the permanent log.
    expect(audit.rows[0]!.after).toEqual({ careGradeOverride: '一级', careGrade: '一级' });
    // A grade in use cannot vanish from the list.
    const removing = await t.fail(
      'residents.updateConfig',
      {
        careGrades: [
          { key: '二级', name: '二级' },
          { key: '三级', name: '三级' },
        ],
      },
      t.adminToken,
    );
    expect(removing.message).toMatch(/一级/);
    const cleared = await t.call(
      'residents.setCareGrade',
      { id: r.id, grade: null, reason: '情况好转' },
      t.adminToken,
    );
    expect(cleared).toMatchObject({ careGrade: '二级', careGradeOverride: null });
  });
});

describe('care grade events and adjustment rules', () => {
  const gradeEvents = (events: EventEnvelope[]) =>
    events.filter((e) => e.name === 'residents.careGradeChanged').map((e) => e.payload);

  it('raises careGradeChanged for each resident billed at a new grade, however it changed', async () => {
    t = await setUp();
    const partly = await createResident(t, '部分');
    const overridden = await createResident(t, '单独定级');
    const self = await createResident(t, '自理');
    await recordAbility(t, partly.id, TODAY, 50);
    await recordAbility(t, overridden.id, TODAY, 50);
    await recordAbility(t, self.id, TODAY, 90);
    const events = listen(t);
    await t.call(
      'residents.setCareGrade',
      { id: overridden.id, grade: '特级', reason: '需专人照护' },
      t.adminToken,
    );
    expect(gradeEvents(events)).toEqual([
      { residentId: overridden.id, from: '二级', to: '特级', cause: 'override' },
    ]);

    events.length = 0;
    await recordAbility(t, partly.id, TODAY, 20);
    expect(gradeEvents(events)).toEqual([
      { residentId: partly.id, from: '二级', to: '一级', cause: 'assessment' },
    ]);

    events.length = 0;
    await t.call(
      'residents.updateConfig',
      { categoryGrade: { selfCare: '三级', partlyDependent: '二级', dependent: '特级' } },
      t.adminToken,
    );
    expect(gradeEvents(events)).toEqual([
      { residentId: partly.id, from: '一级', to: '特级', cause: 'settings' },
    ]);
    expect(events.filter((e) => e.name === 'residents.careCategoryChanged')).toEqual([]);

    // A new mapping moves the category and, through it, the grade: one event of each.
    events.length = 0;
    await t.call(
      'residents.updateConfig',
      { careCategoryMapping: { intact: 'partlyDependent' } },
      t.adminToken,
    );
    expect(gradeEvents(events)).toEqual([
      { residentId: self.id, from: '三级', to: '二级', cause: 'settings' },
    ]);
    expect(events.filter((e) => e.name === 'residents.careCategoryChanged').map((e) => e.payload)).toEqual([
      { residentId: self.id, from: 'selfCare', to: 'partlyDependent' },
    ]);
  });

  it("scores with the institution's care-risk threshold and stacking rule", async () => {
    t = await setUp();
    expect(await t.call('residents.getConfig', {}, t.adminToken)).toMatchObject({
      careRiskEventThreshold: 2,
      stackRaises: false,
    });
    const r = await createResident(t, '陈阿婆');
    await admit(t, r.id, '301-1', addDays(TODAY, -20), 50);
    await t.call('incidents.record', { residentId: r.id, kind: 'fall', occurredOn: TODAY }, t.adminToken);
    const dementia = { ...noFlags, dementia: true };
    const byDefault = await recordAbility(t, r.id, TODAY, 50, dementia);
    expect(byDefault).toMatchObject({ careRiskEvents: 1, baseLevel: 'moderate', level: 'severe' });

    const config = await t.call(
      'residents.updateConfig',
      { careRiskEventThreshold: 1, stackRaises: true },
      t.adminToken,
    );
    expect(config).toMatchObject({ careRiskEventThreshold: 1, stackRaises: true });
    const stacked = await recordAbility(t, r.id, TODAY, 50, dementia);
    expect(stacked).toMatchObject({ level: 'complete', adjustment: 'raisedTwoLevels' });
    expect(stacked.adjustmentReasons).toHaveLength(2);

    // The same threshold decides when an incident flags the resident for reassessment.
    await t.call('incidents.record', { residentId: r.id, kind: 'choking', occurredOn: TODAY }, t.adminToken);
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).reassessmentFlag).toBeNull();
    await t.call('residents.updateConfig', { careRiskEventThreshold: 3 }, t.adminToken);
    const other = await createResident(t, '林阿公');
    await admit(t, other.id, '301-2', addDays(TODAY, -20), 50);
    for (const kind of ['fall', 'choking'] as const) {
      await t.call('incidents.record', { residentId: other.id, kind, occurredOn: TODAY }, t.adminToken);
    }
    expect((await t.call('residents.get', { id: other.id }, t.adminToken)).reassessmentFlag).toBeNull();
    await t.call('incidents.record', { residentId: other.id, kind: 'fall', occurredOn: TODAY }, t.adminToken);
    expect((await t.call('residents.get', { id: other.id }, t.adminToken)).reassessmentFlag).toContain(
      '3次照护风险事件',
    );
    expect(
      (await t.fail('residents.updateConfig', { careRiskEventThreshold: 0 }, t.adminToken)).details
        ?.fieldErrors?.[0]?.path,
    ).toBe('careRiskEventThreshold');
  });
});

describe('nine risks, due list and flags', () => {
  it('stores the nine-risk assessment and shows medium and high items as badges, highest first', async () => {
    t = await setUp();
    const r = await createResident(t, '吴桂芝');
    const risks = await t.call(
      'assessments.recordRisks',
      risksInput(r.id, TODAY, [t.adminId], { fall: 'medium', wandering: 'high', choking: 'medium' }),
      t.adminToken,
    );
    expect(risks.items.wandering).toEqual({ level: 'high', measures: ['专人看护'] });
    expect(risks.guardianInformed).toEqual({ name: '王建军', relation: '儿子', informedOn: TODAY });
    await recordAbility(t, r.id, TODAY, 60);
    await t.call(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('301-1')!, admittedOn: TODAY },
      t.adminToken,
    );
    const row = (await t.call('residents.list', {}, t.adminToken)).rows[0]!;
    expect(row.riskBadges).toEqual([
      { key: 'wandering', level: 'high' },
      { key: 'choking', level: 'medium' },
      { key: 'fall', level: 'medium' },
    ]);
    const board = await t.call('beds.board', {}, t.adminToken);
    expect(board.buildings[0]!.floors[0]!.rooms[0]!.beds[0]!.resident?.riskBadges).toEqual(row.riskBadges);
    const noMeasures = await t.fail(
      'assessments.recordRisks',
      {
        ...risksInput(r.id, TODAY, [t.adminId]),
        items: { ...risksInput(r.id, TODAY, [t.adminId]).items, scald: { level: 'high', measures: [] } },
      },
      t.adminToken,
    );
    expect(noMeasures.details?.fieldErrors?.[0]?.path).toBe('items.scald.measures');
  });

  it('lists who is due: never assessed, flagged, or past the configurable interval', async () => {
    t = await setUp();
    const old = await createResident(t, '老评估');
    await admit(t, old.id, '301-1', '2025-11-01');
    const fresh = await createResident(t, '新评估');
    await admit(t, fresh.id, '301-2', TODAY);
    const flagged = await createResident(t, '状况变化');
    await admit(t, flagged.id, '302-1', TODAY);
    const detail = await t.call(
      'assessments.flag',
      { residentId: flagged.id, reason: '脑梗后行动能力下降' },
      t.adminToken,
    );
    expect(detail.reassessmentFlag).toBe('脑梗后行动能力下降');
    expect(detail.reassessmentDueOn).toBe('2027-11-25');

    const due = await t.call('assessments.due', {}, t.adminToken);
    expect(due.map((d) => [d.name, d.why, d.dueOn])).toEqual([
      ['状况变化', 'flagged', TODAY],
      ['老评估', 'interval', '2026-11-01'],
    ]);
    expect(due[1]!.bedLabel).toBe('1号楼 301-1');
    await t.call('residents.updateConfig', { reassessmentMonths: 24 }, t.adminToken);
    expect((await t.call('assessments.due', {}, t.adminToken)).map((d) => d.name)).toEqual(['状况变化']);

    // The next ability assessment clears the flag.
    await t.call(
      'assessments.recordAbility',
      { ...abilityInput(flagged.id, TODAY, 40, [t.adminId]), reason: 'changed' },
      t.adminToken,
    );
    expect((await t.call('residents.get', { id: flagged.id }, t.adminToken)).reassessmentFlag).toBeNull();
  });

  it('flags a resident for reassessment after repeated incidents', async () => {
    t = await setUp();
    const r = await createResident(t, '郑玉英');
    await admit(t, r.id, '301-1', addDays(TODAY, -20));
    await t.call(
      'incidents.record',
      { residentId: r.id, kind: 'fall', occurredOn: addDays(TODAY, -5) },
      t.adminToken,
    );
    expect((await t.call('residents.get', { id: r.id }, t.adminToken)).reassessmentFlag).toBeNull();
    await t.call('incidents.record', { residentId: r.id, kind: 'fall', occurredOn: TODAY }, t.adminToken);
    const detail = await t.call('residents.get', { id: r.id }, t.adminToken);
    expect(detail.reassessmentFlag).toContain('2次照护风险事件');
    expect((await t.call('assessments.due', {}, t.adminToken))[0]).toMatchObject({
      residentId: r.id,
      why: 'flagged',
    });
  });
});
