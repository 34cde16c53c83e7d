// The institution's figures for its administrator and director: how many cases there are and how
// many stand at each status, counted from the case catalog the list already keeps in memory.
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/model';
import type { DataStore } from '../../data';

export interface InstitutionFigures {
  readonly total: number;
  /** Every status with at least one case, in the lifecycle's order. */
  readonly byStatus: ReadonlyArray<{ readonly status: CaseStatus; readonly count: number }>;
}

export function countFigures(entries: Iterable<{ readonly status: CaseStatus }>): InstitutionFigures {
  const counts = new Map<CaseStatus, number>();
  let total = 0;
  for (const entry of entries) {
    total += 1;
    counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
  }
  return { total, byStatus: CASE_STATUSES.flatMap((status) => (counts.get(status) ? [{ status, count: counts.get(status)! }] : [])) };
}

// Counted once per state of the catalog (a change makes a new entries array): the case list shows
// these figures every time it opens, and 100,000 entries take a noticeable moment to count.
const counted = new WeakMap<object, InstitutionFigures>();

export async function readInstitutionFigures(data: DataStore): Promise<InstitutionFigures> {
  const { entries } = await data.cases.catalog();
  let figures = counted.get(entries);
  if (!figures) {
    figures = countFigures(entries);
    counted.set(entries, figures);
  }
  return figures;
}
