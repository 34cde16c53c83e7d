// The case list's queries at 100,000 cases (issue 2 item 9), answered from the in-memory catalog
// (renderer/db/case-catalog.ts): the entries, already ordered by the sort key, are walked from the
// cursor in the wanted direction until a page of matches is found. A page of a common filter stops
// after a few hundred entries; the rarest filter or search walks all 100,000 entries once, in a few
// milliseconds. The count is always exact.
//
// The viewer's visibility (mediators and lawyers: own and unassigned cases) is applied to every
// entry with shared/domain/permissions.
import type { CaseQuery } from '../../../../shared/domain/case-query';
import { canViewCase } from '../../../../shared/domain/permissions';
import { normalizeSearchText } from '../../../../shared/domain/search';
import { todayIn } from '../../../../shared/domain/deadlines';
import type { Case, CaseStatus, User } from '../../../../shared/domain/model';
import { UNASSIGNED_KEY } from '../../../../shared/backup/rows';
import { compareSortKeys, ordering, readCatalog, sortKeyOf, TERM_SEPARATOR, type CatalogEntry, type SortKey } from '../../../db/case-catalog';
import type { WorkstationDb } from '../../../db/db';

export const TIME_ZONE = 'Asia/Shanghai';
export const MAX_PAGE_SIZE = 500;

/** Opaque position after the last row of a page: that row's sort key. */
export type Cursor = SortKey;

/** One row of the case list: everything the list shows, nothing it does not. */
export interface CaseListRow {
  id: string;
  number: string;
  category: string;
  status: CaseStatus;
  mediatorId: string | null;
  registeredAt: string;
  activeDeadline: string | null;
  partySummary: string;
  amountFen: number | null;
  source: Case['source'];
  version: number;
}

export interface CasePage {
  rows: CaseListRow[];
  /** Present when more rows follow; pass it back as `after` for the next page. */
  next?: Cursor;
}

export interface CaseCount {
  count: number;
  /** Whether `count` is exact; the in-memory catalog always counts exactly, the list still says "at least" otherwise. */
  exact: boolean;
}

export interface QueryContext {
  /** The institution's date (Asia/Shanghai) that "overdue" is measured against. */
  today?: string;
}

interface Filters {
  /** Every filter plus visibility, entry by entry. */
  matches(entry: CatalogEntry): boolean;
}

export function toListRow(row: CatalogEntry): CaseListRow {
  return {
    id: row.id,
    number: row.number,
    category: row.category,
    status: row.status,
    mediatorId: row.mediatorId,
    registeredAt: row.registeredAt,
    activeDeadline: row.activeDeadline,
    partySummary: row.partySummary,
    amountFen: row.amountFen,
    source: row.source,
    version: row.version,
  };
}

/** Start of a calendar day in the institution's zone (UTC+8, no daylight saving) as an instant. */
function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Mediator keys the viewer may see, or null for every case. */
export function visibleMediatorKeys(viewer: Pick<User, 'id' | 'role'>): string[] | null {
  return viewer.role === 'mediator' || viewer.role === 'lawyer' ? [viewer.id, UNASSIGNED_KEY] : null;
}

function asList<T>(value: T | readonly T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

function buildFilters(query: CaseQuery, viewer: User, today: string): Filters | null {
  const category = query.category;
  const statuses = asList<string>(query.status as string | string[] | undefined);
  const status = statuses && statuses.length ? new Set(statuses) : null;
  let mediators: string[] | undefined;
  if (query.mediatorId) mediators = [query.mediatorId === 'unassigned' ? UNASSIGNED_KEY : query.mediatorId];
  const visible = visibleMediatorKeys(viewer);
  if (visible) mediators = mediators ? mediators.filter((m) => visible.includes(m)) : visible;
  if (mediators && mediators.length === 0) return null;
  const mediator = mediators ? new Set(mediators) : null;

  const registeredFrom = query.from ? startOfDay(query.from) : undefined;
  const registeredTo = query.to ? startOfDay(nextDay(query.to)) : undefined;
  const overdueBefore = query.overdue ? today : undefined;
  const typed = query.text ? normalizeSearchText(query.text).replaceAll(TERM_SEPARATOR, '') : '';
  const needle = typed ? TERM_SEPARATOR + typed : undefined;

  const matches = (e: CatalogEntry): boolean =>
    (category === undefined || e.category === category) &&
    (!status || status.has(e.status)) &&
    (!mediator || mediator.has(e.mediatorId ?? UNASSIGNED_KEY)) &&
    (registeredFrom === undefined || e.registeredAt >= registeredFrom) &&
    (registeredTo === undefined || e.registeredAt < registeredTo) &&
    (overdueBefore === undefined || e.deadlineKey < overdueBefore) &&
    (needle === undefined || e.searchText.includes(needle)) &&
    canViewCase(viewer, e);
  return { matches };
}

function pageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('A page holds at least one row.');
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Index of the first entry whose key is greater than `key` (entries ascending). */
function upperBound(entries: readonly CatalogEntry[], sort: CaseQuery['sort'], key: SortKey): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSortKeys(sortKeyOf(entries[mid] as CatalogEntry, sort), key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry whose key is not less than `key`. */
function lowerBound(entries: readonly CatalogEntry[], sort: CaseQuery['sort'], key: SortKey): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSortKeys(sortKeyOf(entries[mid] as CatalogEntry, sort), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page of the case list. Pass `next` of a page as `after` to read the following page. */
export async function queryCases(
  db: WorkstationDb,
  query: CaseQuery,
  viewer: User,
  page: { limit: number; after?: Cursor },
  context: QueryContext = {},
): Promise<CasePage> {
  const limit = pageLimit(page.limit);
  const filters = buildFilters(query, viewer, context.today ?? todayIn(TIME_ZONE, new Date()));
  if (!filters) return { rows: [] };
  const entries = ordering(await readCatalog(db), query.sort);
  const found: CatalogEntry[] = [];
  if (query.dir === 'asc') {
    for (let i = page.after ? upperBound(entries, query.sort, page.after) : 0; i < entries.length && found.length <= limit; i++) {
      const entry = entries[i] as CatalogEntry;
      if (filters.matches(entry)) found.push(entry);
    }
  } else {
    for (let i = (page.after ? lowerBound(entries, query.sort, page.after) : entries.length) - 1; i >= 0 && found.length <= limit; i--) {
      const entry = entries[i] as CatalogEntry;
      if (filters.matches(entry)) found.push(entry);
    }
  }
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows: rows.map(toListRow), ...(found.length > limit && last ? { next: sortKeyOf(last, query.sort) } : {}) };
}

/** How many cases the query selects (always exact). */
export async function countCases(db: WorkstationDb, query: CaseQuery, viewer: User, context: QueryContext = {}): Promise<CaseCount> {
  const filters = buildFilters(query, viewer, context.today ?? todayIn(TIME_ZONE, new Date()));
  if (!filters) return { count: 0, exact: true };
  const { entries } = await readCatalog(db);
  let count = 0;
  for (const entry of entries) if (filters.matches(entry)) count++;
  return { count, exact: true };
}
