import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BillingConfig } from '../../../src-main/shared/contract/billing/types';
import {
  leaveExcludedDays,
  monthLines,
  roundHalfUp,
  type PricedItem,
  type ResidenceFacts,
} from '../../../src-main/core/billing/prorate';
import { splitPayers } from '../../../src-main/core/billing/payers';

const rules = {
  proRate: 'daysInMonth' as BillingConfig['proRate'],
  leaveThresholdDays: 3,
  leaveReducedKinds: ['meal', 'care'] as BillingConfig['leaveReducedKinds'],
  leaveMode: 'allDays' as BillingConfig['leaveMode'],
};

const bed: PricedItem = {
  code: 'BED2',
  name: '双人间床位费',
  kind: 'bed',
  unit: 'month',
  appliesTo: { roomClass: '双人间' },
  prices: [{ from: '2020-01-01', amountFen: 150_000 }],
};
const care2: PricedItem = {
  code: 'CARE2',
  name: '二级护理费',
  kind: 'care',
  unit: 'month',
  appliesTo: { careGrade: '二级' },
  prices: [{ from: '2020-01-01', amountFen: 120_000 }],
};
const care1: PricedItem = {
  ...care2,
  code: 'CARE1',
  name: '一级护理费',
  appliesTo: { careGrade: '一级' },
  prices: [{ from: '2020-01-01', amountFen: 200_000 }],
};
const meal: PricedItem = {
  code: 'MEAL',
  name: '伙食费',
  kind: 'meal',
  unit: 'month',
  appliesTo: { all: true },
  prices: [{ from: '2020-01-01', amountFen: 60_000 }],
};
const items = [bed, care2, care1, meal];

function facts(from: string, to: string | null = null, extra: Partial<ResidenceFacts> = {}): ResidenceFacts {
  return {
    stays: [{ from, to, roomClass: '双人间' }],
    grades: [{ from, to, grade: '二级' }],
    leaves: [],
    ...extra,
  };
}

const amountOf = (lines: Array<{ item: string; amountFen: number }>, item: string) =>
  lines.filter((l) => l.item === item).map((l) => l.amountFen);

