// The packed catalogs of record kinds in the generic table (../record-catalog.ts), in the `counters`
// table: a head per kind (`records:<kind>:head`: the entries' version, a generation, a revision,
// the number of entries and each chunk's revision) and one row per chunk of entries, column by
// column. Derived bookkeeping: never backed up; a restore writes them afresh (../dexie/bulk.ts).
//
// Writes. Every put or delete of a catalogued kind goes through the generic repository
// (./repositories.ts), which stages the entry here; the chunks it touched and the head are written
// once, at the end of the same transaction (change-tracking's beforeCommit), so a batch of a
// thousand records rewrites each chunk once. Without a current head (none yet, or of another
// version) a write leaves the catalog alone: the first read builds it from the records. A write of
// a kind whose catalog this window does not know removes the head, so the catalog is rebuilt
// rather than left behind.
//
// Reads. A window reads every chunk once; afterwards one small read of the head, and the chunks
// whose revision moved. At its first read the window also checks the head's count against the
// records of the kind and the chunks it decoded: a catalog that disagrees, or that does not decode,
// is rebuilt from the records, never used.
import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import type { CatalogSpec, LoadedRecordCatalog } from '../record-catalog';
import { catalogChunkOf, chunked, DamagedCatalog, decodeColumns, encodeColumns } from '../record-catalog';
import type { RecordKind } from '../registry';
import { cataloguedKind, cataloguedKinds } from '../registry';
import { beforeCommit } from './change-tracking';
import type { CounterRow } from './case-catalog';
import { parsed } from './repositories';
import type { GenericRecordRow } from './tables';

type Tables = Dexie & { counters: Table<CounterRow, string>; records: Table<GenericRecordRow, string> };
type Entry = { id: string };
type AnyKind = RecordKind<{ id: string }>;

const headKey = (kind: string) => `records:${kind}:head`;
const chunkPrefix = (kind: string) => `records:${kind}:chunk:`;
const chunkKey = (kind: string, chunk: string) => chunkPrefix(kind) + chunk;

const headSchema = z.strictObject({
  version: z.number().int(),
  generation: z.string().min(1),
  revision: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  chunks: z.record(z.string(), z.number().int().nonnegative()),
});
type Head = z.infer<typeof headSchema>;

function currentHead(value: unknown, spec: CatalogSpec<never, Entry>): Head | undefined {
  const head = headSchema.safeParse(value);
  return head.success && head.data.version === spec.version ? head.data : undefined;
}

function specOf(kind: AnyKind): CatalogSpec<{ id: string }, Entry> {
  if (!kind.catalog) throw new Error(`${kind.name} has no packed catalog.`);
  return kind.catalog;
}

/** The counters rows of the catalog of `records` (already parsed), as a rebuild or a restore writes them. */
export function catalogRows(kind: AnyKind, records: readonly { id: string }[], generation: string): CounterRow[] {
  const spec = specOf(kind);
  const byChunk = chunked(records.map((r) => spec.entryOf(r)));
  const head: Head = { version: spec.version, generation, revision: 1, count: records.length, chunks: Object.fromEntries([...byChunk.keys()].map((c) => [c, 1])) };
  return [{ key: headKey(kind.name), value: head }, ...[...byChunk].map(([chunk, entries]) => ({ key: chunkKey(kind.name, chunk), value: encodeColumns(spec.fields, entries) }))];
}

// ---- writes ----

interface Staged {
  head: Head | undefined;
  damaged: boolean;
  chunks: Map<string, Entry[]>;
}

const staging = new WeakMap<IDBTransaction, Map<string, Staged>>();

async function stagedOf(db: Tables, kind: AnyKind): Promise<Staged> {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new Error('A catalogued write happens inside data.transact().');
  let byKind = staging.get(tx.idbtrans);
  if (!byKind) staging.set(tx.idbtrans, (byKind = new Map()));
  let staged = byKind.get(kind.name);
  if (!staged) {
    staged = { head: currentHead((await db.counters.get(headKey(kind.name)))?.value, specOf(kind)), damaged: false, chunks: new Map() };
    byKind.set(kind.name, staged);
    const mine = staged;
    beforeCommit(headKey(kind.name), () => writeStaged(db, kind, mine));
  }
  return staged;
}

async function writeStaged(db: Tables, kind: AnyKind, staged: Staged): Promise<void> {
  const { head } = staged;
  if (!head) return;
  if (staged.damaged) {
    await db.counters.delete(headKey(kind.name));
    return;
  }
  const revision = head.revision + 1;
  const chunks = { ...head.chunks };
  for (const [chunk, entries] of staged.chunks) {
    chunks[chunk] = revision;
    await db.counters.put({ key: chunkKey(kind.name, chunk), value: encodeColumns(specOf(kind).fields, entries) });
  }
  await db.counters.put({ key: headKey(kind.name), value: { ...head, revision, chunks } satisfies Head });
}

/**
 * Stages the entry of `record` (undefined: the record `id` was deleted) in its chunk. Runs inside
 * the transaction that writes the record.
 */
