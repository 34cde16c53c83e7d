// The case list's queries at 100,000 cases (issue 2 item 9), answered from the in-memory catalog
// (the data layer's, renderer/data). Filters walk the entries in sort order from the cursor until a
// page is full. A search first finds the entries whose terms start with the text (one scan of the
// catalog's search string), applies the other filters and sorts the few matches; that selection
// is kept with the catalog state for the count and further pages. Counts are always exact.
//
// The district filter selects the cases recorded with exactly that district; the risk filter the
// open cases marked at risk of escalation (a closed case's mark is history, not a warning); the
// repeat filter the cases of one repeat dispute (a token of the repeat disputes' index).
//
// The viewer's visibility (mediators and lawyers: own and unassigned cases) is applied to every
// entry with shared/domain/permissions.
import type { CaseQuery, CaseSort } from '../../../shared/domain/case-query';
import { canViewCase } from '../../../shared/domain/permissions';
import { normalizeSearchText } from '../../../shared/domain/search';
import { todayIn } from '../../../shared/domain/deadlines';
import { isOpen } from '../../../shared/domain/lifecycle';
import type { Case, CaseStatus, User } from '../../../shared/domain/model';
import { UNASSIGNED_KEY } from '../../../shared/backup/rows';
import { casesOfToken } from '../../../shared/statistics/dashboard/repeats';
import { compareSortKeys, ordering, sortKeyOf, TERM_SEPARATOR, type CatalogEntry, type DataStore, type LoadedCatalog, type SortKey } from '../../data';

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
}

export interface QueryContext {
  /** The institution's date (Asia/Shanghai) that "overdue" is measured against. */
  today?: string;
}

