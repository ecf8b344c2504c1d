const DAY_MS = 86_400_000;

/**
 * The chart's date axis. A time axis over a single date makes ECharts spread that one day across
 * the width and print it at every tick ("2026-03-07 2026-03-07 …"); one date gets one label. With
 * more dates, ticks are never closer than a day, so no date repeats either.
 */
export function abilityDateAxis(dates: readonly string[]) {
  const distinct = [...new Set(dates)].sort();
  const common = {
    // Dates along the bottom, not at the value axis's zero (能力完好, at the top).
    axisLine: { onZero: false },
    splitLine: { show: false },
  };
  if (distinct.length < 2) {
    return {
      ...common,
      type: 'category' as const,
      data: distinct,
      boundaryGap: true,
      axisLabel: { fontSize: 12 },
    };
  }
  return {
    ...common,
    type: 'time' as const,
    minInterval: DAY_MS,
    axisLabel: { fontSize: 12, formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true },
  };
}