export async function stageCatalogEntry(db: Tables, kindName: string, id: string, record: { id: string } | undefined): Promise<void> {
  const kind = cataloguedKind(kindName);
  if (!kind) {
    // A catalog this window cannot keep is not left stale: without its head it is rebuilt.
    await db.counters.delete(headKey(kindName));
    return;
  }
  const staged = await stagedOf(db, kind);
  if (!staged.head || staged.damaged) return;
  const key = catalogChunkOf(id);
  let entries = staged.chunks.get(key);
  if (!entries) {
    const stored = staged.head.chunks[key] === undefined ? undefined : (await db.counters.get(chunkKey(kind.name, key)))?.value;
    try {
      entries = stored === undefined ? [] : decodeColumns<Entry>(specOf(kind).fields, stored, key);
    } catch (error) {
      if (!(error instanceof DamagedCatalog)) throw error;
      staged.damaged = true;
      return;
    }
    staged.chunks.set(key, entries);
  }
  const at = entries.findIndex((e) => e.id === id);
  if (record) {
    const entry = specOf(kind).entryOf(record);
    if (at >= 0) entries[at] = entry;
    else {
      entries.push(entry);
      staged.head.count += 1;
    }
  } else if (at >= 0) {
    entries.splice(at, 1);
    staged.head.count -= 1;
  }
}

// ---- reads ----

class Loaded<E extends Entry> implements LoadedRecordCatalog<E> {
  readonly entries: readonly E[];
  constructor(
    readonly generation: string,
    readonly revision: number,
    readonly chunkRevisions: Readonly<Record<string, number>>,
    readonly chunks: ReadonlyMap<string, readonly E[]>,
  ) {
    this.entries = [...chunks.values()].flat();
  }
}

type Outcome = Loaded<Entry> | 'rebuild';

async function refresh(db: Tables, kind: AnyKind, known: Loaded<Entry> | undefined): Promise<Outcome> {
  const spec = specOf(kind);
  return db.transaction('r', [db.counters, db.records], async () => {
    const head = currentHead((await db.counters.get(headKey(kind.name)))?.value, spec);
    if (!head) return 'rebuild';
    if (known && known.generation === head.generation && known.revision === head.revision) return known;
    try {
      if (known && known.generation === head.generation) {
        const changed = Object.keys(head.chunks).filter((c) => known.chunkRevisions[c] !== head.chunks[c]);
        const rows = await db.counters.bulkGet(changed.map((c) => chunkKey(kind.name, c)));
        const chunks = new Map(known.chunks);
        changed.forEach((c, i) => chunks.set(c, decodeColumns(spec.fields, rows[i]?.value, c)));
        return new Loaded(head.generation, head.revision, head.chunks, chunks);
      }
      const prefix = chunkPrefix(kind.name);
      const rows = await db.counters.where('key').startsWith(prefix).toArray();
      const chunks = new Map(rows.map((row) => [row.key.slice(prefix.length), decodeColumns<Entry>(spec.fields, row.value, row.key.slice(prefix.length))]));
      const loaded = new Loaded(head.generation, head.revision, head.chunks, chunks);
      const records = await db.records.where('kind').equals(kind.name).count();
      const listed = Object.keys(head.chunks).length === chunks.size && [...chunks.keys()].every((c) => head.chunks[c] !== undefined);
      return listed && loaded.entries.length === head.count && records === head.count ? loaded : 'rebuild';
    } catch (error) {
      if (error instanceof DamagedCatalog) return 'rebuild';
      throw error;
    }
  });
}

/** Builds the kind's catalog from its records (first use, another version, found stale or damaged). */
async function rebuild(db: Tables, kind: AnyKind): Promise<void> {
  await db.transaction('rw', [db.records, db.counters], async () => {
    const rows = await db.records.where('kind').equals(kind.name).toArray();
    const records = rows.map((row) => parsed(kind.name, row.id, kind.schema, row.value));
    await db.counters.where('key').startsWith(chunkPrefix(kind.name)).delete();
    await db.counters.bulkPut(catalogRows(kind, records, crypto.randomUUID()));
  });
}

interface Slot {
  loaded: Loaded<Entry> | undefined;
  tail: Promise<unknown>;
}
const cache = new WeakMap<Tables, Map<string, Slot>>();

async function readOrRebuild(db: Tables, kind: AnyKind, known: Loaded<Entry> | undefined): Promise<Loaded<Entry>> {
  const first = await refresh(db, kind, known);
  if (first !== 'rebuild') return first;
  await rebuild(db, kind);
  const built = await refresh(db, kind, undefined);
  if (built === 'rebuild') throw new Error(`The catalog of ${kind.name} could not be built.`);
  return built;
}

/** The kind's catalog as the database holds it now (each call sees every write committed before it). */
export function readRecordCatalog<T extends { id: string }, E extends { id: string }>(db: Tables, kind: RecordKind<T, E>): Promise<LoadedRecordCatalog<E>> {
  let byKind = cache.get(db);
  if (!byKind) cache.set(db, (byKind = new Map()));
  let slot = byKind.get(kind.name);
  if (!slot) byKind.set(kind.name, (slot = { loaded: undefined, tail: Promise.resolve() }));
  const current = slot;
  const next = current.tail
    .catch(() => undefined)
    .then(() => readOrRebuild(db, kind as unknown as AnyKind, current.loaded))
    .then((loaded) => {
      current.loaded = loaded;
      return loaded;
    });
  current.tail = next;
  return next as unknown as Promise<LoadedRecordCatalog<E>>;
}

/**
 * The catalogs of the catalogued kinds among a restore's generic records, written with the other
 * packed tables. A kind with a record that does not parse gets none: its first read rebuilds it
 * and names that record.
 */
export function restoredCatalogs(rows: readonly GenericRecordRow[]): CounterRow[] {
  const generation = crypto.randomUUID();
  return cataloguedKinds().flatMap((kind) => {
    const records: { id: string }[] = [];
    for (const row of rows) {
      if (row.kind !== kind.name) continue;
      const record = kind.schema.safeParse(row.value);
      if (!record.success) return [];
      records.push(record.data);
    }
    return catalogRows(kind, records, generation);
  });
}
