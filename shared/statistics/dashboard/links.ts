// Where a click on a figure leads: the case list's query (shared/domain/case-query.ts, read back
// from the URL by the list) that selects the same cases. The dashboard's category, mediator and
// source filters carry over; a figure of the period adds its registration dates, a figure of
// today's deadlines ("overdue"), of today's risk marks (open cases marked at risk) or a repeat
// dispute (its cases whenever registered) does not.
// Settled counts have no list of their own: the list
// cannot select by the date an agreement took effect, so they open nothing.
import { toSearchParams, type CaseQuery } from '../../domain/case-query';
import type { CaseSource, CaseStatus } from '../../domain/model';
import type { CategoryCode } from '../../domain/categories';
import { UNASSIGNED_MEDIATOR, type DashboardFilter } from './figures';
import { dateRange, monthRange } from './period';

export interface FigureSelection {
  category?: string;
  status?: CaseStatus;
  source?: CaseSource;
  /** '' for cases no mediator has taken. */
  mediatorKey?: string;
  /** One month of registration within the period. */
  month?: string;
  /** The district where the dispute arose (a hotspot's rising district). */
  district?: string;
  /** Running deadlines already past (today's state, whatever the period). */
  overdue?: true;
  /** Open cases marked at risk of escalation (today's state, whatever the period). */
  atRisk?: true;
  /** The cases of one repeat dispute (its token; whenever registered). */
  repeat?: string;
}

/** The case list's query for the cases a figure counts as received (or overdue). */
export function caseListQuery(filter: DashboardFilter, selection: FigureSelection): CaseQuery {
  const query: CaseQuery = { sort: 'registeredAt', dir: 'desc' };
  const category = selection.category ?? filter.category;
  if (category) query.category = category as CategoryCode;
  const mediator = selection.mediatorKey !== undefined ? selection.mediatorKey || UNASSIGNED_MEDIATOR : filter.mediatorId;
  if (mediator) query.mediatorId = mediator;
  const source = selection.source ?? filter.source;
  if (source) query.source = source;
  if (selection.status) query.status = selection.status;
  if (selection.district) query.district = selection.district;
  if (selection.repeat) {
    query.repeat = selection.repeat;
    return query;
  }
  if (selection.overdue || selection.atRisk) {
    if (selection.overdue) query.overdue = true;
    if (selection.atRisk) query.risk = true;
    return query;
  }
  const months = selection.month ? { from: selection.month, to: selection.month } : monthRange(filter.period);
  if (months) Object.assign(query, dateRange(months));
  return query;
}

/** The same query as the URL parameters of the case list (`#/cases?…`). */
export function caseListSearch(filter: DashboardFilter, selection: FigureSelection): string {
  return new URLSearchParams(toSearchParams(caseListQuery(filter, selection))).toString();
}
