import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal } from '../../../src-main/shared/contract/meds/decimal';

describe('exact decimal quantities', () => {
  it('reads and writes decimal strings without floating point', () => {
    expect(parseDecimal('0.5')).toBe(5000);
    expect(parseDecimal('2.25')).toBe(22500);
    expect(parseDecimal('30')).toBe(300000);
    expect(parseDecimal('0.1234')).toBe(1234);
    expect(parseDecimal('0.12345')).toBeNull();
    expect(parseDecimal('-1')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(formatDecimal(285000)).toBe('28.5');
    expect(formatDecimal(300000)).toBe('30');
    expect(formatDecimal(-5000)).toBe('-0.5');
    expect(formatDecimal(1)).toBe('0.0001');
    expect(formatDecimal(parseDecimal('30')! - 3 * parseDecimal('0.5')!)).toBe('28.5');
  });

  it('round-trips every quantity it accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999_999 }), (units) => {
        expect(parseDecimal(formatDecimal(units))).toBe(units);
      }),
    );
  });

  it('0.1 + 0.2 is exactly 0.3 (floating point says 0.30000000000000004)', () => {
    expect(formatDecimal(parseDecimal('0.1')! + parseDecimal('0.2')!)).toBe('0.3');
  });
});
