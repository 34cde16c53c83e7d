// The dashboard's figures, computed from the aggregate's cells under a filter. Each figure is
// defined so that it reconciles with a plain count over the cases (tested property-style) and,
// where the case list can select the same cases, with the list under the same filter:
//   received       cases registered in the period (Asia/Shanghai months);
//   settled        cases whose agreement took effect in the period, whenever they were received;
//   success rate   settled ÷ received of the period, as the published reports compute it;
//   amount         the amounts (case amountFen) of the cases settled in the period;
//   by category, status, source, mediator, month   received (and settled) split that way;
//   duration       registration to agreement, in whole days, of the cases settled in the period;
//   deadlines      running deadlines overdue or ending within the warning days — today's state,
//                  so the period does not narrow them (the other filters do);
//   mediator load  cases of each mediator open today, whatever the period.
import { z } from 'zod';
import { CATEGORY_CODES } from '../../domain/categories';
import { addDays } from '../../domain/deadlines';
import { CLOSED_STATUSES } from '../../domain/lifecycle';
import { CASE_SOURCES, CASE_STATUSES, caseSourceSchema, type CaseStatus } from '../../domain/model';
import type { LoadedCell } from './aggregate';
import { inPeriod, monthRange, monthsBetween, periodSchema } from './period';

/** The value of mediatorId that selects cases no mediator has taken (as in the case list). */
export const UNASSIGNED_MEDIATOR = 'unassigned';

