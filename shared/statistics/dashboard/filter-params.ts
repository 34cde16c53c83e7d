// The dashboard's filter as URL parameters (`#/statistics?period=quarter&year=2026&quarter=1&category=TRF`),
// so a view can be bookmarked and coming back from the case list keeps it. Reading is forgiving:
// what does not validate is dropped and the rest still opens.
import type { SearchParamsLike } from '../../domain/case-query';
import { dashboardFilterSchema, type DashboardFilter } from './figures';
import { periodSchema, type Period } from './period';

export const PERIOD_KINDS = ['all', 'year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The period a URL names; without one (or a broken one), the whole of `defaultYear`. */
function periodOf(p: SearchParamsLike, defaultYear: number): Period {
  const kind = p.get('period') ?? 'year';
  const year = Number(p.get('year') ?? defaultYear);
  const candidate =
    kind === 'all'
      ? { kind }
      : kind === 'quarter'
        ? { kind, year, quarter: Number(p.get('quarter') ?? 1) }
        : kind === 'month'
          ? { kind, year, month: Number(p.get('month') ?? 1) }
          : { kind: 'year', year };
  const parsed = periodSchema.safeParse(candidate);
  return parsed.success ? parsed.data : { kind: 'year', year: defaultYear };
}

export function filterFromParams(p: SearchParamsLike, defaultYear: number): DashboardFilter {
  const filter: DashboardFilter = { period: periodOf(p, defaultYear) };
  const shape = dashboardFilterSchema.shape;
  for (const key of ['category', 'mediatorId', 'source'] as const) {
    const parsed = shape[key].safeParse(p.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) (filter as Record<string, unknown>)[key] = parsed.data;
  }
  return filter;
}

export function filterToParams(filter: DashboardFilter): Record<string, string> {
  const out: Record<string, string> = { period: filter.period.kind };
  if (filter.period.kind !== 'all') out.year = String(filter.period.year);
  if (filter.period.kind === 'quarter') out.quarter = String(filter.period.quarter);
  if (filter.period.kind === 'month') out.month = String(filter.period.month);
  if (filter.category) out.category = filter.category;
  if (filter.mediatorId) out.mediatorId = filter.mediatorId;
  if (filter.source) out.source = filter.source;
  return out;
}
