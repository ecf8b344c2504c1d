import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, generateAbilityScores, generatePeople } from '../../../src-main/core/demo/people';
import {
  abilityLevels,
  abilityScoresSchema,
  careCategoryForLevel,
  scoreAbility,
} from '../../../src-main/shared/assessment/ability';
import { ageOn, validateIdNumber } from '../../../src-main/shared/id-number';

const today = '2026-11-25';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generatePeople', () => {
  const people = generatePeople(400, { seed: 20261125, today });

  it('returns the requested number of people', () => {
    expect(people).toHaveLength(400);
    expect(generatePeople(0, { seed: 1, today })).toEqual([]);
    expect(() => generatePeople(-1, { seed: 1, today })).toThrow(RangeError);
  });

  it('is deterministic for a seed and never touches Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    expect(generatePeople(50, { seed: 'demo', today })).toEqual(generatePeople(50, { seed: 'demo', today }));
    expect(generatePeople(50, { seed: 'demo', today })).not.toEqual(
      generatePeople(50, { seed: 'other', today }),
    );
    expect(spy).not.toHaveBeenCalled();
  });

  it('gives valid, unique 身份证号 that agree with sex, birth date and age 60–100', () => {
    const ids = new Set<string>();
    for (const p of people) {
      const r = validateIdNumber(p.idNumber, today);
      expect(r).toMatchObject({ ok: true, sex: p.sex, birthDate: p.birthDate });
      expect(p.age).toBe(ageOn(p.birthDate, today));
      expect(p.age).toBeGreaterThanOrEqual(60);
      expect(p.age).toBeLessThanOrEqual(100);
      ids.add(p.idNumber);
    }
    expect(ids.size).toBe(people.length);
  });

  it('gives Chinese names, addresses matching the area code and plausible phones', () => {
    for (const p of people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(p.address).toMatch(/^(北京市|山东省|江苏省|河北省).+号/);
      expect(p.address.startsWith('北京市')).toBe(p.idNumber.startsWith('11'));
      if (p.phone !== null) expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('gives one primary guardian with a phone and a relation', () => {
    for (const p of people) {
      expect(p.guardians.length).toBeGreaterThanOrEqual(1);
      expect(p.guardians.filter((g) => g.isPrimary)).toHaveLength(1);
      expect(p.guardians[0]?.isPrimary).toBe(true);
      for (const g of p.guardians) {
        expect(g.phone).toMatch(/^1[3-9]\d{9}$/);
        expect(g.relation).toMatch(/^(儿子|女儿|配偶|侄子|侄女|外甥|孙子|孙女|儿媳|女婿)$/);
        expect(g.name).not.toBe(p.name);
      }
    }
  });

  it('names sons and daughters after their father', () => {
    for (const p of people.filter((x) => x.sex === 'male')) {
      for (const g of p.guardians.filter((x) => x.relation === '儿子' || x.relation === '女儿')) {
        expect(g.name.startsWith(p.name.slice(0, 1))).toBe(true);
      }
    }
  });

  it('gives childless support types no children as guardians', () => {
    for (const p of people.filter(
      (x) => x.supportType === 'extremePoverty' || x.supportType === 'familyPlanningSpecial',
    )) {
      expect(
        p.guardians.some((g) => ['儿子', '女儿', '孙子', '孙女', '儿媳', '女婿'].includes(g.relation)),
      ).toBe(false);
    }
  });

  it('has a realistic mix: mostly 社会 support, every level, diagnoses matching the flags', () => {
    const social = people.filter((p) => p.supportType === 'social').length;
    expect(social / people.length).toBeGreaterThan(0.7);
    expect(new Set(people.map((p) => p.ability.level))).toEqual(new Set(abilityLevels));
    expect(new Set(people.map((p) => careCategoryForLevel(p.ability.level))).size).toBe(3);
    for (const p of people) {
      const hasDementia = p.diagnoses.some((d) => /痴呆|阿尔茨海默/.test(d));
      expect(p.ability.flags.dementia).toBe(hasDementia);
      expect(p.ability.flags.coma).toBe(false);
      if (p.ability.level !== 'intact') expect(p.diagnoses.length).toBeGreaterThan(0);
      expect(new Set(p.diagnoses).size).toBe(p.diagnoses.length);
      if (p.sex === 'female') expect(p.diagnoses).not.toContain('前列腺增生');
    }
  });

  it('gives ability records that pass the schema and score to the stated level', () => {
    for (const p of people) {
      expect(abilityScoresSchema.safeParse(p.ability.scores).success).toBe(true);
      expect(scoreAbility(p.ability).level).toBe(p.ability.level);
    }
  });

  it('dates applications within three years before today', () => {
    for (const p of people) {
      expect(p.appliedOn <= today).toBe(true);
      expect(p.appliedOn >= '2023-11-25').toBe(true);
    }
  });
});

describe('generateAbilityScores', () => {
  it('hits the wanted level for any seed and profile', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...abilityLevels),
        fc.constantFrom('physical', 'cognitive', 'mixed' as const),
        (seed, level, profile) => {
          const scores = generateAbilityScores(level, createRng(seed), { profile });
          expect(abilityScoresSchema.safeParse(scores).success).toBe(true);
          const r = scoreAbility({
            scores,
            flags: { coma: false, dementia: false, mentalDisorder: false },
            careRiskEventsLast30Days: 0,
          });
          expect(r.level).toBe(level);
          expect(scores['21']).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps pinned items and refuses a level they make impossible', () => {
    const scores = generateAbilityScores('moderate', createRng(7), { fixed: { '20': 0 } });
    expect(scores['20']).toBe(0);
    expect(() => generateAbilityScores('intact', createRng(7), { fixed: { '20': 0 } })).toThrow(RangeError);
  });

  it('loses cognitive items first for a cognitive profile', () => {
    let mental = 0;
    let mobility = 0;
    for (let seed = 0; seed < 50; seed += 1) {
      const r = scoreAbility({
        scores: generateAbilityScores('moderate', createRng(seed), { profile: 'cognitive' }),
        flags: { coma: false, dementia: false, mentalDisorder: false },
        careRiskEventsLast30Days: 0,
      });
      mental += 28 - r.dimensionTotals.mental;
      mobility += 15 - r.dimensionTotals.mobility;
    }
    expect(mental / 28).toBeGreaterThan(mobility / 15);
  });
});
