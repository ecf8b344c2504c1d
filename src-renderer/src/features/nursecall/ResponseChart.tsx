import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { ResponseStats } from '../../../../src-main/shared/contract/nursecall';
import { useI18n } from '../../i18n';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Median and p90 time to respond per day (lines, seconds), with the number of calls (bars). */
export function ResponseChart({ perDay }: { perDay: ResponseStats[] }) {
  const { t } = useI18n();
  const days = perDay.map((d) => d.label || d.key);
  const seconds = (v: number | null) => (v === null ? null : Math.round(v));
  const option = {
    animation: false,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? String(v) : '—'),
    },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 56, right: 56, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: days, axisLabel: { fontSize: 13 } },
    yAxis: [
      { type: 'value', name: t('响应用时（秒）', 'Time to respond (s)'), nameTextStyle: { fontSize: 13 } },
      { type: 'value', name: t('呼叫次数', 'Calls'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('响应用时中位数', 'Median'),
        type: 'line',
        data: perDay.map((d) => seconds(d.ackMedianSeconds)),
        connectNulls: false,
        symbolSize: 8,
        lineStyle: { width: 3, color: '#1668dc' },
        itemStyle: { color: '#1668dc' },
      },
      {
        name: t('90% 的呼叫在此时间内响应（P90）', '90th percentile'),
        type: 'line',
        data: perDay.map((d) => seconds(d.ackP90Seconds)),
        symbolSize: 8,
        lineStyle: { width: 3, type: 'dashed', color: '#d4380d' },
        itemStyle: { color: '#d4380d' },
      },
      {
        name: t('呼叫次数', 'Calls'),
        type: 'bar',
        yAxisIndex: 1,
        data: perDay.map((d) => d.calls),
        itemStyle: { color: 'rgba(140,140,140,0.35)' },
        barMaxWidth: 36,
      },
    ],
  };
  return (
    <div data-testid="response-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 340 }} notMerge />
    </div>
  );
}