interface Filters {
  /** The normalised search text, when the query searches. */
  text?: string;
  /** Every filter except the text, plus visibility, entry by entry. */
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

/** The cases of the repeat dispute the query names (none for a token the index does not hold), or undefined without one. */
async function repeatCases(data: DataStore, query: CaseQuery): Promise<ReadonlySet<string> | undefined> {
  return query.repeat ? new Set(casesOfToken((await data.cases.repeats()).shards, query.repeat)) : undefined;
}

function buildFilters(query: CaseQuery, viewer: User, today: string, repeat?: ReadonlySet<string>): Filters | null {
  const category = query.category;
  const source = query.source;
  const district = query.district;
  const risk = query.risk === true;
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
  const text = query.text ? normalizeSearchText(query.text).replaceAll(TERM_SEPARATOR, '') || undefined : undefined;

  const matches = (e: CatalogEntry): boolean =>
    (category === undefined || e.category === category) &&
    (source === undefined || e.source === source) &&
    (district === undefined || e.district === district) &&
    (repeat === undefined || repeat.has(e.id)) &&
    (!risk || (e.atRisk && isOpen(e.status))) &&
    (!status || status.has(e.status)) &&
    (!mediator || mediator.has(e.mediatorId ?? UNASSIGNED_KEY)) &&
    (registeredFrom === undefined || e.registeredAt >= registeredFrom) &&
    (registeredTo === undefined || e.registeredAt < registeredTo) &&
    (overdueBefore === undefined || e.deadlineKey < overdueBefore) &&
    canViewCase(viewer, e);
  return { ...(text ? { text } : {}), matches };
}

function pageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('A page holds at least one row.');
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Index of the first entry whose key is greater than `key` (entries ascending). */
function upperBound(entries: readonly CatalogEntry[], sort: CaseSort, key: SortKey): number {
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
function lowerBound(entries: readonly CatalogEntry[], sort: CaseSort, key: SortKey): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSortKeys(sortKeyOf(entries[mid] as CatalogEntry, sort), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Beyond this many text matches, walking the sort order is cheaper than sorting the matches. */
const SORT_MATCHES_BELOW = 20_000;
/** Search results kept per catalog state: the list asks for a page, the count and further pages. */
const RESULTS_KEPT = 8;

/** Every entry a search selects, in ascending sort order; shared by its pages and its count. */
function searched(catalog: LoadedCatalog, query: CaseQuery, filters: Filters & { text: string }, viewer: User, today: string): readonly CatalogEntry[] {
  const key = JSON.stringify([viewer.id, viewer.role, today, query.sort, query.category, query.status, query.mediatorId, query.source, query.district, query.repeat, query.risk, query.from, query.to, query.overdue, filters.text]);
  const kept = catalog.results.get(key);
  if (kept) return kept;
  const found = catalog.searchTerms(filters.text);
  const result =
    found.size < SORT_MATCHES_BELOW
      ? [...found]
          .filter(filters.matches)
          .map((entry) => ({ entry, key: sortKeyOf(entry, query.sort) }))
          .sort((a, b) => compareSortKeys(a.key, b.key))
          .map((k) => k.entry)
      : ordering(catalog, query.sort).filter((e) => found.has(e) && filters.matches(e));
  if (catalog.results.size >= RESULTS_KEPT) catalog.results.delete(catalog.results.keys().next().value as string);
  catalog.results.set(key, result);
  return result;
}

function hasText(filters: Filters): filters is Filters & { text: string } {
  return filters.text !== undefined;
}

/**
 * One page of the case list. Pass `next` of a page as `after` to read the following page.
 * Without a search, the sort order is walked from the cursor until the page is full: the common
 * filters fill a page after a few hundred entries.
 */
export async function queryCases(
  data: DataStore,
  query: CaseQuery,
  viewer: User,
  page: { limit: number; after?: Cursor },
  context: QueryContext = {},
): Promise<CasePage> {
  const limit = pageLimit(page.limit);
  const today = context.today ?? todayIn(TIME_ZONE, new Date());
  const filters = buildFilters(query, viewer, today, await repeatCases(data, query));
  if (!filters) return { rows: [] };
  const catalog = await data.cases.catalog();
  const entries = hasText(filters) ? searched(catalog, query, filters, viewer, today) : ordering(catalog, query.sort);
  const test = hasText(filters) ? () => true : filters.matches;
  const found: CatalogEntry[] = [];
  if (query.dir === 'asc') {
    for (let i = page.after ? upperBound(entries, query.sort, page.after) : 0; i < entries.length && found.length <= limit; i++) {
      if (test(entries[i] as CatalogEntry)) found.push(entries[i] as CatalogEntry);
    }
  } else {
    for (let i = (page.after ? lowerBound(entries, query.sort, page.after) : entries.length) - 1; i >= 0 && found.length <= limit; i--) {
      if (test(entries[i] as CatalogEntry)) found.push(entries[i] as CatalogEntry);
    }
  }
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows: rows.map(toListRow), ...(found.length > limit && last ? { next: sortKeyOf(last, query.sort) } : {}) };
}

/**
 * The districts recorded on the cases the viewer may see, in the collation of `locale`: the
 * choices of the list's district filter.
 */
export async function caseDistricts(data: DataStore, viewer: User, locale = 'zh-CN'): Promise<string[]> {
  const catalog = await data.cases.catalog();
  const found = new Set<string>();
  for (const entry of catalog.entries) if (entry.district !== undefined && !found.has(entry.district) && canViewCase(viewer, entry)) found.add(entry.district);
  const collator = new Intl.Collator(locale);
  return [...found].sort(collator.compare);
}

/** How many cases the query selects. */
export async function countCases(data: DataStore, query: CaseQuery, viewer: User, context: QueryContext = {}): Promise<CaseCount> {
  const today = context.today ?? todayIn(TIME_ZONE, new Date());
  const filters = buildFilters(query, viewer, today, await repeatCases(data, query));
  if (!filters) return { count: 0 };
  const catalog = await data.cases.catalog();
  if (hasText(filters)) return { count: searched(catalog, query, filters, viewer, today).length };
  let count = 0;
  for (const entry of catalog.entries) if (filters.matches(entry)) count++;
  return { count };
}
