// ECharts with only what the dashboard draws (bars, pies, axes, tooltip, legend) and the SVG
// renderer, so charts are elements a test and a screen reader's page can see. Imported
// dynamically by ChartPanel: the library is fetched when the statistics screen first draws.
import { init, use as install, type ComposeOption, type EChartsType } from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

install([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** A chart drawn as SVG into `element`. */
export function drawChart(element: HTMLElement, option: ChartOption, onItem: (dataIndex: number, seriesIndex: number) => void): EChartsType {
  const chart = init(element, undefined, { renderer: 'svg' });
  chart.setOption(option);
  chart.on('click', (params) => {
    if (typeof params.dataIndex === 'number') onItem(params.dataIndex, params.seriesIndex ?? 0);
  });
  return chart;
}

export type { EChartsType };
