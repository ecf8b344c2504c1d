import { describe, expect, it } from 'vitest';
import itemBank from '../../../resources/assessment/gbt42195-ability-items.json';
import {
  abilityAdjustmentRulesOf,
  abilityDimensionInfo,
  abilityInputSchema,
  abilityItems,
  abilityLevelLabels,
  abilityMaxTotal,
  abilityScoresSchema,
  assessAbility,
  careCategoryForLevel,
  careCategoryLabels,
  defaultAbilityAdjustmentRules,
  defaultCareCategoryMapping,
  itemMaxScore,
  levelForTotal,
  scoreAbility,
  type AbilityFlags,
  type AbilityLevel,
} from '../../../src-main/shared/assessment/ability';

const noFlags: AbilityFlags = { coma: false, dementia: false, mentalDisorder: false };

/** Scores adding up to `total`, taking points away from the last items first. */
function scoresWithTotal(total: number): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const item of abilityItems) scores[item.key] = itemMaxScore(item);
  let deficit = abilityMaxTotal - total;
  for (const item of [...abilityItems].reverse()) {
    const take = Math.min(deficit, scores[item.key] ?? 0);
    scores[item.key] = (scores[item.key] ?? 0) - take;
    deficit -= take;
  }
  return scores;
}

function score(total: number, flags: Partial<AbilityFlags> = {}, careRiskEventsLast30Days = 0) {
  return scoreAbility({
    scores: scoresWithTotal(total),
    flags: { ...noFlags, ...flags },
    careRiskEventsLast30Days,
  });
}

describe('item bank (GB/T 42195-2022)', () => {
  it('has the 26 items in the standard order with their ranges', () => {
    const expected: [string, number][] = [
      ['进食', 4],
      ['修饰', 4],
      ['洗澡', 4],
      ['穿/脱上衣', 4],
      ['穿/脱裤子和鞋袜', 4],
      ['小便控制', 4],
      ['大便控制', 4],
      ['如厕', 4],
      ['床上体位转移', 4],
      ['床椅转移', 4],
      ['平地行走', 4],
      ['上下楼梯', 3],
      ['时间定向', 4],
      ['空间定向', 4],
      ['人物定向', 4],
      ['记忆', 4],
      ['理解能力', 4],
      ['表达能力', 4],
      ['攻击行为', 1],
      ['抑郁症状', 1],
      ['意识水平', 2],
      ['视力', 2],
      ['听力', 2],
      ['执行日常事务', 4],
      ['使用交通工具外出', 3],
      ['社会交往能力', 4],
    ];
    expect(Object.keys(itemBank.items)).toEqual(expected.map((_, i) => String(i + 1)));
    expect(abilityItems.map((i) => [i.name, itemMaxScore(i)])).toEqual(expected);
  });

  it('gives every score from 0 to the maximum exactly one Chinese description, best first', () => {
    for (const item of abilityItems) {
      expect(item.options.map((o) => o.score)).toEqual(
        Array.from({ length: itemMaxScore(item) + 1 }, (_, i) => itemMaxScore(item) - i),
      );
      for (const o of item.options) expect(o.description).toMatch(/[\u4e00-\u9fff]/);
      expect(item.nameEn.length).toBeGreaterThan(0);
    }
    expect(abilityItems[0]?.options[0]?.description).toBe('独立使用器具将食物送进口中并咽下，没有呛咳');
    expect(abilityItems[0]?.options[4]?.description).toBe('完全依赖他人协助进食，或吞咽困难，或留置营养管');
  });

  it('has dimensions summing to 32/15/28/15 = 90', () => {
    const sums: Record<string, number> = {};
    for (const item of abilityItems) sums[item.dimension] = (sums[item.dimension] ?? 0) + itemMaxScore(item);
    expect(sums).toEqual({ selfCare: 32, mobility: 15, mental: 28, perceptionSocial: 15 });
    for (const [key, info] of Object.entries(abilityDimensionInfo)) expect(info.max).toBe(sums[key]);
    expect(abilityMaxTotal).toBe(90);
  });
});

