import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: Vite hands the CommonJS lib/ build over as a namespace object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { RatioResult } from '../../../../src-main/shared/contract/staff';
import { useI18n } from '../../i18n';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Required against available caregivers, one point a day. */
export function RatioChart({ days }: { days: RatioResult[] }) {
  const { t } = useI18n();
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 48, right: 24, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: days.map((d) => d.on.slice(5)), axisLabel: { fontSize: 13 } },
    yAxis: { type: 'value', name: t('人', 'people'), minInterval: 1 },
    series: [
      {
        name: t('需护理员', 'Required'),
        type: 'line',
        step: 'end',
        data: days.map((d) => d.required),
        lineStyle: { width: 3, color: '#d4380d' },
        itemStyle: { color: '#d4380d' },
        symbolSize: 4,
      },
      {
        name: t('现有护理员', 'Available'),
        type: 'line',
        step: 'end',
        data: days.map((d) => d.available),
        lineStyle: { width: 3, color: '#1668dc' },
        itemStyle: { color: '#1668dc' },
        symbolSize: 4,
      },
    ],
  };
  return (
    <div data-testid="ratio-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
    </div>
  );
}
