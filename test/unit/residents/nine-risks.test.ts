import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  highestNineRiskLevel,
  nineRiskAssessmentInputSchema,
  nineRiskItems,
  nineRiskKeys,
  nineRiskLevelLabels,
} from '../../../src-main/shared/assessment/nine-risks';

function validInput() {
  return {
    residentId: 12,
    assessedOn: '2026-11-20',
    items: Object.fromEntries(nineRiskKeys.map((k) => [k, { level: 'low', measures: [] as string[] }])),
    guardianInformed: { name: '张建军', relation: '儿子', informedOn: '2026-11-20' },
    assessorIds: [3, 5],
  };
}

function issues(input: unknown) {
  const r = nineRiskAssessmentInputSchema.safeParse(input);
  expect(r.success).toBe(false);
  return (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('nine risks (GB 38600-2019)', () => {
  it('lists the nine items in the standard order with labels', () => {
    expect(nineRiskKeys.map((k) => nineRiskItems[k].zh)).toEqual([
      '噎食',
      '食品药品误食',
      '压疮',
      '烫伤',
      '坠床',
      '跌倒',
      '走失',
      '他伤和自伤',
      '文娱活动意外',
    ]);
    for (const key of nineRiskKeys) {
      const item = nineRiskItems[key];
      expect(item.key).toBe(key);
      expect(item.en.length).toBeGreaterThan(0);
      expect(item.measures.length).toBeGreaterThanOrEqual(4);
      expect(item.measures.length).toBeLessThanOrEqual(6);
      expect(new Set(item.measures).size).toBe(item.measures.length);
    }
  });

  it('names icons that exist in @ant-design/icons', () => {
    const require = createRequire(import.meta.url);
    const iconDir = join(dirname(require.resolve('@ant-design/icons/package.json')), 'lib', 'icons');
    for (const key of nineRiskKeys)
      expect(existsSync(join(iconDir, `${nineRiskItems[key].icon}.js`))).toBe(true);
  });

  it('has four levels with labels and colours', () => {
    expect(Object.values(nineRiskLevelLabels).map((l) => l.zh)).toEqual(['无', '低', '中', '高']);
    expect(nineRiskLevelLabels.high.color).toBe('red');
  });

  it('finds the highest level', () => {
    expect(highestNineRiskLevel([])).toBe('none');
    expect(highestNineRiskLevel(['low', 'high', 'medium'])).toBe('high');
    expect(highestNineRiskLevel(['none', 'low'])).toBe('low');
  });
});

describe('nineRiskAssessmentInputSchema', () => {
  it('accepts a complete assessment, with or without a guardian', () => {
    expect(nineRiskAssessmentInputSchema.safeParse(validInput()).success).toBe(true);
    expect(nineRiskAssessmentInputSchema.safeParse({ ...validInput(), guardianInformed: null }).success).toBe(
      true,
    );
  });

  it('trims measures and keeps notes', () => {
    const input = validInput();
    input.items.fall = { level: 'high', measures: ['  穿防滑鞋和合身衣裤 '], note: '夜间如厕频繁' } as never;
    const parsed = nineRiskAssessmentInputSchema.parse(input);
    expect(parsed.items.fall).toEqual({
      level: 'high',
      measures: ['穿防滑鞋和合身衣裤'],
      note: '夜间如厕频繁',
    });
  });

  it('requires every item', () => {
    const input = validInput();
    delete (input.items as Record<string, unknown>)['wandering'];
    expect(issues(input)).toEqual([{ path: 'items.wandering', message: expect.any(String) }]);
  });

  it('asks for a level with the item name', () => {
    const input = validInput();
    input.items.scald = { level: 'severe', measures: [] } as never;
    expect(issues(input)).toEqual([{ path: 'items.scald.level', message: '请为「烫伤」选择风险等级' }]);
  });

  it('requires a measure for medium and high risks', () => {
    const input = validInput();
    input.items.choking = { level: 'medium', measures: [] } as never;
    expect(issues(input)).toEqual([
      { path: 'items.choking.measures', message: '「噎食」为中风险，请至少选择一项防护措施' },
    ]);
  });

  it('rejects duplicate measures, no assessor, and informing before assessing', () => {
    const input = validInput();
    input.items.fall = { level: 'high', measures: ['穿防滑鞋', '穿防滑鞋'] } as never;
    input.assessorIds = [];
    input.guardianInformed.informedOn = '2026-11-19';
    expect(issues(input).map((i) => i.path)).toEqual([
      'items.fall.measures',
      'assessorIds',
      'guardianInformed.informedOn',
    ]);
  });

  it('rejects an impossible date', () => {
    expect(issues({ ...validInput(), assessedOn: '2026-02-30' })).toEqual([
      { path: 'assessedOn', message: '评估日期不是有效日期，格式应为 YYYY-MM-DD' },
    ]);
  });
});