describe('scoreAbility', () => {
  it.each([
    [90, 'intact'],
    [89, 'mild'],
    [66, 'mild'],
    [65, 'moderate'],
    [46, 'moderate'],
    [45, 'severe'],
    [30, 'severe'],
    [29, 'complete'],
    [0, 'complete'],
  ] as [number, AbilityLevel][])('total %i is %s', (total, level) => {
    const r = score(total);
    expect(r.total).toBe(total);
    expect(r.baseLevel).toBe(level);
    expect(r.level).toBe(level);
    expect(r.adjustment).toBe('none');
    expect(r.adjustmentReasons).toEqual([]);
    expect(levelForTotal(total)).toBe(level);
  });

  it('adds up each dimension', () => {
    const r = score(80);
    expect(r.dimensionTotals).toEqual({ selfCare: 32, mobility: 15, mental: 28, perceptionSocial: 5 });
  });

  it('puts a comatose resident at 完全失能 whatever the score', () => {
    const r = score(90, { coma: true });
    expect(r).toMatchObject({ total: 90, baseLevel: 'intact', level: 'complete', adjustment: 'coma' });
    expect(r.adjustmentReasons).toEqual([expect.stringContaining('昏迷')]);
    expect(score(50, { coma: true, dementia: true }, 5)).toMatchObject({
      level: 'complete',
      adjustment: 'coma',
    });
  });

  it.each([
    ['dementia', { dementia: true }, 0, '痴呆'],
    ['another mental disorder', { mentalDisorder: true }, 0, '精神和行为障碍'],
    ['two care-risk events', {}, 2, '近30天内发生过2次照护风险事件'],
  ] as const)('raises one level for %s', (_, flags, events, reason) => {
    const r = score(70, flags, events);
    expect(r).toMatchObject({ baseLevel: 'mild', level: 'moderate', adjustment: 'raisedOneLevel' });
    expect(r.adjustmentReasons).toEqual([expect.stringContaining(reason)]);
  });

  it('does not raise for a single care-risk event', () => {
    expect(score(70, {}, 1)).toMatchObject({ level: 'mild', adjustment: 'none', adjustmentReasons: [] });
  });

  it('raises only once when several reasons hold, but lists them all', () => {
    const r = score(90, { dementia: true, mentalDisorder: true }, 3);
    expect(r).toMatchObject({ baseLevel: 'intact', level: 'mild', adjustment: 'raisedOneLevel' });
    expect(r.adjustmentReasons).toHaveLength(3);
  });

  it('raises each boundary level to the next', () => {
    expect(score(90, { dementia: true }).level).toBe('mild');
    expect(score(66, { dementia: true }).level).toBe('moderate');
    expect(score(46, { dementia: true }).level).toBe('severe');
    expect(score(45, { dementia: true }).level).toBe('complete');
    expect(score(30, { dementia: true }).level).toBe('complete');
  });

  it('stops at 完全失能 and says the reasons held without a change', () => {
    const r = score(20, { dementia: true }, 4);
    expect(r).toMatchObject({ baseLevel: 'complete', level: 'complete', adjustment: 'none' });
    expect(r.adjustmentReasons).toHaveLength(2);
  });

  it('can be set to let the diagnosis and the risk events each raise a level', () => {
    const input = {
      scores: scoresWithTotal(70),
      flags: { ...noFlags, dementia: true },
      careRiskEventsLast30Days: 2,
    };
    const stacked = scoreAbility(input, { careRiskEventThreshold: 2, stackRaises: true });
    expect(stacked).toMatchObject({ baseLevel: 'mild', level: 'severe', adjustment: 'raisedTwoLevels' });
    // Dementia and another mental disorder are one clause of the standard, so they never stack.
    const sameClause = scoreAbility(
      { ...input, flags: { ...noFlags, dementia: true, mentalDisorder: true }, careRiskEventsLast30Days: 0 },
      { careRiskEventThreshold: 2, stackRaises: true },
    );
    expect(sameClause).toMatchObject({ level: 'moderate', adjustment: 'raisedOneLevel' });
    const capped = scoreAbility(
      { ...input, scores: scoresWithTotal(40) },
      { careRiskEventThreshold: 2, stackRaises: true },
    );
    expect(capped).toMatchObject({ baseLevel: 'severe', level: 'complete', adjustment: 'raisedOneLevel' });
  });

  it('refuses missing or impossible scores', () => {
    const scores = scoresWithTotal(90);
    delete scores['3'];
    expect(() => scoreAbility({ scores, flags: noFlags, careRiskEventsLast30Days: 0 })).toThrow(RangeError);
    expect(() =>
      scoreAbility({
        scores: { ...scoresWithTotal(90), '12': 4 },
        flags: noFlags,
        careRiskEventsLast30Days: 0,
      }),
    ).toThrow(/第12项「上下楼梯」/);
  });
});

