import { describe, expect, it } from 'vitest';
import { capitalYuan } from '../../../src-main/shared/contract/billing/capital';
import { fenOf, yuan } from '../../../src-main/shared/contract/billing/money';

describe('amounts as printed', () => {
  it('writes 金额大写 the way receipts do', () => {
    expect(capitalYuan(0)).toBe('零元整');
    expect(capitalYuan(100_050)).toBe('壹仟元伍角整');
    expect(capitalYuan(1_234_560)).toBe('壹万贰仟叁佰肆拾伍元陆角整');
    expect(capitalYuan(10_000_000)).toBe('壹拾万元整');
    expect(capitalYuan(1_000_100)).toBe('壹万零壹元整');
    expect(capitalYuan(10_005)).toBe('壹佰元零伍分');
    expect(capitalYuan(123)).toBe('壹元贰角叁分');
    expect(capitalYuan(-500)).toBe('负伍元整');
  });

  it('shows ¥ with thousands and reads typed yuan into exact 分', () => {
    expect(yuan(123_456_78)).toBe('¥123,456.78');
    expect(yuan(-5)).toBe('-¥0.05');
    expect(fenOf('0.29')).toBe(29);
    expect(fenOf('3700.5')).toBe(370_050);
    expect(fenOf('1.005')).toBeNull();
    expect(fenOf('abc')).toBeNull();
  });
});
