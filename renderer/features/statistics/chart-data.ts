// One chart of the dashboard as data: its rows (one a bar group or a slice), its series, and for
// each row the case list it opens (when the list can select those cases). The same value draws the
// chart (ECharts option) and fills its data table, so the two never disagree.
import type { ChartOption } from './echarts';

export interface ChartSeries {
  name: string;
  values: readonly number[];
  /** Whether a click on this series' bars opens the row's list (settled counts cannot). */
  opens: boolean;
}

export interface ChartData {
  id: string;
  title: string;
  kind: 'bar' | 'hbar' | 'pie';
  rows: ReadonlyArray<{ label: string; href?: string }>;
  series: readonly ChartSeries[];
}

const PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#eb2f96', '#13c2c2', '#a0d911', '#faad14', '#2f54eb', '#f5222d'];

/** The ECharts option of a chart: no animation (a screenshot shows the final chart), SVG-friendly. */
export function chartOption(data: ChartData): ChartOption {
  const labels = data.rows.map((r) => r.label);
  if (data.kind === 'pie') {
    const series = data.series[0];
    return {
      animation: false,
      color: PALETTE,
      tooltip: { trigger: 'item' },
      legend: { type: 'plain', bottom: 0 },
      series: [
        {
          type: 'pie',
          name: series?.name ?? '',
          radius: ['35%', '65%'],
          data: labels.map((name, i) => ({ name, value: series?.values[i] ?? 0 })),
          label: { formatter: '{b}: {c}' },
        },
      ],
    };
  }
  const horizontal = data.kind === 'hbar';
  const categoryAxis = { type: 'category' as const, data: labels, axisLabel: { interval: 0, ...(horizontal ? {} : { rotate: labels.length > 6 ? 30 : 0 }) } };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: data.series.map((s) => ({ type: 'bar' as const, name: s.name, data: [...s.values], cursor: s.opens ? 'pointer' : 'default' })),
  };
}
