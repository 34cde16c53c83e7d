// The dashboard's filter bar: the period (all, a year, a quarter, a month), the category, the
// mediator (administrators and directors only) and the source. Every change goes to the URL.
import { useMemo } from 'react';
import { Button, Flex, Select } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../../../shared/domain/categories';
import { CASE_SOURCES, type CaseSource, type User } from '../../../shared/domain/model';
import { PERIOD_KINDS, UNASSIGNED_MEDIATOR, type DashboardFilter, type Period, type PeriodKind } from '../../../shared/statistics/dashboard';
import type { CategoryCode } from '../../../shared/domain/categories';
import { useLang } from '../../kit/useLang';

export interface DashboardFiltersProps {
  filter: DashboardFilter;
  onChange(next: DashboardFilter): void;
  years: readonly number[];
  users: readonly User[];
  showMediator: boolean;
}

function periodWithKind(kind: PeriodKind, current: Period, fallbackYear: number): Period {
  const year = current.kind === 'all' ? fallbackYear : current.year;
  switch (kind) {
    case 'all':
      return { kind };
    case 'year':
      return { kind, year };
    case 'quarter':
      return { kind, year, quarter: current.kind === 'quarter' ? current.quarter : 1 };
    case 'month':
      return { kind, year, month: current.kind === 'month' ? current.month : 1 };
  }
}

function withoutKey<K extends 'category' | 'mediatorId' | 'source'>(filter: DashboardFilter, key: K, value: DashboardFilter[K] | undefined): DashboardFilter {
  const next = { ...filter };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function DashboardFilters({ filter, onChange, years, users, showMediator }: DashboardFiltersProps) {
  const { t } = useTranslation(['statistics', 'domain']);
  const language = useLang();
  const period = filter.period;
  const categoryOptions = useMemo(() => CATEGORIES.map((c) => ({ value: c.code, label: c.name[language] })), [language]);
  const sourceOptions = useMemo(() => CASE_SOURCES.map((s) => ({ value: s, label: t(`domain:source.${s}`) })), [t]);
  const mediatorOptions = useMemo(
    () => [
      { value: UNASSIGNED_MEDIATOR, label: t('statistics:filters.unassigned') },
      ...users.filter((u) => u.role === 'mediator' || u.role === 'lawyer').map((u) => ({ value: u.id, label: u.displayName })),
    ],
    [users, t],
  );
  const setPeriod = (next: Period) => onChange({ ...filter, period: next });
  const fallbackYear = years[0] ?? new Date().getFullYear();

  return (
    <Flex wrap gap={12} align="center" role="search" aria-label={t('statistics:filters.label')}>
      <Select
        aria-label={t('statistics:filters.period')}
        value={period.kind}
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`statistics:filters.periodKind.${kind}`) }))}
        onChange={(kind: PeriodKind) => setPeriod(periodWithKind(kind, period, fallbackYear))}
        style={{ width: 110 }}
      />
      {period.kind !== 'all' && (
        <Select
          aria-label={t('statistics:filters.year')}
          value={period.year}
          options={years.map((year) => ({ value: year, label: t('statistics:filters.yearValue', { year }) }))}
          onChange={(year: number) => setPeriod({ ...period, year })}
          style={{ width: 110 }}
        />
      )}
      {period.kind === 'quarter' && (
        <Select
          aria-label={t('statistics:filters.quarter')}
          value={period.quarter}
          options={[1, 2, 3, 4].map((quarter) => ({ value: quarter, label: t('statistics:filters.quarterValue', { quarter }) }))}
          onChange={(quarter: number) => setPeriod({ ...period, quarter })}
          style={{ width: 120 }}
        />
      )}
      {period.kind === 'month' && (
        <Select
          aria-label={t('statistics:filters.month')}
          value={period.month}
          options={Array.from({ length: 12 }, (_, i) => i + 1).map((month) => ({ value: month, label: t('statistics:filters.monthValue', { month }) }))}
          onChange={(month: number) => setPeriod({ ...period, month })}
          style={{ width: 110 }}
        />
      )}
      <Select
        aria-label={t('statistics:filters.category')}
        placeholder={t('statistics:filters.categoryAll')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filter.category}
        options={categoryOptions}
        onChange={(value?: CategoryCode) => onChange(withoutKey(filter, 'category', value || undefined))}
        style={{ width: 220 }}
      />
      {showMediator && (
        <Select
          aria-label={t('statistics:filters.mediator')}
          placeholder={t('statistics:filters.mediatorAll')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filter.mediatorId}
          options={mediatorOptions}
          onChange={(value?: string) => onChange(withoutKey(filter, 'mediatorId', value || undefined))}
          style={{ width: 180 }}
        />
      )}
      <Select
        aria-label={t('statistics:filters.source')}
        placeholder={t('statistics:filters.sourceAll')}
        allowClear
        value={filter.source}
        options={sourceOptions}
        onChange={(value?: CaseSource) => onChange(withoutKey(filter, 'source', value || undefined))}
        style={{ width: 180 }}
      />
      <Button icon={<ClearOutlined aria-hidden />} onClick={() => onChange({ period: filter.period, ...(showMediator ? {} : filter.mediatorId ? { mediatorId: filter.mediatorId } : {}) })}>
        {t('statistics:filters.clear')}
      </Button>
    </Flex>
  );
}
