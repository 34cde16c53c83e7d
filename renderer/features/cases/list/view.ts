// The case list's view is the CaseQuery of shared/domain/case-query.ts, kept in the URL's search
// parameters (hash routing: `#/cases?category=TRF&status=accepted`), so reloading, bookmarking
// or sharing the address reopens the same view.
import {
  CASE_SORTS,
  DEFAULT_CASE_QUERY,
  UNASSIGNED,
  fromSearchParams,
  toSearchParams,
  type CaseQuery,
  type SearchParamsLike,
} from '../../../../shared/domain/case-query';

export type ListView = CaseQuery;
/** A change to the view; a key set to undefined removes that filter. */
export type ViewPatch = { [K in keyof CaseQuery]?: CaseQuery[K] | undefined };

export const SORT_KEYS = CASE_SORTS;
export const UNASSIGNED_FILTER = UNASSIGNED;

/** The view a URL describes; anything it cannot understand is left out. */
export function viewFromParams(params: SearchParamsLike): ListView {
  return fromSearchParams(params);
}

/** The view with `patch` applied, as the URL parameters to navigate to. */
export function paramsForPatch(view: ListView, patch: ViewPatch): Record<string, string> {
  const next: Record<string, unknown> = { ...view };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
  }
  const merged: CaseQuery = { ...DEFAULT_CASE_QUERY, ...(next as Partial<CaseQuery>) };
  // "Only overdue: off" is the same view as no overdue filter; keep the URL short. So is "at risk: off".
  if (merged.overdue === false) delete merged.overdue;
  if (merged.risk === false) delete merged.risk;
  return toSearchParams(merged);
}

/** A stable string identity of a view: equal views give equal keys. */
export function viewKey(view: ListView): string {
  return new URLSearchParams(toSearchParams(view)).toString();
}

/** True when any filter narrows the list (sorting alone does not). */
export function hasFilters(view: ListView): boolean {
  return Boolean(view.category || view.status || view.mediatorId || view.source || view.district || view.repeat || view.from || view.to || view.overdue || view.risk || view.text);
}

/** The patch that removes every filter (the sort stays). */
export const CLEAR_FILTERS: ViewPatch = {
  text: undefined,
  category: undefined,
  status: undefined,
  mediatorId: undefined,
  source: undefined,
  district: undefined,
  repeat: undefined,
  from: undefined,
  to: undefined,
  overdue: undefined,
  risk: undefined,
};
