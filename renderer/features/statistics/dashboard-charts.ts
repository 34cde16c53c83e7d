// The dashboard's charts from its figures: labels in the user's language, and for each row the
// case list that selects the cases it counts as received (shared/statistics/dashboard/links.ts).
import type { TFunction } from 'i18next';
import { getCategory } from '../../../shared/domain/categories';
import type { Language, User } from '../../../shared/domain/model';
import { caseListSearch, type DashboardFigures, type DashboardFilter, type FigureSelection } from '../../../shared/statistics/dashboard';
import type { ChartData } from './chart-data';

export interface ChartInputs {
  figures: DashboardFigures;
  filter: DashboardFilter;
  users: readonly User[];
  language: Language;
  t: TFunction;
}

function monthLabel(month: string, language: Language): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return language === 'zh-CN' ? `${year}年${m}月` : `${year}-${String(m).padStart(2, '0')}`;
}

export function mediatorName(key: string, users: readonly User[], t: TFunction): string {
  if (key === '') return t('statistics:filters.unassigned');
  return users.find((u) => u.id === key)?.displayName ?? key.slice(0, 8);
}

export function dashboardCharts({ figures, filter, users, language, t }: ChartInputs): ChartData[] {
  const href = (selection: FigureSelection) => caseListSearch(filter, selection);
  const received = t('statistics:chart.received');
  const settled = t('statistics:chart.settled');
  return [
    {
      id: 'monthly',
      title: t('statistics:chart.monthly'),
      kind: 'bar',
      rows: figures.monthly.map((m) => ({ label: monthLabel(m.month, language), href: href({ month: m.month }) })),
      series: [
        { name: received, values: figures.monthly.map((m) => m.received), opens: true },
        { name: settled, values: figures.monthly.map((m) => m.settled), opens: false },
      ],
    },
    {
      id: 'category',
      title: t('statistics:chart.byCategory'),
      kind: 'hbar',
      rows: figures.byCategory.map((c) => ({ label: getCategory(c.category)?.name[language] ?? c.category, href: href({ category: c.category }) })),
      series: [
        { name: received, values: figures.byCategory.map((c) => c.received), opens: true },
        { name: settled, values: figures.byCategory.map((c) => c.settled), opens: false },
      ],
    },
    {
      id: 'status',
      title: t('statistics:chart.byStatus'),
      kind: 'bar',
      rows: figures.byStatus.map((s) => ({ label: t(`domain:status.${s.status}`), href: href({ status: s.status }) })),
      series: [{ name: received, values: figures.byStatus.map((s) => s.received), opens: true }],
    },
    {
      id: 'source',
      title: t('statistics:chart.bySource'),
      kind: 'pie',
      rows: figures.bySource.map((s) => ({ label: t(`domain:source.${s.source}`), href: href({ source: s.source as FigureSelection['source'] }) })),
      series: [{ name: received, values: figures.bySource.map((s) => s.received), opens: true }],
    },
    {
      id: 'mediator',
      title: t('statistics:chart.byMediator'),
      kind: 'hbar',
      rows: figures.byMediator.map((m) => ({ label: mediatorName(m.mediatorKey, users, t), href: href({ mediatorKey: m.mediatorKey }) })),
      series: [
        { name: received, values: figures.byMediator.map((m) => m.received), opens: true },
        { name: settled, values: figures.byMediator.map((m) => m.settled), opens: false },
        { name: t('statistics:chart.open'), values: figures.byMediator.map((m) => m.open), opens: false },
      ],
    },
    {
      id: 'duration',
      title: t('statistics:chart.duration'),
      kind: 'bar',
      rows: figures.duration.count
        ? figures.duration.buckets.map((b) => ({
            label: b.to === null ? t('statistics:chart.durationOver', { from: b.from }) : t('statistics:chart.durationBucket', { from: b.from, to: b.to }),
          }))
        : [],
      series: [{ name: t('statistics:chart.count'), values: figures.duration.buckets.map((b) => b.count), opens: false }],
    },
  ];
}
