// The case list's catalog: for every case, the few fields the list shows, filters, sorts and
// searches on, kept in IndexedDB as 256 chunk records (by the first two characters of the case id)
// and held in memory once read. Filtering, searching and sorting 100,000 entries in memory takes
// milliseconds, while the per-case indexes it replaces cost most of a restore (./packing.ts).
//
// Every write bumps a revision in the `counters` table and stamps the chunk it rewrote, so a
// reader (this window or another) refreshes only the chunks changed since it last looked; a
// restore writes a new generation, which makes every reader start afresh.
//
// The head names the catalog's format (CATALOG_FORMAT). A catalog of another format (one written
// before a field was added) is left alone by writes and rebuilt from the packed cases at the next
// read, under a new generation, as the dashboard's aggregate is (../aggregates/dashboard.ts).
import type { CaseSort } from '../../../shared/domain/case-query';
import type { Dexie, Table } from 'dexie';
import type { CaseRow } from '../../../shared/backup/rows';
import { searchTextOf, TermIndex } from '../term-index';
import type { CaseBucketRow } from './packing';

export const CATALOG_FIELDS = [
  'id',
  'number',
  'year',
  'seq',
  'category',
  'status',
  'mediatorId',
  'registeredAt',
  'activeDeadline',
  'deadlineKey',
  'partySummary',
  'amountFen',
  'source',
  'district',
  'version',
  'searchText',
  'atRisk',
] as const;

/**
 * The layout of a chunk's columns. 1 — up to `searchText`; 2 — with the district and the risk
 * mark (the case list's filters of the dashboard's hotspots).
 */
export const CATALOG_FORMAT = 2;

/** Fields computed from the case row rather than copied. */
type DerivedField = 'searchText' | 'atRisk';

// TERM_SEPARATOR separates the search terms in `searchText`; never part of a term (terms are normalised text).
export { searchTextOf, TERM_SEPARATOR } from '../term-index';

export type CatalogEntry = Pick<CaseRow, Exclude<(typeof CATALOG_FIELDS)[number], DerivedField>> & {
  /**
   * The case's search terms, each preceded by TERM_SEPARATOR: "some term starts with q" is then
   * one native substring search for TERM_SEPARATOR + q, several times faster than testing each term.
   */
  searchText: string;
  /** The case carries a mark that the dispute risks escalating (whatever its status). */
  atRisk: boolean;
};

/** One chunk, stored column by column: arrays of strings and numbers read back far faster than objects. */
export interface CatalogChunkRow {
  chunk: string;
  revision: number;
  columns: unknown[][];
}

export const CATALOG_HEAD_KEY = 'catalog';

export interface CatalogHead {
  generation: string;
  revision: number;
  /** CATALOG_FORMAT when written; absent in catalogs of format 1. */
  format?: number;
}

/** The tables the catalog reads and writes (./tables.ts declares them for the database). */
type CatalogTables = Dexie & {
  caseCatalog: Table<CatalogChunkRow, string>;
  counters: Table<CounterRow, string>;
  caseBuckets: Table<CaseBucketRow, string>;
};

/** A row of the `counters` table: derived bookkeeping, rebuilt by restore, never backed up. */
export interface CounterRow {
  key: string;
  value: unknown;
}

const CHUNK_PREFIX = 2;

export function chunkOf(caseId: string): string {
  return caseId.slice(0, CHUNK_PREFIX);
}

export function catalogEntryOf(row: CaseRow): CatalogEntry {
  const entry: Record<string, unknown> = {};
  for (const field of CATALOG_FIELDS) {
    entry[field] = field === 'searchText' ? searchTextOf(row.searchTerms) : field === 'atRisk' ? row.escalationRisk !== undefined : row[field];
  }
  return entry as CatalogEntry;
}

export function encodeChunk(chunk: string, revision: number, entries: readonly CatalogEntry[]): CatalogChunkRow {
  return { chunk, revision, columns: CATALOG_FIELDS.map((field) => entries.map((e) => e[field])) };
}

export function decodeChunk(row: CatalogChunkRow): CatalogEntry[] {
  const ids = row.columns[0] ?? [];
  const entries: CatalogEntry[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const entry: Record<string, unknown> = {};
    for (let f = 0; f < CATALOG_FIELDS.length; f++) entry[CATALOG_FIELDS[f] as string] = (row.columns[f] as unknown[])[i];
    entries[i] = entry as CatalogEntry;
  }
  return entries;
}

