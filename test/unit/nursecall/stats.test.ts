import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupStats,
  localParts,
  median,
  percentile,
  responseStats,
  shiftAt,
  toSeconds,
} from '../../../src-main/core/nursecall/stats';

describe('percentile (PERCENTILE.INC)', () => {
  it('matches worked examples', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // Excel: =PERCENTILE.INC({10,20,30,40,100},0.9) → 76
    expect(percentile([100, 10, 40, 20, 30], 0.9)).toBeCloseTo(76, 10);
    // =PERCENTILE.INC({1..10},0.9) → 9.1
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([5, 1], 0)).toBe(1);
    expect(percentile([5, 1], 1)).toBe(5);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it('stays within the data, rises with p and ignores input order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = percentile(values, lo)!;
          const b = percentile(values, hi)!;
          expect(a).toBeGreaterThanOrEqual(Math.min(...values));
          expect(b).toBeLessThanOrEqual(Math.max(...values));
          expect(a).toBeLessThanOrEqual(b + 1e-9);
          expect(percentile([...values].reverse(), lo)).toBeCloseTo(a, 9);
        },
      ),
    );
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('shiftAt', () => {
  const shifts = [
    { name: '白班', start: '08:00' },
    { name: '小夜班', start: '16:00' },
    { name: '大夜班', start: '00:00' },
  ];
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

  it('picks the shift that started most recently', () => {
    expect(shiftAt(at('08:00'), shifts)?.name).toBe('白班');
    expect(shiftAt(at('15:59'), shifts)?.name).toBe('白班');
    expect(shiftAt(at('16:00'), shifts)?.name).toBe('小夜班');
    expect(shiftAt(at('23:59'), shifts)?.name).toBe('小夜班');
    expect(shiftAt(at('00:00'), shifts)?.name).toBe('大夜班');
    expect(shiftAt(at('07:59'), shifts)?.name).toBe('大夜班');
  });

  it('runs a late shift on past midnight when no shift starts at 00:00', () => {
    const two = [
      { name: '白班', start: '07:30' },
      { name: '夜班', start: '19:30' },
    ];
    expect(shiftAt(at('03:00'), two)?.name).toBe('夜班');
    expect(shiftAt(at('07:29'), two)?.name).toBe('夜班');
    expect(shiftAt(at('07:30'), two)?.name).toBe('白班');
    expect(shiftAt(0, [])).toBeNull();
  });
});

describe('localParts', () => {
  it('gives the institution’s date and minute of day', () => {
    expect(localParts(new Date('2026-11-25T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-26',
      minuteOfDay: 30,
    });
    expect(localParts(new Date('2026-11-25T15:59:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-25',
      minuteOfDay: 23 * 60 + 59,
    });
    expect(localParts(new Date('2026-11-25T02:00:00Z'), 'Asia/Urumqi')).toEqual({
      date: '2026-11-25',
      minuteOfDay: 8 * 60,
    });
  });
});

describe('responseStats and groupStats', () => {
  it('reports seconds with one decimal and skips calls still open', () => {
    expect(toSeconds(12_345)).toBe(12.3);
    expect(toSeconds(null)).toBeNull();
    expect(
      responseStats('k', 'K', [
        { ackMs: 1000, clearMs: 5000 },
        { ackMs: 2050, clearMs: null },
        { ackMs: null, clearMs: 9000 },
      ]),
    ).toEqual({
      key: 'k',
      label: 'K',
      calls: 3,
      ackMedianSeconds: 1.5,
      ackP90Seconds: 1.9,
      clearMedianSeconds: 7,
      clearP90Seconds: 8.6,
    });
  });

  it('groups by key in the given order and drops items without a group', () => {
    const items = [
      { g: 'b', ackMs: 1000, clearMs: null },
      { g: 'a', ackMs: 3000, clearMs: null },
      { g: null, ackMs: 9000, clearMs: null },
      { g: 'b', ackMs: 5000, clearMs: null },
    ];
    const out = groupStats(items, (i) => (i.g ? { key: i.g, label: i.g.toUpperCase() } : null));
    expect(out.map((s) => [s.key, s.label, s.calls, s.ackMedianSeconds])).toEqual([
      ['a', 'A', 1, 3],
      ['b', 'B', 2, 3],
    ]);
  });
});
