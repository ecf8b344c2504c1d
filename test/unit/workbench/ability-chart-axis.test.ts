import { describe, expect, it } from 'vitest';

// The renderer is its own TypeScript project, so the module is loaded by path and typed here.
const AXIS_PATH = '../../../src-renderer/src/features/residents/ability-chart-axis';
const { abilityDateAxis } = (await import(/* @vite-ignore */ AXIS_PATH)) as {
  abilityDateAxis(dates: readonly string[]): {
    type: 'category' | 'time';
    data?: string[];
    minInterval?: number;
  };
};

describe('the ability chart’s date axis', () => {
  it('labels a single assessment’s date once', () => {
    const axis = abilityDateAxis(['2026-03-07']);
    expect(axis.type).toBe('category');
    expect(axis).toMatchObject({ data: ['2026-03-07'] });
  });

  it('keeps two assessments on the same day to one label', () => {
    expect(abilityDateAxis(['2026-03-07', '2026-03-07'])).toMatchObject({
      type: 'category',
      data: ['2026-03-07'],
    });
  });

  it('uses a time axis with ticks at least a day apart once there are several dates', () => {
    const axis = abilityDateAxis(['2025-03-07', '2026-03-07']);
    expect(axis).toMatchObject({ type: 'time', minInterval: 86_400_000 });
  });
});