export const dashboardFilterSchema = z.strictObject({
  period: periodSchema,
  category: z.enum(CATEGORY_CODES).optional(),
  mediatorId: z.string().min(1).max(100).optional(),
  source: caseSourceSchema.optional(),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export interface DeadlineRisk {
  overdue: number;
  dueSoon: number;
}

export const DURATION_BUCKETS: ReadonlyArray<{ from: number; to: number | null }> = [
  { from: 0, to: 7 },
  { from: 8, to: 15 },
  { from: 16, to: 30 },
  { from: 31, to: 60 },
  { from: 61, to: 90 },
  { from: 91, to: null },
];

export interface DashboardFigures {
  received: number;
  settled: number;
  /** settled ÷ received, null when nothing was received. */
  successRate: number | null;
  amountFen: number;
  byCategory: Array<{ category: string; received: number; settled: number }>;
  byStatus: Array<{ status: CaseStatus; received: number }>;
  bySource: Array<{ source: string; received: number }>;
  byMediator: Array<{ mediatorKey: string; received: number; settled: number; open: number }>;
  monthly: Array<{ month: string; received: number; settled: number }>;
  duration: { count: number; median: number | null; buckets: Array<{ from: number; to: number | null; count: number }> };
  deadlines: { mediation: DeadlineRisk; confirmation: DeadlineRisk };
}

export interface FigureContext {
  /** The institution's today ('YYYY-MM-DD'). */
  today: string;
  /** Days before a deadline that count as "due soon" (the institution's setting). */
  warningDays: number;
}

function mediatorKeyOf(filter: DashboardFilter): string | undefined {
  if (filter.mediatorId === undefined) return undefined;
  return filter.mediatorId === UNASSIGNED_MEDIATOR ? '' : filter.mediatorId;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** The median of a histogram value → count (the mean of the two middle values when the count is even). */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  const values = [...histogram.keys()].sort((a, b) => a - b);
  const total = values.reduce((n, v) => n + (histogram.get(v) ?? 0), 0);
  if (total === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const v of values) {
      seen += histogram.get(v) ?? 0;
      if (index < seen) return v;
    }
    return values[values.length - 1] as number;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

interface Tally {
  received: number;
  settled: number;
  amountFen: number;
  category: Map<string, { received: number; settled: number }>;
  status: Map<string, number>;
  source: Map<string, number>;
  mediator: Map<string, { received: number; settled: number; open: number }>;
  monthReceived: Map<string, number>;
  monthSettled: Map<string, number>;
  days: Map<number, number>;
  deadlines: { mediation: DeadlineRisk; confirmation: DeadlineRisk };
}

function newTally(): Tally {
  return {
    received: 0,
    settled: 0,
    amountFen: 0,
    category: new Map(),
    status: new Map(),
    source: new Map(),
    mediator: new Map(),
    monthReceived: new Map(),
    monthSettled: new Map(),
    days: new Map(),
    deadlines: { mediation: { overdue: 0, dueSoon: 0 }, confirmation: { overdue: 0, dueSoon: 0 } },
  };
}

function entryOf<T>(map: Map<string, T>, key: string, fresh: () => T): T {
  let value = map.get(key);
  if (!value) map.set(key, (value = fresh()));
  return value;
}

const CLOSED: ReadonlySet<string> = new Set(CLOSED_STATUSES);

function tallyCell(t: Tally, c: LoadedCell, range: { from: string; to: string } | null, soonUntil: string, today: string): void {
  const n = c.cell.n;
  const mediator = entryOf(t.mediator, c.mediatorKey, () => ({ received: 0, settled: 0, open: 0 }));
  if (!CLOSED.has(c.status)) mediator.open += n;
  if (c.cell.due) {
    const risk = c.status === 'agreement_reached' ? t.deadlines.confirmation : t.deadlines.mediation;
    for (const [date, count] of Object.entries(c.cell.due)) {
      if (date < today) risk.overdue += count;
      else if (date <= soonUntil) risk.dueSoon += count;
    }
  }
  if (inPeriod(c.month, range)) {
    t.received += n;
    entryOf(t.category, c.category, () => ({ received: 0, settled: 0 })).received += n;
    bump(t.status, c.status, n);
    bump(t.source, c.source, n);
    mediator.received += n;
    bump(t.monthReceived, c.month, n);
  }
  if (c.agreedMonth !== '' && inPeriod(c.agreedMonth, range)) {
    t.settled += n;
    t.amountFen += c.cell.fen;
    entryOf(t.category, c.category, () => ({ received: 0, settled: 0 })).settled += n;
    mediator.settled += n;
    bump(t.monthSettled, c.agreedMonth, n);
    for (const [days, count] of Object.entries(c.cell.days ?? {})) bump(t.days, Number(days), count);
  }
}

function monthsShown(t: Tally, range: { from: string; to: string } | null): string[] {
  if (range) return monthsBetween(range.from, range.to);
  const months = [...t.monthReceived.keys(), ...t.monthSettled.keys()].sort();
  return months.length ? monthsBetween(months[0] as string, months[months.length - 1] as string) : [];
}

/** The figures of the cells that pass the filter. */
export function computeFigures(cells: readonly LoadedCell[], filter: DashboardFilter, context: FigureContext): DashboardFigures {
  const range = monthRange(filter.period);
  const mediatorKey = mediatorKeyOf(filter);
  const soonUntil = addDays(context.today, context.warningDays);
  const t = newTally();
  for (const c of cells) {
    if (filter.category !== undefined && c.category !== filter.category) continue;
    if (filter.source !== undefined && c.source !== filter.source) continue;
    if (mediatorKey !== undefined && c.mediatorKey !== mediatorKey) continue;
    tallyCell(t, c, range, soonUntil, context.today);
  }
  const buckets = DURATION_BUCKETS.map((b) => ({ ...b, count: 0 }));
  let durationCount = 0;
  for (const [days, count] of t.days) {
    durationCount += count;
    const bucket = buckets.find((b) => days >= b.from && (b.to === null || days <= b.to));
    if (bucket) bucket.count += count;
  }
  return {
    received: t.received,
    settled: t.settled,
    successRate: t.received > 0 ? t.settled / t.received : null,
    amountFen: t.amountFen,
    byCategory: CATEGORY_CODES.flatMap((category) => {
      const v = t.category.get(category);
      return v && (v.received || v.settled) ? [{ category, ...v }] : [];
    }),
    byStatus: CASE_STATUSES.flatMap((status) => (t.status.get(status) ? [{ status, received: t.status.get(status) as number }] : [])),
    bySource: CASE_SOURCES.flatMap((source) => (t.source.get(source) ? [{ source, received: t.source.get(source) as number }] : [])),
    byMediator: [...t.mediator]
      .filter(([, v]) => v.received || v.settled || v.open)
      .map(([key, v]) => ({ mediatorKey: key, ...v }))
      .sort((a, b) => b.received - a.received || (a.mediatorKey < b.mediatorKey ? -1 : 1)),
    monthly: monthsShown(t, range).map((month) => ({ month, received: t.monthReceived.get(month) ?? 0, settled: t.monthSettled.get(month) ?? 0 })),
    duration: { count: durationCount, median: histogramMedian(t.days), buckets },
    deadlines: t.deadlines,
  };
}
