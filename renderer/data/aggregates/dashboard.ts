// The statistics dashboard's aggregate in IndexedDB (shared/statistics/dashboard): one record per
// month of registration in its columnar stored form (stored.ts there), in the `counters` table
// (derived bookkeeping, never backed up), and a head naming its generation and revision. It is kept up to date on every write of a case, inside the
// transaction that writes the case (../dexie/case-rows.ts): the stored row's contribution comes
// out, the new row's goes in. A restore writes it afresh with the packed tables
// (../dexie/packed-tables.ts); a database from before the dashboard, or with an aggregate of
// another version, has it built from its cases once, at the first read.
//
// A window holds the cells in memory and rereads the month records only when the head's revision
// or generation moved, so opening the dashboard again, or changing a filter, reads one record.
import type { Dexie, Table } from 'dexie';
import { z } from 'zod';
import type { CaseRow } from '../../../shared/backup/rows';
import {
  AGGREGATE_VERSION,
  applyCaseChange,
  buildChunks,
  chunkOfStored,
  contributionOf,
  decodeChunk,
  encodeChunk,
  storedChunkSchema,
  type DashboardCase,
  type MonthChunk,
  type StoredChunk,
} from '../../../shared/statistics/dashboard';
import type { CounterRow } from '../dexie/case-catalog';
import type { CaseBucketRow } from '../dexie/packing';
import { parsed } from '../dexie/repositories';
import type { LoadedDashboard } from './loaded';

export type { LoadedDashboard };

export const DASHBOARD_HEAD_KEY = 'dashboard:head';
const MONTH_PREFIX = 'dashboard:month:';

const headSchema = z.strictObject({
  generation: z.string().min(1),
  revision: z.number().int().nonnegative(),
  version: z.number().int(),
});
type Head = z.infer<typeof headSchema>;

type AggregateTables = Dexie & { counters: Table<CounterRow, string>; caseBuckets: Table<CaseBucketRow, string> };


function monthKey(month: string): string {
  return MONTH_PREFIX + month;
}

function currentHead(value: unknown): Head | undefined {
  const head = headSchema.safeParse(value);
  return head.success && head.data.version === AGGREGATE_VERSION ? head.data : undefined;
}

/** The counters rows of the aggregate of `cases`, as a restore writes them. */
export function dashboardCounters(cases: Iterable<DashboardCase>, generation: string): CounterRow[] {
  const head: Head = { generation, revision: 1, version: AGGREGATE_VERSION };
  return [{ key: DASHBOARD_HEAD_KEY, value: head }, ...buildChunks(cases).map((chunk) => ({ key: monthKey(chunk.month), value: encodeChunk(chunk) }))];
}

/** A stored month, checked: a damaged one is a DataError naming it, never half-read figures. */
function parseChunk(key: string, value: unknown): StoredChunk {
  return parsed('dashboard', key, storedChunkSchema, value) as StoredChunk;
}

/**
 * Takes the stored row's contribution out of the aggregate and puts the new row's in. Runs inside
 * the transaction that writes the case. Without a current aggregate it does nothing: the first
 * read builds one from the cases as they then are.
 */
export async function applyDashboardChange(db: AggregateTables, before: CaseRow | undefined, after: CaseRow | undefined): Promise<void> {
  const head = currentHead((await db.counters.get(DASHBOARD_HEAD_KEY))?.value);
  if (!head) return;
  const chunks = new Map<string, MonthChunk>();
  const months = new Set<string>();
  for (const row of [before, after]) if (row) months.add(contributionOf(row).month);
  for (const month of months) {
    const stored = (await db.counters.get(monthKey(month)))?.value;
    chunks.set(month, stored === undefined ? { month, cells: {} } : chunkOfStored(parseChunk(monthKey(month), stored)));
  }
  applyCaseChange(before, after, (month) => chunks.get(month) as MonthChunk);
  for (const [month, chunk] of chunks) {
    if (Object.keys(chunk.cells).length === 0) await db.counters.delete(monthKey(month));
    else await db.counters.put({ key: monthKey(month), value: encodeChunk(chunk) });
  }
  await db.counters.put({ key: DASHBOARD_HEAD_KEY, value: { ...head, revision: head.revision + 1 } });
}

/** Builds the aggregate from every stored case (first use, or after a change of its version). */
async function rebuild(db: AggregateTables): Promise<void> {
  await db.transaction('rw', [db.caseBuckets, db.counters], async () => {
    if (currentHead((await db.counters.get(DASHBOARD_HEAD_KEY))?.value)) return;
    const buckets = await db.caseBuckets.toArray();
    const rows = buildChunks(buckets.flatMap((bucket) => bucket.cases));
    await db.counters.where('key').startsWith(MONTH_PREFIX).delete();
    await db.counters.bulkPut([
      { key: DASHBOARD_HEAD_KEY, value: { generation: crypto.randomUUID(), revision: 1, version: AGGREGATE_VERSION } satisfies Head },
      ...rows.map((chunk) => ({ key: monthKey(chunk.month), value: encodeChunk(chunk) })),
    ]);
  });
}

const cache = new WeakMap<AggregateTables, LoadedDashboard>();

async function readOnce(db: AggregateTables): Promise<LoadedDashboard | undefined> {
  return db.transaction('r', [db.counters], async () => {
    const head = currentHead((await db.counters.get(DASHBOARD_HEAD_KEY))?.value);
    if (!head) return undefined;
    const known = cache.get(db);
    if (known && known.generation === head.generation && known.revision === head.revision) return known;
    const rows = await db.counters.where('key').startsWith(MONTH_PREFIX).toArray();
    const loaded: LoadedDashboard = { generation: head.generation, revision: head.revision, cells: rows.flatMap((row) => decodeChunk(parseChunk(row.key, row.value))) };
    cache.set(db, loaded);
    return loaded;
  });
}

/** The dashboard's cells as the database holds them now. */
export async function readDashboard(db: AggregateTables): Promise<LoadedDashboard> {
  const loaded = await readOnce(db);
  if (loaded) return loaded;
  await rebuild(db);
  const built = await readOnce(db);
  if (!built) throw new Error('The dashboard aggregate could not be built.');
  return built;
}
