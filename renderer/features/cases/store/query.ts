// The case list's queries at 100,000 cases (issue 2 item 9). Never an offset, never a whole
// table: every page is read by key from an index that already holds the rows in the wanted
// order (keyset paging), chosen by a small planner:
//
//  1. If a compound index covers every filter (equality prefix + a range on the sort key), the
//     page is one or a few key ranges read in order — the native fast path.
//  2. Otherwise each filter that has an index yields at most CANDIDATE_LIMIT primary keys; when
//     the smallest such set fits, those rows are read, filtered, sorted and paged in memory.
//  3. Otherwise (every filter matches many cases) the sort index is walked in order with the
//     remaining filters applied, which fills a page quickly precisely because matches are dense.
//
// The viewer's visibility (mediators and lawyers: own and unassigned cases) is an index
// constraint on mediatorKey and is also re-checked row by row with shared/domain/permissions.
import Dexie, { cmp, type Collection, type IndexableType } from 'dexie';
import type { CaseQuery } from '../../../../shared/domain/case-query';
import { canViewCase } from '../../../../shared/domain/permissions';
import { normalizeSearchText } from '../../../../shared/domain/search';
import { todayIn } from '../../../../shared/domain/deadlines';
import type { Case, CaseStatus, User } from '../../../../shared/domain/model';
import { UNASSIGNED_KEY } from '../../../../shared/backup/rows';
import type { CaseRow, WorkstationDb } from '../../../db/db';

export const TIME_ZONE = 'Asia/Shanghai';
/** Largest candidate set read whole (plan 2); beyond it the ordered walk (plan 3) is cheaper. */
export const CANDIDATE_LIMIT = 3000;
/** countCases stops counting row by row here and reports "at least". */
export const COUNT_CAP = 10_000;
export const MAX_PAGE_SIZE = 500;

type SortKind = CaseQuery['sort'];
type SortKey = readonly [string | number, string | number];
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
  /** False when counting stopped at COUNT_CAP: show "10,000+". */
  exact: boolean;
}

export interface QueryContext {
  /** The institution's date (Asia/Shanghai) that "overdue" is measured against. */
  today?: string;
}

type EqField = 'category' | 'status' | 'mediatorKey';

interface Filters {
  eq: Partial<Record<EqField, string[]>>;
  /** registeredAt in [from, to) as ISO instants. */
  registeredFrom?: string;
  registeredTo?: string;
  overdueBefore?: string;
  text?: string;
  /** Every filter plus visibility, row by row. */
  matches(row: CaseRow): boolean;
}

interface OrderedIndex {
  name: string;
  prefix: readonly EqField[];
  sort: SortKind;
}

const ORDERED_INDEXES: readonly OrderedIndex[] = [
  { name: '[registeredAt+id]', prefix: [], sort: 'registeredAt' },
  { name: '[category+registeredAt+id]', prefix: ['category'], sort: 'registeredAt' },
  { name: '[status+registeredAt+id]', prefix: ['status'], sort: 'registeredAt' },
  { name: '[mediatorKey+registeredAt+id]', prefix: ['mediatorKey'], sort: 'registeredAt' },
  { name: '[category+status+registeredAt+id]', prefix: ['category', 'status'], sort: 'registeredAt' },
  { name: '[mediatorKey+status+registeredAt+id]', prefix: ['mediatorKey', 'status'], sort: 'registeredAt' },
  { name: '[year+seq]', prefix: [], sort: 'number' },
  { name: '[deadlineKey+id]', prefix: [], sort: 'activeDeadline' },
];

export function sortKeyOf(row: Pick<CaseRow, 'registeredAt' | 'id' | 'year' | 'seq' | 'deadlineKey'>, sort: SortKind): SortKey {
  switch (sort) {
    case 'number':
      return [row.year, row.seq];
    case 'activeDeadline':
      return [row.deadlineKey, row.id];
    default:
      return [row.registeredAt, row.id];
  }
}

