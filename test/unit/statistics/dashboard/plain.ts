// The dashboard's figures counted the plain way, straight from the cases with no aggregate: the
// reference every figure computed from cells must equal.
import { CATEGORY_CODES } from '../../../../shared/domain/categories';
import { addDays, daysBetween } from '../../../../shared/domain/deadlines';
import { CLOSED_STATUSES } from '../../../../shared/domain/lifecycle';
import { CASE_SOURCES, CASE_STATUSES } from '../../../../shared/domain/model';
import {
  DURATION_BUCKETS,
  RISE_MIN_CASES,
  monthRange,
  periodYearBefore,
  type Hotspots,
  monthsBetween,
  type DashboardCase,
  type DashboardFigures,
  type DashboardFilter,
  type FigureContext,
} from '../../../../shared/statistics/dashboard';

const regDate = (c: DashboardCase) => new Date(Date.parse(c.registeredAt) + 8 * 3_600_000).toISOString().slice(0, 10);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The cases the filter's category, source and mediator select (the period aside). */
function underFilter(cases: readonly DashboardCase[], filter: DashboardFilter): DashboardCase[] {
  const mediator = filter.mediatorId === 'unassigned' ? null : filter.mediatorId;
  return cases.filter(
    (c) =>
      (!filter.category || c.category === filter.category) &&
      (!filter.source || c.source === filter.source) &&
      (filter.mediatorId === undefined || c.mediatorId === mediator),
  );
}

export function plainFigures(cases: readonly DashboardCase[], filter: DashboardFilter, ctx: FigureContext): DashboardFigures {
  const range = monthRange(filter.period);
  const within = (month: string) => !range || (month >= range.from && month <= range.to);
  const rows = underFilter(cases, filter);
  const received = rows.filter((c) => within(regDate(c).slice(0, 7)));
  const settled = rows.filter((c) => c.agreementEffectiveOn !== null && within(c.agreementEffectiveOn.slice(0, 7)));
  const days = settled.map((c) => Math.max(0, daysBetween(regDate(c), c.agreementEffectiveOn as string)));
  const soon = addDays(ctx.today, ctx.warningDays);
  const risk = (confirmation: boolean) => {
    const running = rows.filter((c) => c.activeDeadline !== null && (c.status === 'agreement_reached') === confirmation);
    return {
      overdue: running.filter((c) => (c.activeDeadline as string) < ctx.today).length,
      dueSoon: running.filter((c) => (c.activeDeadline as string) >= ctx.today && (c.activeDeadline as string) <= soon).length,
    };
  };
  const allMonths = [...received.map((c) => regDate(c).slice(0, 7)), ...settled.map((c) => (c.agreementEffectiveOn as string).slice(0, 7))].sort();
  const months = range ? monthsBetween(range.from, range.to) : allMonths.length ? monthsBetween(allMonths[0] as string, allMonths.at(-1) as string) : [];
  const mediatorKeys = [...new Set(rows.map((c) => c.mediatorId ?? ''))];
  const byMediator = mediatorKeys
    .map((key) => ({
      mediatorKey: key,
      received: received.filter((c) => (c.mediatorId ?? '') === key).length,
      settled: settled.filter((c) => (c.mediatorId ?? '') === key).length,
      open: rows.filter((c) => (c.mediatorId ?? '') === key && !CLOSED_STATUSES.includes(c.status)).length,
    }))
    .filter((m) => m.received || m.settled || m.open)
    .sort((a, b) => b.received - a.received || (a.mediatorKey < b.mediatorKey ? -1 : 1));
  return {
    received: received.length,
    settled: settled.length,
    successRate: received.length ? settled.length / received.length : null,
    amountFen: settled.reduce((sum, c) => sum + (c.amountFen ?? 0), 0),
    byCategory: CATEGORY_CODES.map((category) => ({
      category,
      received: received.filter((c) => c.category === category).length,
      settled: settled.filter((c) => c.category === category).length,
    })).filter((x) => x.received || x.settled),
    byStatus: CASE_STATUSES.map((status) => ({ status, received: received.filter((c) => c.status === status).length })).filter((x) => x.received),
    bySource: CASE_SOURCES.map((source) => ({ source, received: received.filter((c) => c.source === source).length })).filter((x) => x.received),
    byMediator,
    monthly: months.map((month) => ({
      month,
      received: received.filter((c) => regDate(c).slice(0, 7) === month).length,
      settled: settled.filter((c) => (c.agreementEffectiveOn as string).slice(0, 7) === month).length,
    })),
    duration: {
      count: days.length,
      median: median(days),
      buckets: DURATION_BUCKETS.map((b) => ({ ...b, count: days.filter((d) => d >= b.from && (b.to === null || d <= b.to)).length })),
    },
    deadlines: { mediation: risk(false), confirmation: risk(true) },
  };
}

export function plainHotspots(cases: readonly DashboardCase[], filter: DashboardFilter): Hotspots {
  const rows = underFilter(cases, filter);
  const atRisk = [...new Set(rows.map((c) => c.category))]
    .map((category) => ({ category, open: rows.filter((c) => c.category === category && c.escalationRisk && !CLOSED_STATUSES.includes(c.status)).length }))
    .filter((r) => r.open > 0)
    .sort((a, b) => b.open - a.open || (a.category < b.category ? -1 : 1));
  if (filter.period.kind === 'all') return { comparedWith: null, categories: [], districts: [], atRisk };
  const before = periodYearBefore(filter.period);
  const now = monthRange(filter.period)!;
  const then = monthRange(before)!;
  const inRange = (c: DashboardCase, r: { from: string; to: string }) => regDate(c).slice(0, 7) >= r.from && regDate(c).slice(0, 7) <= r.to;
  const rises = (keyOf: (c: DashboardCase) => string | undefined) =>
    [...new Set(rows.map(keyOf).filter((k): k is string => k !== undefined))]
      .map((key) => ({ key, current: rows.filter((c) => keyOf(c) === key && inRange(c, now)).length, before: rows.filter((c) => keyOf(c) === key && inRange(c, then)).length }))
      .filter((r) => r.current >= RISE_MIN_CASES && r.current > r.before)
      .sort((a, b) => b.current - b.before - (a.current - a.before) || (a.key < b.key ? -1 : 1));
  return { comparedWith: before, categories: rises((c) => c.category), districts: rises((c) => c.district || undefined), atRisk };
}