/** The whole catalog of a set of cases, as a restore or a migration writes it. */
export function buildCatalog(cases: readonly CaseRow[], generation: string): { head: CatalogHead; chunks: CatalogChunkRow[] } {
  const byChunk = new Map<string, CatalogEntry[]>();
  for (const c of cases) {
    const key = chunkOf(c.id);
    let list = byChunk.get(key);
    if (!list) byChunk.set(key, (list = []));
    list.push(catalogEntryOf(c));
  }
  const revision = 1;
  return { head: { generation, revision, format: CATALOG_FORMAT }, chunks: [...byChunk].map(([chunk, entries]) => encodeChunk(chunk, revision, entries)) };
}

async function readHead(db: CatalogTables): Promise<CatalogHead | undefined> {
  return (await db.counters.get(CATALOG_HEAD_KEY))?.value as CatalogHead | undefined;
}

/**
 * Puts one case's entry into its chunk. Runs inside the write transaction that changes the case,
 * which must include `caseCatalog` and `counters`.
 */
export async function putCatalogEntry(db: CatalogTables, row: CaseRow): Promise<void> {
  const head = (await readHead(db)) ?? { generation: crypto.randomUUID(), revision: 0, format: CATALOG_FORMAT };
  // A catalog of another format is rebuilt from the cases at the next read, this one included.
  if (head.format !== CATALOG_FORMAT) return;
  const revision = head.revision + 1;
  const key = chunkOf(row.id);
  const stored = await db.caseCatalog.get(key);
  const entries = stored ? decodeChunk(stored) : [];
  const entry = catalogEntryOf(row);
  const at = entries.findIndex((e) => e.id === row.id);
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
  await db.caseCatalog.put(encodeChunk(key, revision, entries));
  await db.counters.put({ key: CATALOG_HEAD_KEY, value: { generation: head.generation, revision, format: CATALOG_FORMAT } });
}

/** The catalog as one window holds it in memory. */
export class LoadedCatalog {
  readonly entries: readonly CatalogEntry[];
  /** Orderings computed by the list's queries, kept until the catalog changes. */
  readonly orderings = new Map<string, readonly CatalogEntry[]>();

  /** Query results computed from this state (./features' case queries), newest last. */
  readonly results = new Map<string, readonly CatalogEntry[]>();
  private readonly terms: TermIndex<CatalogEntry>;

  constructor(
    readonly generation: string,
    readonly revision: number,
    readonly chunks: ReadonlyMap<string, readonly CatalogEntry[]>,
  ) {
    this.entries = [...chunks.values()].flat();
    this.terms = new TermIndex(this.entries, (e) => e.searchText);
  }

  /** The entries with a search term starting with `typed` (normalised, without TERM_SEPARATOR). */
  searchTerms(typed: string): Set<CatalogEntry> {
    return this.terms.search(typed);
  }
}

export type SortKey = readonly [string | number, string | number];

export function sortKeyOf(entry: Pick<CatalogEntry, 'registeredAt' | 'id' | 'year' | 'seq' | 'deadlineKey'>, sort: CaseSort): SortKey {
  switch (sort) {
    case 'number':
      return [entry.year, entry.seq];
    case 'activeDeadline':
      return [entry.deadlineKey, entry.id];
    default:
      return [entry.registeredAt, entry.id];
  }
}

export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < 2; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The catalog's entries in ascending order of `sort`, computed once per catalog state. */
export function ordering(catalog: LoadedCatalog, sort: CaseSort): readonly CatalogEntry[] {
  let ordered = catalog.orderings.get(sort);
  if (!ordered) {
    ordered = sortedBy(catalog.entries, sort);
    catalog.orderings.set(sort, ordered);
  }
  return ordered;
}

const EMPTY = new LoadedCatalog('', 0, new Map());

interface CacheSlot {
  loaded: LoadedCatalog;
  /** The latest refresh; the next one starts after it, so each sees every write committed before it was asked for. */
  tail: Promise<unknown>;
}
const cache = new WeakMap<CatalogTables, CacheSlot>();