describe('abilityInputSchema', () => {
  const valid = { scores: scoresWithTotal(75), flags: noFlags, careRiskEventsLast30Days: 0 };
  function issues(input: unknown) {
    const r = abilityInputSchema.safeParse(input);
    expect(r.success).toBe(false);
    return (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
  }

  it('accepts a complete record', () => {
    expect(abilityInputSchema.parse(valid)).toEqual(valid);
    expect(abilityScoresSchema.parse(valid.scores)).toEqual(valid.scores);
  });

  it.each([
    ['3', 5, '第3项「洗澡」的分值应在 0–4 之间'],
    ['3', -1, '第3项「洗澡」的分值应在 0–4 之间'],
    ['3', 2.5, '第3项「洗澡」的分值应在 0–4 之间'],
    ['3', '3', '第3项「洗澡」的分值应在 0–4 之间'],
    ['12', 4, '第12项「上下楼梯」的分值应在 0–3 之间'],
    ['19', 2, '第19项「攻击行为」的分值应在 0–1 之间'],
    ['21', 3, '第21项「意识水平」的分值应在 0–2 之间'],
  ])('rejects item %s = %j with one message at scores.<key>', (key, value, message) => {
    expect(issues({ ...valid, scores: { ...valid.scores, [key]: value } })).toEqual([
      { path: `scores.${key}`, message },
    ]);
  });

  it('names every item that is not scored', () => {
    const scores: Record<string, number> = { ...valid.scores };
    delete scores['3'];
    delete scores['26'];
    expect(issues({ ...valid, scores })).toEqual([
      { path: 'scores.3', message: '第3项「洗澡」尚未评分，请选择分值' },
      { path: 'scores.26', message: '第26项「社会交往能力」尚未评分，请选择分值' },
    ]);
  });

  it('rejects items the standard does not have', () => {
    expect(issues({ ...valid, scores: { ...valid.scores, '27': 1 } })).toEqual([
      { path: 'scores', message: '评估表中没有这些条目：27' },
    ]);
  });

  it('rejects a coma flag that contradicts 意识水平', () => {
    expect(issues({ ...valid, flags: { ...noFlags, coma: true } })).toEqual([
      { path: 'scores.21', message: expect.stringContaining('昏迷') },
    ]);
    const scores = { ...valid.scores, '21': 0 };
    expect(
      abilityInputSchema.safeParse({ ...valid, scores, flags: { ...noFlags, coma: true } }).success,
    ).toBe(true);
  });

  it('rejects a negative or fractional count of care-risk events', () => {
    expect(issues({ ...valid, careRiskEventsLast30Days: -1 })[0]?.path).toBe('careRiskEventsLast30Days');
    expect(issues({ ...valid, careRiskEventsLast30Days: 1.5 })[0]?.path).toBe('careRiskEventsLast30Days');
  });
});

describe('care categories', () => {
  it('maps levels to categories by default as REFERENCE §2.2 says', () => {
    expect(careCategoryForLevel('intact')).toBe('selfCare');
    expect(careCategoryForLevel('mild')).toBe('partlyDependent');
    expect(careCategoryForLevel('moderate')).toBe('partlyDependent');
    expect(careCategoryForLevel('severe')).toBe('dependent');
    expect(careCategoryForLevel('complete')).toBe('dependent');
  });

  it('follows an institution mapping', () => {
    expect(careCategoryForLevel('moderate', { ...defaultCareCategoryMapping, moderate: 'dependent' })).toBe(
      'dependent',
    );
  });

  it('has labels in both languages', () => {
    expect(careCategoryLabels.dependent).toMatchObject({ zh: '失能', en: 'Dependent', color: 'red' });
    expect(careCategoryLabels.partlyDependent).toMatchObject({ zh: '半失能', color: 'orange' });
    expect(careCategoryLabels.selfCare).toMatchObject({ zh: '自理', color: 'green' });
    expect(abilityLevelLabels.moderate).toEqual({ zh: '中度失能', en: 'Moderate disability' });
  });
});

describe('assessAbility (the form preview and the core share it)', () => {
  // 90 points with dementia and one fall in 30 days.
  const input = {
    scores: scoresWithTotal(90),
    flags: { ...noFlags, dementia: true },
    careRiskEventsLast30Days: 1,
  };

  it('uses the institution rules and mapping, not the defaults', () => {
    const institution = {
      careCategoryMapping: { ...defaultCareCategoryMapping, moderate: 'dependent' as const },
      careRiskEventThreshold: 1,
      stackRaises: true,
    };
    // One fall reaches the threshold of 1 and both raises count: 能力完好 → 中度失能, mapped to 失能.
    expect(assessAbility(input, institution)).toMatchObject({
      baseLevel: 'intact',
      level: 'moderate',
      adjustment: 'raisedTwoLevels',
      careCategory: 'dependent',
    });
    // Under the defaults the same record is only 轻度失能 (半失能): what the old preview showed.
    expect(assessAbility(input, { careCategoryMapping: defaultCareCategoryMapping })).toMatchObject({
      level: 'mild',
      careCategory: 'partlyDependent',
    });
  });

  it('reads missing rule fields as the defaults', () => {
    expect(abilityAdjustmentRulesOf({})).toEqual(defaultAbilityAdjustmentRules);
    expect(abilityAdjustmentRulesOf({ careRiskEventThreshold: 3 })).toEqual({
      careRiskEventThreshold: 3,
      stackRaises: false,
    });
  });
});
