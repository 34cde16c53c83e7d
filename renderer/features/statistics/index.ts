// The statistics feature's door: the dashboard screen (issue 19 item 1). The route loads it lazily,
// with ECharts in its own chunk; the menu decides who sees it from shared/statistics/dashboard/access.
export { StatisticsPage } from './StatisticsPage';
