// A packed catalog for a record kind of the generic records table: for every record, the few fields
// a list shows, filters and searches on (its entry), kept by the data layer in the `counters` table
// column by column, in chunks by the first characters of the record's id, inside the transaction of
// every write of the kind (./dexie/record-catalog.ts). A window reads the chunks once, not every
// record, and afterwards only the chunks changed since. The case list's catalog works the same way
// with a table of its own (./dexie/case-catalog.ts).
//
// A kind asks for one by passing a CatalogSpec to defineRecordKind (./registry.ts).

/** How a kind's records become the entries of its catalog. */
export interface CatalogSpec<T, E extends { id: string }> {
  /**
   * The entries' layout version: change it when `fields` or `entryOf` change, and a stored catalog
   * of another version is rebuilt from the records at its first read.
   */
  readonly version: number;
  /** The entry's fields, in the order they are stored; `id` first. */
  readonly fields: readonly string[];
  entryOf(record: T): E;
}

/** One state of a kind's catalog as a window holds it. */
export interface LoadedRecordCatalog<E> {
  readonly generation: string;
  readonly revision: number;
  /**
   * The entries by chunk. A chunk that did not change between two states is the same array in
   * both, so a reader can tell which entries changed without comparing them.
   */
  readonly chunks: ReadonlyMap<string, readonly E[]>;
  /** Every entry, chunk after chunk. */
  readonly entries: readonly E[];
}

const CHUNK_PREFIX = 2;

/** The chunk a record's entry lives in. */
export function catalogChunkOf(id: string): string {
  return id.slice(0, CHUNK_PREFIX);
}

/** Entries stored column by column: arrays of strings and numbers clone far faster than objects. */
export function encodeColumns<E extends { id: string }>(fields: readonly string[], entries: readonly E[]): unknown[][] {
  return fields.map((field) => entries.map((e) => (e as unknown as Record<string, unknown>)[field]));
}

/** Thrown when stored columns do not decode: the caller rebuilds the catalog from the records. */
export class DamagedCatalog extends Error {
  constructor(reason: string) {
    super(`The packed catalog is damaged: ${reason}`);
    this.name = 'DamagedCatalog';
  }
}

/** The entries of `columns`, checked to have the fields' shape and to belong to `chunk`. */
export function decodeColumns<E extends { id: string }>(fields: readonly string[], columns: unknown, chunk: string): E[] {
  if (!Array.isArray(columns) || columns.length !== fields.length || !columns.every(Array.isArray)) throw new DamagedCatalog(`chunk ${chunk} has not ${fields.length} columns`);
  const cols = columns as unknown[][];
  const ids = cols[0] as unknown[];
  if (!cols.every((c) => c.length === ids.length)) throw new DamagedCatalog(`chunk ${chunk} has columns of different lengths`);
  const entries: E[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string' || catalogChunkOf(id) !== chunk) throw new DamagedCatalog(`chunk ${chunk} holds a foreign id`);
    const entry: Record<string, unknown> = {};
    for (let f = 0; f < fields.length; f++) entry[fields[f] as string] = (cols[f] as unknown[])[i];
    entries[i] = entry as E;
  }
  return entries;
}

/** Entries grouped by chunk. */
export function chunked<E extends { id: string }>(entries: Iterable<E>): Map<string, E[]> {
  const byChunk = new Map<string, E[]>();
  for (const e of entries) {
    const key = catalogChunkOf(e.id);
    let list = byChunk.get(key);
    if (!list) byChunk.set(key, (list = []));
    list.push(e);
  }
  return byChunk;
}
