import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: Vite hands the CommonJS lib/ build over as a namespace object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import {
  abilityLevelColors,
  abilityLevelLabels,
  abilityLevels,
  type AbilityLevel,
} from '../../../../src-main/shared/assessment/ability';
import type { AbilityAssessmentRow } from '../../../../src-main/shared/contract/residents';
import { useI18n, useLabel } from '../../i18n';
import { abilityDateAxis } from './ability-chart-axis';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface PointData {
  value: [string, number];
  row: AbilityAssessmentRow;
}

/**
 * The ability level over time as steps: a level holds until the next assessment. 能力完好 is at the
 * top, so a resident who declines goes down the chart. When a rule raised a level, the level by
 * score alone is drawn dashed beside it, so the adjustment is visible.
 */
export function AbilityLevelChart({ assessments }: { assessments: AbilityAssessmentRow[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const rows = [...assessments].sort((a, b) =>
    a.assessedOn === b.assessedOn ? a.id - b.id : a.assessedOn < b.assessedOn ? -1 : 1,
  );
  if (rows.length === 0) return null;
  const levelName = (l: AbilityLevel) => label(abilityLevelLabels[l]);
  const index = (l: AbilityLevel) => abilityLevels.indexOf(l);
  const anyAdjusted = rows.some((r) => r.level !== r.baseLevel);

  const levelPoints: PointData[] = rows.map((r) => ({ value: [r.assessedOn, index(r.level)], row: r }));
  const option = {
    animation: false,
    grid: { left: 84, right: 24, top: anyAdjusted ? 36 : 16, bottom: 28 },
    legend: anyAdjusted ? { top: 0, textStyle: { fontSize: 13 } } : undefined,
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: PointData; seriesIndex: number }) => {
        const r = p.data.row;
        const head = `${r.assessedOn}<br/>`;
        if (p.seriesIndex === 1) return `${head}${t('按总分', 'By score')}：${levelName(r.baseLevel)}`;
        const adjusted =
          r.level !== r.baseLevel
            ? t(
                `<br/>按总分为${levelName(r.baseLevel)}，${r.adjustmentReasons.join('；')}，上调为${levelName(r.level)}`,
                `<br/>Raised from ${levelName(r.baseLevel)}`,
              )
            : '';
        return `${head}<b>${levelName(r.level)}</b>（${t('总分', 'total')} ${r.total}）${adjusted}`;
      },
    },
    xAxis: abilityDateAxis(rows.map((r) => r.assessedOn)),
    // A value axis (0 = 能力完好 … 4 = 完全失能) rather than a category one: with a category y axis
    // ECharts takes y as the base axis and turns the steps the wrong way round.
    yAxis: {
      type: 'value',
      inverse: true,
      min: 0,
      max: abilityLevels.length - 1,
      interval: 1,
      axisLabel: {
        fontSize: 13,
        formatter: (v: number) => levelName(abilityLevels[v] ?? 'intact'),
        color: (v?: string | number) => abilityLevelColors[abilityLevels[Number(v)] ?? 'intact'].hex,
      },
      splitLine: { show: true, lineStyle: { color: '#f0f0f0' } },
    },
    series: [
      {
        name: t('能力等级（评定结果）', 'Level'),
        type: 'line',
        step: 'end',
        data: levelPoints.map((p) => ({
          ...p,
          itemStyle: { color: abilityLevelColors[p.row.level].hex },
        })),
        symbolSize: 11,
        lineStyle: { width: 3, color: '#595959' },
        itemStyle: { color: '#595959' },
        z: 3,
      },
      ...(anyAdjusted
        ? [
            {
              name: t('按总分（未调整）', 'By score alone'),
              type: 'line',
              step: 'end',
              data: rows.map((r) => ({ value: [r.assessedOn, index(r.baseLevel)], row: r })),
              symbolSize: 7,
              lineStyle: { width: 2, type: 'dashed', color: '#bfbfbf' },
              itemStyle: { color: '#bfbfbf' },
            },
          ]
        : []),
    ],
  };
  // The same story in words, for screen readers and for anyone who cannot tell the colours apart.
  const summary = t(
    `能力等级变化：${rows.map((r) => `${r.assessedOn} ${levelName(r.level)}`).join(' → ')}`,
    `Ability level: ${rows.map((r) => `${r.assessedOn} ${levelName(r.level)}`).join(' → ')}`,
  );
  return (
    <div
      className="ability-level-chart"
      data-testid="ability-level-chart"
      data-points={rows.length}
      role="img"
      aria-label={summary}
    >
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: anyAdjusted ? 230 : 210 }}
        notMerge
      />
    </div>
  );
}