describe('pro-rating by hand', () => {
  it('a full 31-day, 30-day, 28-day and 29-day month bills exactly the monthly amount, under either base', () => {
    for (const month of ['2026-12', '2026-11', '2027-02', '2028-02']) {
      for (const proRate of ['daysInMonth', 'thirtyDays'] as const) {
        const lines = monthLines(month, items, facts('2020-06-01'), { ...rules, proRate });
        expect(amountOf(lines, 'BED2')).toEqual([150_000]);
        expect(amountOf(lines, 'CARE2')).toEqual([120_000]);
        expect(amountOf(lines, 'MEAL')).toEqual([60_000]);
      }
    }
  });

  it('admission day billed: admitted 2026-12-10 bills 22 of 31 days', () => {
    const lines = monthLines('2026-12', items, facts('2026-12-10'), rules);
    const bedLine = lines.find((l) => l.item === 'BED2')!;
    expect(bedLine).toMatchObject({ from: '2026-12-10', to: '2026-12-31', billedDays: 22, base: 31 });
    // 150000 × 22 ÷ 31 = 106451.61 → 106452
    expect(bedLine.amountFen).toBe(106_452);
    // ÷ 30: 150000 × 22 ÷ 30 = 110000
    expect(
      amountOf(
        monthLines('2026-12', items, facts('2026-12-10'), { ...rules, proRate: 'thirtyDays' }),
        'BED2',
      ),
    ).toEqual([110_000]);
  });

  it('discharge day not billed: discharged 2026-11-20 bills 19 of 30 days', () => {
    const lines = monthLines('2026-11', items, facts('2026-01-01', '2026-11-20'), rules);
    expect(lines.find((l) => l.item === 'BED2')).toMatchObject({
      to: '2026-11-19',
      billedDays: 19,
      base: 30,
      amountFen: 95_000,
    });
  });

  it('admission and discharge in the same month, February and a leap February', () => {
    const feb = monthLines('2027-02', items, facts('2027-02-03', '2027-02-17'), rules);
    // 3rd … 16th = 14 days; 150000 × 14 ÷ 28 = 75000
    expect(feb.find((l) => l.item === 'BED2')).toMatchObject({ billedDays: 14, base: 28, amountFen: 75_000 });
    const leap = monthLines(
      '2028-02',
      [{ ...bed, prices: [{ from: '2020-01-01', amountFen: 100_000 }] }],
      facts('2028-02-10'),
      rules,
    );
    // 10th … 29th = 20 days; 100000 × 20 ÷ 29 = 68965.52 → 68966
    expect(leap[0]).toMatchObject({ billedDays: 20, base: 29, amountFen: 68_966 });
  });

  it('rounds half up once per line, never per day', () => {
    const odd = { ...bed, prices: [{ from: '2020-01-01', amountFen: 150_001 }] };
    // admitted 2026-11-16: 15 of 30 days; 150001 × 15 ÷ 30 = 75000.5 → 75001 (per day it would be 75000)
    expect(monthLines('2026-11', [odd], facts('2026-11-16'), rules)[0]!.amountFen).toBe(75_001);
    expect(roundHalfUp(5, 2)).toBe(3);
    expect(roundHalfUp(149_999, 2)).toBe(75_000);
  });

  it('a leave across a month end stops meals and care for its full days in both months', () => {
    const f = facts('2026-01-01', null, { leaves: [{ start: '2026-12-28', end: '2027-01-05' }] });
    const dec = monthLines('2026-12', items, f, rules);
    // full days 12-29 … 01-04 = 7 > 3: December loses 29, 30, 31
    expect(dec.find((l) => l.item === 'MEAL')).toMatchObject({
      billedDays: 28,
      from: '2026-12-01',
      to: '2026-12-31',
      amountFen: 54_194,
    });
    expect(dec.find((l) => l.item === 'CARE2')).toMatchObject({ billedDays: 28, amountFen: 108_387 });
    expect(amountOf(dec, 'BED2')).toEqual([150_000]);
    const jan = monthLines('2027-01', items, f, rules);
    // January loses 1 … 4: 27 of 31; 60000 × 27 ÷ 31 = 52258.06 → 52258
    expect(jan.find((l) => l.item === 'MEAL')).toMatchObject({ billedDays: 27, amountFen: 52_258 });
    expect(amountOf(jan, 'BED2')).toEqual([150_000]);
    // Only beyond the threshold: the first three full days (29, 30, 31 December) are billed.
    const beyond = { ...rules, leaveMode: 'beyondThreshold' as const };
    expect(amountOf(monthLines('2026-12', items, f, beyond), 'MEAL')).toEqual([60_000]);
    expect(monthLines('2027-01', items, f, beyond).find((l) => l.item === 'MEAL')!.billedDays).toBe(27);
  });

  it('a leave of exactly N full days changes nothing; N + 1 does', () => {
    expect(
      leaveExcludedDays({ start: '2026-12-05', end: '2026-12-09' }, rules, {
        from: '2026-12-01',
        to: '2027-01-01',
      }).size,
    ).toBe(0);
    expect([
      ...leaveExcludedDays({ start: '2026-12-05', end: '2026-12-10' }, rules, {
        from: '2026-12-01',
        to: '2027-01-01',
      }),
    ]).toEqual(['2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09']);
  });

  it('a grade change mid-month gives two care lines', () => {
    const f = facts('2026-01-01', null, {
      grades: [
        { from: '2026-01-01', to: '2026-12-16', grade: '二级' },
        { from: '2026-12-16', to: null, grade: '一级' },
      ],
    });
    const care = monthLines('2026-12', items, f, rules).filter((l) => l.kind === 'care');
    expect(care).toMatchObject([
      // 120000 × 15 ÷ 31 = 58064.52 → 58065
      { item: 'CARE2', from: '2026-12-01', to: '2026-12-15', billedDays: 15, amountFen: 58_065 },
      // 200000 × 16 ÷ 31 = 103225.81 → 103226
      { item: 'CARE1', from: '2026-12-16', to: '2026-12-31', billedDays: 16, amountFen: 103_226 },
    ]);
  });

  it('a price change mid-month splits the line at the new price', () => {
    const priced = {
      ...meal,
      prices: [
        { from: '2020-01-01', amountFen: 60_000 },
        { from: '2026-12-11', amountFen: 62_000 },
      ],
    };
    const lines = monthLines('2026-12', [priced], facts('2020-01-01'), rules);
    // 60000 × 10 ÷ 31 = 19354.84 → 19355; 62000 × 21 ÷ 31 = 42000
    expect(lines.map((l) => [l.billedDays, l.amountFen])).toEqual([
      [10, 19_355],
      [21, 42_000],
    ]);
  });
});

