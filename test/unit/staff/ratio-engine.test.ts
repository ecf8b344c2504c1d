import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeRatio,
  defaultStaffingConfig,
  requiredCaregivers,
} from '../../../src-main/core/staff/ratio-engine';
import type { StaffingConfig } from '../../../src-main/shared/contract/staff';

const per = { dependent: 3, partlyDependent: 6, selfCare: 10 };
const counts = (dependent: number, partlyDependent: number, selfCare: number) => ({
  dependent,
  partlyDependent,
  selfCare,
});

describe('requiredCaregivers', () => {
  it('is exact where floating point is not', () => {
    // 6 ÷ 3 is exactly 2, not 2.0000000001 rounded up to 3.
    expect(requiredCaregivers(counts(6, 0, 0), per, 'total')).toBe(2);
    // With 1:9 for 自理, 1/3 + 14/6 + 3/9 = 3 exactly; in floating point it is 3.0000000000000004.
    const nine = { ...per, selfCare: 9 };
    expect(1 / 3 + 14 / 6 + 3 / 9).toBeGreaterThan(3);
    expect(requiredCaregivers(counts(1, 14, 3), nine, 'total')).toBe(3);
    expect(requiredCaregivers(counts(1, 1, 5), per, 'total')).toBe(1);
    expect(requiredCaregivers(counts(1, 1, 5), per, 'perCategory')).toBe(3);
  });

  it('matches hand-computed cases', () => {
    // 40 失能 ÷ 3 = 13⅓, 30 半失能 ÷ 6 = 5, 25 自理 ÷ 10 = 2½ → 20⅚ → 21 (per category 14 + 5 + 3 = 22).
    expect(requiredCaregivers(counts(40, 30, 25), per, 'total')).toBe(21);
    expect(requiredCaregivers(counts(40, 30, 25), per, 'perCategory')).toBe(22);
    expect(requiredCaregivers(counts(0, 0, 0), per, 'total')).toBe(0);
    expect(requiredCaregivers(counts(0, 0, 1), per, 'total')).toBe(1);
  });

  const n = fc.nat({ max: 2000 });
  const p = fc.integer({ min: 1, max: 100 });
  it('equals the ceiling of the exact rational sum', () => {
    fc.assert(
      fc.property(n, n, n, p, p, p, (a, b, c, pa, pb, pc) => {
        const r = requiredCaregivers(
          counts(a, b, c),
          { dependent: pa, partlyDependent: pb, selfCare: pc },
          'total',
        );
        // r is the least integer with r·pa·pb·pc ≥ a·pb·pc + b·pa·pc + c·pa·pb (BigInt: no rounding at all).
        const num = BigInt(a) * BigInt(pb * pc) + BigInt(b) * BigInt(pa * pc) + BigInt(c) * BigInt(pa * pb);
        const den = BigInt(pa * pb * pc);
        expect(BigInt(r) * den >= num).toBe(true);
        expect(r === 0 || BigInt(r - 1) * den < num).toBe(true);
      }),
    );
  });

  it('never falls when a resident is added', () => {
    fc.assert(
      fc.property(
        n,
        n,
        n,
        fc.constantFrom('dependent', 'partlyDependent', 'selfCare' as const),
        fc.constantFrom('total', 'perCategory' as const),
        (a, b, c, cat, rounding) => {
          const before = counts(a, b, c);
          const after = { ...before, [cat]: before[cat] + 1 };
          expect(requiredCaregivers(after, per, rounding)).toBeGreaterThanOrEqual(
            requiredCaregivers(before, per, rounding),
          );
        },
      ),
    );
  });

  it('per-category rounding is never below rounding the total', () => {
    fc.assert(
      fc.property(n, n, n, p, p, p, (a, b, c, pa, pb, pc) => {
        const pc3 = { dependent: pa, partlyDependent: pb, selfCare: pc };
        expect(requiredCaregivers(counts(a, b, c), pc3, 'perCategory')).toBeGreaterThanOrEqual(
          requiredCaregivers(counts(a, b, c), pc3, 'total'),
        );
      }),
    );
  });
});

describe('computeRatio', () => {
  const config: StaffingConfig = defaultStaffingConfig;
  it('counts residents without a category as 失能 by default, shown apart', () => {
    const r = computeRatio({
      on: '2026-12-01',
      config,
      residents: { dependent: 3, partlyDependent: 0, selfCare: 0, uncategorised: 3 },
      availableMilli: 1500,
    });
    expect(r).toEqual({
      on: '2026-12-01',
      rounding: 'total',
      perCaregiver: per,
      residents: { dependent: 3, partlyDependent: 0, selfCare: 0, uncategorised: 3 },
      required: 2,
      available: 1.5,
      compliant: false,
      shortfall: 0.5,
    });
    const asSelfCare = computeRatio({
      on: '2026-12-01',
      config: { ...config, uncategorisedAs: 'selfCare' },
      residents: { dependent: 3, partlyDependent: 0, selfCare: 0, uncategorised: 3 },
      availableMilli: 2000,
    });
    expect(asSelfCare.required).toBe(2);
    expect(asSelfCare.compliant).toBe(true);
    expect(asSelfCare.shortfall).toBe(0);
  });

  it('adds part-time FTE exactly', () => {
    // Ten people at 0.1 FTE are one caregiver: 0.1 added ten times in floating point is 0.9999999999999999.
    const r = computeRatio({
      on: '2026-12-01',
      config,
      residents: { dependent: 3, partlyDependent: 0, selfCare: 0, uncategorised: 0 },
      availableMilli: 10 * 100,
    });
    expect(r.available).toBe(1);
    expect(r.compliant).toBe(true);
  });

  it('marks an unkept roster without changing any figure', () => {
    const input = {
      on: '2026-12-01',
      config,
      residents: { dependent: 4, partlyDependent: 0, selfCare: 0, uncategorised: 0 },
      availableMilli: 0,
    };
    const kept = computeRatio(input);
    const unkept = computeRatio({ ...input, rosterEmpty: true });
    expect('rosterEmpty' in kept).toBe(false);
    expect(unkept).toEqual({ ...kept, rosterEmpty: true });
    expect(unkept).toMatchObject({ required: 2, available: 0, compliant: false, shortfall: 2 });
  });
});