export function toListRow(row: CaseRow): CaseListRow {
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

function buildFilters(query: CaseQuery, viewer: User, today: string): Filters {
  const eq: Filters['eq'] = {};
  if (query.category) eq.category = [query.category];
  const statuses = asList<string>(query.status as string | string[] | undefined);
  if (statuses && statuses.length) eq.status = [...new Set(statuses)];
  let mediators: string[] | undefined;
  if (query.mediatorId) mediators = [query.mediatorId === 'unassigned' ? UNASSIGNED_KEY : query.mediatorId];
  const visible = visibleMediatorKeys(viewer);
  if (visible) mediators = mediators ? mediators.filter((m) => visible.includes(m)) : visible;
  if (mediators) eq.mediatorKey = mediators;

  const registeredFrom = query.from ? startOfDay(query.from) : undefined;
  const registeredTo = query.to ? startOfDay(nextDay(query.to)) : undefined;
  const overdueBefore = query.overdue ? today : undefined;
  const text = query.text ? normalizeSearchText(query.text) || undefined : undefined;

  const sets = {
    category: eq.category ? new Set(eq.category) : null,
    status: eq.status ? new Set(eq.status) : null,
    mediatorKey: eq.mediatorKey ? new Set(eq.mediatorKey) : null,
  };
  const matches = (row: CaseRow): boolean =>
    (!sets.category || sets.category.has(row.category)) &&
    (!sets.status || sets.status.has(row.status)) &&
    (!sets.mediatorKey || sets.mediatorKey.has(row.mediatorKey)) &&
    (registeredFrom === undefined || row.registeredAt >= registeredFrom) &&
    (registeredTo === undefined || row.registeredAt < registeredTo) &&
    (overdueBefore === undefined || row.deadlineKey < overdueBefore) &&
    (text === undefined || row.searchTerms.some((term) => term.startsWith(text))) &&
    canViewCase(viewer, row);
  return { eq, registeredFrom, registeredTo, overdueBefore, text, matches };
}

function isEmptyFilter(filters: Filters): boolean {
  return Object.values(filters.eq).some((values) => values !== undefined && values.length === 0);
}

/** Every combination of the prefix fields' values: one key range each. */
function prefixCombos(index: OrderedIndex, filters: Filters): string[][] {
  let combos: string[][] = [[]];
  for (const field of index.prefix) {
    const values = filters.eq[field] ?? [];
    combos = combos.flatMap((combo) => values.map((v) => [...combo, v]));
  }
  return combos;
}

/** The sort-key range an index can apply natively for these filters. */
function sortRange(index: OrderedIndex, filters: Filters): { lo?: string; hi?: string } {
  if (index.sort === 'registeredAt') return { lo: filters.registeredFrom, hi: filters.registeredTo };
  if (index.sort === 'activeDeadline') return { hi: filters.overdueBefore };
  return {};
}

/** Filters the index leaves to row-by-row checking. */
function residualCount(index: OrderedIndex, filters: Filters): number {
  let n = 0;
  for (const field of ['category', 'status', 'mediatorKey'] as const) {
    if (filters.eq[field] && !index.prefix.includes(field)) n++;
  }
  if ((filters.registeredFrom || filters.registeredTo) && index.sort !== 'registeredAt') n++;
  if (filters.overdueBefore && index.sort !== 'activeDeadline') n++;
  if (filters.text) n++;
  return n;
}

function chooseIndex(sort: SortKind, filters: Filters): OrderedIndex {
  const usable = ORDERED_INDEXES.filter((ix) => ix.sort === sort && ix.prefix.every((f) => filters.eq[f] !== undefined));
  let best = usable[0] as OrderedIndex;
  for (const ix of usable) {
    const better =
      residualCount(ix, filters) < residualCount(best, filters) ||
      (residualCount(ix, filters) === residualCount(best, filters) && ix.prefix.length > best.prefix.length);
    if (better) best = ix;
  }
  return best;
}

const MIN = Dexie.minKey;
/**
 * A fresh "greater than any key" value each time: IndexedDB refuses a key array that holds the
 * same array object twice (the spec's cycle check), and Dexie.maxKey is one shared [[]].
 */
const MAX = (): IndexableType => [[]];

function rangeCollection(
  db: WorkstationDb,
  index: OrderedIndex,
  combo: string[],
  filters: Filters,
  dir: 'asc' | 'desc',
  after: Cursor | undefined,
): Collection<CaseRow, string> | null {
  const { lo, hi } = sortRange(index, filters);
  let lower: IndexableType[] = [...combo, lo ?? MIN, MIN];
  let upper: IndexableType[] = hi !== undefined ? [...combo, hi, MIN] : [...combo, MAX(), MAX()];
  let includeLower = true;
  if (after) {
    const bound = [...combo, ...after];
    if (dir === 'asc' && cmp(bound, lower) >= 0) {
      lower = bound;
      includeLower = false;
    }
    if (dir === 'desc' && cmp(bound, upper) < 0) upper = bound;
  }
  if (cmp(lower, upper) > 0) return null;
  const collection = db.cases.where(index.name).between(lower, upper, includeLower, false);
  return dir === 'desc' ? collection.reverse() : collection;
}

function compareRows(sort: SortKind, dir: 'asc' | 'desc') {
  return (a: CaseRow, b: CaseRow): number => {
    const c = cmp(sortKeyOf(a, sort), sortKeyOf(b, sort));
    return dir === 'asc' ? c : -c;
  };
}

function pageOf(rows: CaseRow[], limit: number, sort: SortKind): CasePage {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(toListRow),
    ...(rows.length > limit && last ? { next: sortKeyOf(last, sort) } : {}),
  };
}

async function orderedPage(
  db: WorkstationDb,
  index: OrderedIndex,
  filters: Filters,
  query: CaseQuery,
  limit: number,
  after: Cursor | undefined,
): Promise<CasePage> {
  const dir = query.dir;
  // With nothing left to check row by row, Dexie can read the range natively (getAll).
  const checkRows = residualCount(index, filters) > 0;
  const parts = await Promise.all(
    prefixCombos(index, filters).map((combo) => {
      const collection = rangeCollection(db, index, combo, filters, dir, after);
      if (!collection) return Promise.resolve([]);
      return (checkRows ? collection.filter(filters.matches) : collection).limit(limit + 1).toArray();
    }),
  );
  const merged = parts.length === 1 ? (parts[0] as CaseRow[]) : parts.flat().sort(compareRows(query.sort, dir));
  return pageOf(merged, limit, query.sort);
}