describe('payers by hand', () => {
  it('insurance pays 70% of care up to its cap; a subsidy pays a pro-rated fixed amount; the resident the rest', () => {
    const f = facts('2026-12-10', null, {
      grades: [
        { from: '2026-12-10', to: '2026-12-16', grade: '二级' },
        { from: '2026-12-16', to: null, grade: '一级' },
      ],
    });
    const lines = monthLines('2026-12', items, f, rules);
    const split = splitPayers(
      lines,
      [
        {
          kind: 'ltcInsurance',
          name: '长护险',
          percent: 70,
          capFen: 80_000,
          itemKinds: ['care'],
          from: '2026-01-01',
        },
        { kind: 'subsidy', name: '高龄津贴', fixedFen: 30_000, itemKinds: ['bed'], from: '2026-01-01' },
      ],
      '2026-12',
      22,
      'daysInMonth',
    );
    const care2Line = split.find((l) => l.item === 'CARE2')!;
    // 6 days: 120000 × 6 ÷ 31 = 23225.81 → 23226; 70% = 16258.2 → 16258
    expect(care2Line.amountFen).toBe(23_226);
    expect(care2Line.payerShares).toEqual([
      { kind: 'ltcInsurance', name: '长护险', amountFen: 16_258 },
      { kind: 'resident', name: '本人/家属', amountFen: 6_968 },
    ]);
    const care1Line = split.find((l) => l.item === 'CARE1')!;
    // 16 days: 103226; 70% = 72258.2 → 72258, but the cap leaves 80000 − 16258 = 63742
    expect(care1Line.payerShares[0]).toEqual({ kind: 'ltcInsurance', name: '长护险', amountFen: 63_742 });
    const bedLine = split.find((l) => l.item === 'BED2')!;
    // 30000 × 22 ÷ 31 = 21290.32 → 21290
    expect(bedLine.payerShares[0]).toEqual({ kind: 'subsidy', name: '高龄津贴', amountFen: 21_290 });
  });
});

describe('properties', () => {
  const month = fc.constantFrom('2026-11', '2026-12', '2027-02', '2028-02', '2027-04');
  const money = fc.integer({ min: 0, max: 5_000_000 });

  it('a full month equals the monthly amount, whatever the amount and base', () => {
    fc.assert(
      fc.property(month, money, fc.constantFrom('daysInMonth', 'thirtyDays' as const), (m, fen, proRate) => {
        const item = { ...bed, prices: [{ from: '2000-01-01', amountFen: fen }] };
        const lines = monthLines(m, [item], facts('2000-01-01'), { ...rules, proRate });
        expect(lines.map((l) => l.amountFen)).toEqual([fen]);
      }),
    );
  });

  it('the lines of a month split by grade changes never exceed the monthly amount by more than the half-fen ties', () => {
    fc.assert(
      fc.property(
        month,
        money,
        fc.uniqueArray(fc.integer({ min: 2, max: 28 }), { maxLength: 3 }),
        (m, fen, cuts) => {
          const days = [...cuts].sort((a, b) => a - b).map((d) => `${m}-${String(d).padStart(2, '0')}`);
          const starts = ['2000-01-01', ...days];
          const grades = starts.map((from, i) => ({
            from,
            to: starts[i + 1] ?? null,
            grade: i % 2 === 0 ? '二级' : '一级',
          }));
          const same = [care2, { ...care1, prices: care2.prices }].map((i) => ({
            ...i,
            prices: [{ from: '2000-01-01', amountFen: fen }],
          }));
          const lines = monthLines(m, same, { ...facts('2000-01-01'), grades }, rules);
          const total = lines.reduce((s, l) => s + l.amountFen, 0);
          expect(lines).toHaveLength(starts.length);
          expect(total).toBeLessThanOrEqual(fen + Math.floor(lines.length / 2));
          expect(total).toBeGreaterThanOrEqual(fen - lines.length);
        },
      ),
    );
  });

  it('payer shares add up to the line exactly and are never negative', () => {
    fc.assert(
      fc.property(
        money,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.option(money, { nil: null }),
        fc.option(money, { nil: null }),
        (fen, percent, cap, fixed) => {
          const item = { ...care2, prices: [{ from: '2000-01-01', amountFen: fen }] };
          const lines = monthLines('2026-12', [item, bed], facts('2026-12-07'), rules);
          const split = splitPayers(
            lines,
            [
              {
                kind: 'ltcInsurance',
                name: '长护险',
                percent: Math.round(percent * 10) / 10,
                capFen: cap,
                itemKinds: ['care'],
                from: '2000-01-01',
              },
              {
                kind: 'subsidy',
                name: '补贴',
                fixedFen: fixed,
                itemKinds: ['care', 'bed'],
                from: '2000-01-01',
              },
            ],
            '2026-12',
            25,
            'daysInMonth',
          );
          for (const l of split) {
            expect(l.payerShares.reduce((s, p) => s + p.amountFen, 0)).toBe(l.amountFen);
            for (const p of l.payerShares) expect(p.amountFen).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