/** Writes the catalog afresh from the packed cases, unless another window did meanwhile. */
async function rebuild(db: CatalogTables): Promise<void> {
  await db.transaction('rw', [db.caseBuckets, db.caseCatalog, db.counters], async () => {
    const head = await readHead(db);
    if (!head || head.format === CATALOG_FORMAT) return;
    const buckets = await db.caseBuckets.toArray();
    const catalog = buildCatalog(buckets.flatMap((bucket) => bucket.cases), crypto.randomUUID());
    await db.caseCatalog.clear();
    await db.caseCatalog.bulkPut(catalog.chunks);
    await db.counters.put({ key: CATALOG_HEAD_KEY, value: catalog.head });
  });
}

/** The catalog as stored now, or 'stale' when it is of another format. */
async function refresh(db: CatalogTables, known: LoadedCatalog): Promise<LoadedCatalog | 'stale'> {
  return db.transaction('r', [db.counters, db.caseCatalog], async () => {
    const head = await readHead(db);
    if (!head) return EMPTY;
    if (head.format !== CATALOG_FORMAT) return 'stale';
    if (head.generation === known.generation && head.revision === known.revision) return known;
    if (head.generation !== known.generation) {
      const rows = await db.caseCatalog.toArray();
      return new LoadedCatalog(head.generation, head.revision, new Map(rows.map((row) => [row.chunk, decodeChunk(row)])));
    }
    const changed = await db.caseCatalog.where('revision').above(known.revision).toArray();
    const chunks = new Map(known.chunks);
    for (const row of changed) chunks.set(row.chunk, decodeChunk(row));
    const next = new LoadedCatalog(head.generation, head.revision, chunks);
    // A write changes one chunk: patch the orderings already computed rather than sort 100,000 again.
    const changedKeys = new Set(changed.map((row) => row.chunk));
    const fresh = changed.flatMap((row) => chunks.get(row.chunk) ?? []);
    for (const [sort, entries] of known.orderings) {
      next.orderings.set(sort, mergeOrdered(entries.filter((e) => !changedKeys.has(chunkOf(e.id))), fresh, sort as CaseSort));
    }
    return next;
  });
}

function sortedBy(entries: readonly CatalogEntry[], sort: CaseSort): CatalogEntry[] {
  const keyed = entries.map((entry) => ({ entry, key: sortKeyOf(entry, sort) }));
  keyed.sort((a, b) => compareSortKeys(a.key, b.key));
  return keyed.map((k) => k.entry);
}

/** `kept` (already in order) merged with `added` (any order). */
function mergeOrdered(kept: readonly CatalogEntry[], added: readonly CatalogEntry[], sort: CaseSort): CatalogEntry[] {
  const extra = sortedBy(added, sort);
  const out: CatalogEntry[] = [];
  let j = 0;
  for (const entry of kept) {
    const key = sortKeyOf(entry, sort);
    while (j < extra.length && compareSortKeys(sortKeyOf(extra[j] as CatalogEntry, sort), key) < 0) out.push(extra[j++] as CatalogEntry);
    out.push(entry);
  }
  while (j < extra.length) out.push(extra[j++] as CatalogEntry);
  return out;
}

/**
 * The catalog as the database holds it now: one small read when nothing changed, the changed
 * chunks when something did, everything on first use.
 */
export function readCatalog(db: CatalogTables): Promise<LoadedCatalog> {
  let slot = cache.get(db);
  if (!slot) cache.set(db, (slot = { loaded: EMPTY, tail: Promise.resolve() }));
  const current = slot;
  const next = current.tail
    .catch(() => undefined)
    .then(async () => {
      const read = await refresh(db, current.loaded);
      if (read !== 'stale') return read;
      await rebuild(db);
      const again = await refresh(db, current.loaded);
      if (again === 'stale') throw new Error('The case catalog could not be rebuilt in the current format.');
      return again;
    })
    .then((loaded) => {
      current.loaded = loaded;
      return loaded;
    });
  current.tail = next;
  return next;
}

/** Reads the catalog and its default order in the background (at start-up, so the list opens at once). */
export function warmCatalog(db: CatalogTables): void {
  readCatalog(db)
    .then((catalog) => ordering(catalog, 'registeredAt'))
    .catch(() => {
    // The list reads it again when opened and reports a failure there.
  });
}