/** Primary keys of the cases one indexed filter selects, or null when there are more than `cap`. */
async function candidateKeys(db: WorkstationDb, filters: Filters, cap: number): Promise<string[] | null> {
  const sources: Array<() => Promise<string[] | null>> = [];
  if (filters.text) {
    const text = filters.text;
    sources.push(async () => {
      // One case has several terms that may match: read a few more entries than the cap.
      const keys = await db.cases.where('searchTerms').startsWith(text).limit(cap * 4 + 1).primaryKeys();
      const distinct = [...new Set(keys)];
      return keys.length > cap * 4 || distinct.length > cap ? null : distinct;
    });
  }
  if (filters.overdueBefore) {
    const before = filters.overdueBefore;
    sources.push(async () => {
      const keys = await db.cases.where('[deadlineKey+id]').between([MIN, MIN], [before, MIN]).limit(cap + 1).primaryKeys();
      return keys.length > cap ? null : keys;
    });
  }
  const hasEqOrRange = Object.keys(filters.eq).length > 0 || filters.registeredFrom || filters.registeredTo;
  if (hasEqOrRange) {
    const index = chooseIndex('registeredAt', filters);
    sources.push(async () => {
      const keys: string[] = [];
      for (const combo of prefixCombos(index, filters)) {
        const collection = rangeCollection(db, index, combo, filters, 'asc', undefined);
        if (!collection) continue;
        keys.push(...(await collection.limit(cap + 1 - keys.length).primaryKeys()));
        if (keys.length > cap) return null;
      }
      return keys;
    });
  }
  const sets = await Promise.all(sources.map((source) => source()));
  let best: string[] | null = null;
  for (const set of sets) if (set && (!best || set.length < best.length)) best = set;
  return best;
}

async function rowsOf(db: WorkstationDb, keys: string[], filters: Filters): Promise<CaseRow[]> {
  const rows = await db.cases.bulkGet(keys);
  return rows.filter((row): row is CaseRow => row !== undefined && filters.matches(row));
}

function afterCursor(rows: CaseRow[], sort: SortKind, dir: 'asc' | 'desc', after: Cursor | undefined): CaseRow[] {
  if (!after) return rows;
  return rows.filter((row) => {
    const c = cmp(sortKeyOf(row, sort), after);
    return dir === 'asc' ? c > 0 : c < 0;
  });
}

function pageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('A page holds at least one row.');
  return Math.min(limit, MAX_PAGE_SIZE);
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
  if (isEmptyFilter(filters)) return { rows: [] };
  return db.transaction('r', db.cases, async () => {
    const index = chooseIndex(query.sort, filters);
    if (residualCount(index, filters) === 0) return orderedPage(db, index, filters, query, limit, page.after);
    const keys = await candidateKeys(db, filters, CANDIDATE_LIMIT);
    if (keys) {
      const rows = await rowsOf(db, keys, filters);
      rows.sort(compareRows(query.sort, query.dir));
      return pageOf(afterCursor(rows, query.sort, query.dir, page.after), limit, query.sort);
    }
    return orderedPage(db, index, filters, query, limit, page.after);
  });
}

/**
 * How many cases the query selects. Exact whenever an index range or a candidate set answers it;
 * when only a row-by-row walk can, it stops at COUNT_CAP and reports `exact: false`.
 */
export async function countCases(db: WorkstationDb, query: CaseQuery, viewer: User, context: QueryContext = {}): Promise<CaseCount> {
  const filters = buildFilters(query, viewer, context.today ?? todayIn(TIME_ZONE, new Date()));
  if (isEmptyFilter(filters)) return { count: 0, exact: true };
  return db.transaction('r', db.cases, async () => {
    const index = chooseIndex('registeredAt', filters);
    if (residualCount(index, filters) === 0) {
      let count = 0;
      for (const combo of prefixCombos(index, filters)) {
        const collection = rangeCollection(db, index, combo, filters, 'asc', undefined);
        if (collection) count += await collection.count();
      }
      return { count, exact: true };
    }
    const keys = await candidateKeys(db, filters, CANDIDATE_LIMIT);
    if (keys) return { count: (await rowsOf(db, keys, filters)).length, exact: true };
    let count = 0;
    for (const combo of prefixCombos(index, filters)) {
      const collection = rangeCollection(db, index, combo, filters, 'asc', undefined);
      if (!collection) continue;
      count += await collection
        .filter(filters.matches)
        .limit(COUNT_CAP - count)
        .count();
      if (count >= COUNT_CAP) return { count: COUNT_CAP, exact: false };
    }
    return { count, exact: true };
  });
}
