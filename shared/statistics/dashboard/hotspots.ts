// Hotspots and early warning (issue 19 item 4), from the same cells as the figures:
//   rising categories and districts  received in the period against the same period a year
//                                    before: at least RISE_MIN_CASES now and more than then,
//                                    the largest increase first (none for "all time");
//   marked at risk                   open cases marked at risk of escalation, by category —
//                                    today's state, so the period does not narrow them.
// The category, mediator and source filters apply to all three. Each line opens the case list of
// the cases it counts (./links.ts): a rising category or district its cases in the period, a
// category's open cases at risk those cases, whenever registered. Repeat disputes between the
// same parties need the parties, which the aggregate does not hold: not computed here.
import { isOpen } from '../../domain/lifecycle';
import type { CaseStatus } from '../../domain/model';
import type { LoadedCell } from './aggregate';
import { UNASSIGNED_MEDIATOR, type DashboardFilter } from './figures';
import { inPeriod, monthRange, periodYearBefore, type Period } from './period';

/** A category or district needs at least this many cases in the period to count as rising. */
export const RISE_MIN_CASES = 3;

export interface Rise {
  key: string;
  current: number;
  before: number;
}

export interface Hotspots {
  /** The period compared with, or null for "all time" (nothing to compare). */
  comparedWith: Period | null;
  categories: Rise[];
  districts: Rise[];
  atRisk: Array<{ category: string; open: number }>;
}

function rising(current: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): Rise[] {
  return [...current]
    .map(([key, n]) => ({ key, current: n, before: before.get(key) ?? 0 }))
    .filter((r) => r.current >= RISE_MIN_CASES && r.current > r.before)
    .sort((a, b) => b.current - b.before - (a.current - a.before) || (a.key < b.key ? -1 : 1));
}

function bump(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function computeHotspots(cells: readonly LoadedCell[], filter: DashboardFilter): Hotspots {
  const comparedWith = filter.period.kind === 'all' ? null : periodYearBefore(filter.period);
  const now = monthRange(filter.period);
  const then = comparedWith ? monthRange(comparedWith) : null;
  const mediatorKey = filter.mediatorId === undefined ? undefined : filter.mediatorId === UNASSIGNED_MEDIATOR ? '' : filter.mediatorId;
  const category = { now: new Map<string, number>(), then: new Map<string, number>() };
  const district = { now: new Map<string, number>(), then: new Map<string, number>() };
  const risk = new Map<string, number>();
  for (const c of cells) {
    if (filter.category !== undefined && c.category !== filter.category) continue;
    if (filter.source !== undefined && c.source !== filter.source) continue;
    if (mediatorKey !== undefined && c.mediatorKey !== mediatorKey) continue;
    const n = c.cell.n;
    if (c.atRisk && isOpen(c.status as CaseStatus)) bump(risk, c.category, n);
    if (!comparedWith) continue;
    for (const [range, side] of [[now, 'now'], [then, 'then']] as const) {
      if (!range || !inPeriod(c.month, range)) continue;
      bump(category[side], c.category, n);
      if (c.district !== '') bump(district[side], c.district, n);
    }
  }
  return {
    comparedWith,
    categories: rising(category.now, category.then),
    districts: rising(district.now, district.then),
    atRisk: [...risk].map(([key, open]) => ({ category: key, open })).sort((a, b) => b.open - a.open || (a.category < b.category ? -1 : 1)),
  };
}
