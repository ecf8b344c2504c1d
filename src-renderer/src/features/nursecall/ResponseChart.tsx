import dayjs from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: Vite hands the CommonJS lib/ build over as a namespace object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ResponseStats } from '../../../../src-main/shared/contract/nursecall';
import { useI18n } from '../../i18n';
import { formatDuration } from './common';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Day {
  key: string;
  calls: number;
  median: number | null;
  p90: number | null;
}

/** Every day of the range, so a quiet day shows as a gap rather than vanishing from the axis. */
function allDays(from: string, to: string, perDay: ResponseStats[]): Day[] {
  const byKey = new Map(perDay.map((d) => [d.key, d]));
  const days: Day[] = [];
  const add = (key: string, d: ResponseStats | undefined) =>
    days.push({
      key,
      calls: d?.calls ?? 0,
      median: d?.ackMedianSeconds == null ? null : Math.round(d.ackMedianSeconds),
      p90: d?.ackP90Seconds == null ? null : Math.round(d.ackP90Seconds),
    });
  for (let d = dayjs(from); !d.isAfter(dayjs(to), 'day') && days.length < 400; d = d.add(1, 'day')) {
    const key = d.format('YYYY-MM-DD');
    add(key, byKey.get(key));
  }
  // A day outside the asked range (should not happen) is still shown rather than silently dropped.
  for (const d of perDay) if (!days.some((x) => x.key === d.key)) add(d.key, d);
  return days;
}

/** Median and p90 time to respond per day (lines), with the number of calls (bars). */
export function ResponseChart({ from, to, perDay }: { from: string; to: string; perDay: ResponseStats[] }) {
  const { t, language } = useI18n();
  const days = allDays(from, to, perDay);
  const wait = (v: unknown) => (typeof v === 'number' ? formatDuration(v, language) : t('无', 'none'));
  const axisWait = (v: number) =>
    v >= 120 ? t(`${Math.round(v / 60)}分`, `${Math.round(v / 60)} min`) : t(`${v}秒`, `${v} s`);
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 64, right: 56, top: 56, bottom: 32 },
    xAxis: { type: 'category', data: days.map((d) => d.key.slice(5)), axisLabel: { fontSize: 13 } },
    yAxis: [
      {
        type: 'value',
        name: t('响应用时', 'Time to respond'),
        nameTextStyle: { fontSize: 13 },
        minInterval: 1,
        axisLabel: { formatter: axisWait },
      },
      { type: 'value', name: t('呼叫次数', 'Calls'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('响应用时中位数', 'Median'),
        type: 'line',
        data: days.map((d) => d.median),
        symbolSize: 8,
        lineStyle: { width: 3, color: '#1668dc' },
        itemStyle: { color: '#1668dc' },
        tooltip: { valueFormatter: wait },
      },
      {
        name: t('90% 的呼叫在此时间内响应（P90）', '90th percentile'),
        type: 'line',
        data: days.map((d) => d.p90),
        symbolSize: 8,
        lineStyle: { width: 3, type: 'dashed', color: '#d4380d' },
        itemStyle: { color: '#d4380d' },
        tooltip: { valueFormatter: wait },
      },
      {
        name: t('呼叫次数', 'Calls'),
        type: 'bar',
        yAxisIndex: 1,
        data: days.map((d) => d.calls),
        itemStyle: { color: 'rgba(140,140,140,0.35)' },
        barMaxWidth: 36,
        tooltip: { valueFormatter: (v: unknown) => t(`${String(v)} 次`, String(v)) },
      },
    ],
  };
  return (
    <div data-testid="response-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 340 }} notMerge />
    </div>
  );
}
