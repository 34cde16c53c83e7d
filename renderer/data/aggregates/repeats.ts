// The repeat disputes' index in IndexedDB (shared/statistics/dashboard/repeats.ts): which cases
// share a party (identity number, or name and phone) or an address, under tokens, in 256 shards of
// the `counters` table by the token's first two hex digits, with a head naming its generation,
// revision and each shard's revision (derived bookkeeping, never backed up). It is kept up to date
// inside the transaction that writes a case's parties (../dexie/case-rows.ts): the case leaves the
// keys of its stored parties and joins those of the new ones. A restore writes it afresh with the
// packed tables (../dexie/packed-tables.ts); a database from before it, or with an index of another
// version, has it built from its cases' parties once, at the first read. A window keeps the shards
// in memory and rereads only those whose revision moved.
import type { Dexie, Table } from 'dexie';
import { z } from 'zod';
import type { Party } from '../../../shared/domain/model';
import { applyRepeatChange, buildRepeatShards, caseRepeatKeys, REPEATS_VERSION, repeatShardSchema, type RepeatShard } from '../../../shared/statistics/dashboard';
import type { CounterRow } from '../dexie/case-catalog';
import type { CaseBucketRow } from '../dexie/packing';
import type { LoadedRepeats } from './loaded';

export type { LoadedRepeats };
import { parsed } from '../dexie/repositories';

export const REPEATS_HEAD_KEY = 'repeats:head';
const SHARD_PREFIX = 'repeats:shard:';

const headSchema = z.strictObject({
  generation: z.string().min(1),
  revision: z.number().int().nonnegative(),
  version: z.number().int(),
  /** Each written shard's revision (a shard absent here is empty). */
  shards: z.record(z.string().regex(/^[0-9a-f]{2}$/), z.number().int().nonnegative()),
});
type Head = z.infer<typeof headSchema>;

type RepeatTables = Dexie & { counters: Table<CounterRow, string>; caseBuckets: Table<CaseBucketRow, string> };


function shardKey(shard: string): string {
  return SHARD_PREFIX + shard;
}

function currentHead(value: unknown): Head | undefined {
  const head = headSchema.safeParse(value);
  return head.success && head.data.version === REPEATS_VERSION ? head.data : undefined;
}

function parseShard(key: string, value: unknown): RepeatShard {
  return parsed('repeats', key, repeatShardSchema, value) as RepeatShard;
}

function countersOf(shards: ReadonlyMap<string, RepeatShard>, generation: string): CounterRow[] {
  const head: Head = { generation, revision: 1, version: REPEATS_VERSION, shards: Object.fromEntries([...shards.keys()].map((s) => [s, 1])) };
  return [{ key: REPEATS_HEAD_KEY, value: head }, ...[...shards].map(([shard, value]) => ({ key: shardKey(shard), value }))];
}

/** The counters rows of the index of `cases` with `parties`, as a restore writes them. */
export function repeatsCounters(cases: Iterable<{ id: string }>, parties: readonly Party[], generation: string): CounterRow[] {
  const byCase = new Map<string, Party[]>();
  for (const c of cases) byCase.set(c.id, []);
  for (const p of parties) byCase.get(p.caseId)?.push(p);
  return countersOf(buildRepeatShards([...byCase].map(([id, list]) => ({ id, parties: list }))), generation);
}

/**
 * Moves the case from the keys of its stored parties to those of its new ones. Runs inside the
 * transaction that writes the case. Without a current index it does nothing: the first read builds
 * one from the cases as they then are.
 */
export async function applyRepeatsChange(db: RepeatTables, caseId: string, before: readonly Party[], after: readonly Party[]): Promise<void> {
  const oldKeys = caseRepeatKeys(before);
  const newKeys = caseRepeatKeys(after);
  if (oldKeys.length === newKeys.length && oldKeys.every((k, i) => k.token === newKeys[i]?.token)) return;
  const head = currentHead((await db.counters.get(REPEATS_HEAD_KEY))?.value);
  if (!head) return;
  const shards = new Map<string, RepeatShard>();
  for (const key of [...oldKeys, ...newKeys]) {
    const shard = key.token.slice(0, 2);
    if (shards.has(shard)) continue;
    const stored = (await db.counters.get(shardKey(shard)))?.value;
    shards.set(shard, stored === undefined ? {} : { ...parseShard(shardKey(shard), stored) });
  }
  const changed = applyRepeatChange(caseId, oldKeys, newKeys, (s) => shards.get(s) as RepeatShard);
  const revision = head.revision + 1;
  const revisions = { ...head.shards };
  for (const shard of changed) {
    const value = shards.get(shard) as RepeatShard;
    if (Object.keys(value).length === 0) {
      await db.counters.delete(shardKey(shard));
      delete revisions[shard];
    } else {
      await db.counters.put({ key: shardKey(shard), value });
      revisions[shard] = revision;
    }
  }
  await db.counters.put({ key: REPEATS_HEAD_KEY, value: { ...head, revision, shards: revisions } satisfies Head });
}

/** Builds the index from every stored case's parties (first use, or after a change of its version). */
async function rebuild(db: RepeatTables): Promise<void> {
  await db.transaction('rw', [db.caseBuckets, db.counters], async () => {
    if (currentHead((await db.counters.get(REPEATS_HEAD_KEY))?.value)) return;
    const buckets = await db.caseBuckets.toArray();
    await db.counters.where('key').startsWith(SHARD_PREFIX).delete();
    await db.counters.bulkPut(repeatsCounters(buckets.flatMap((b) => b.cases), buckets.flatMap((b) => b.parties), crypto.randomUUID()));
  });
}

const cache = new WeakMap<RepeatTables, LoadedRepeats>();

async function readOnce(db: RepeatTables): Promise<LoadedRepeats | undefined> {
  return db.transaction('r', [db.counters], async () => {
    const head = currentHead((await db.counters.get(REPEATS_HEAD_KEY))?.value);
    if (!head) return undefined;
    const known = cache.get(db);
    if (known && known.generation === head.generation && known.revision === head.revision) return known;
    const shards = new Map<string, RepeatShard>();
    const reread: string[] = [];
    for (const [shard, revision] of Object.entries(head.shards)) {
      const kept = known && known.generation === head.generation ? known.shards.get(shard) : undefined;
      const keptRevision = known && known.generation === head.generation ? knownRevisions.get(known)?.[shard] : undefined;
      if (kept && keptRevision === revision) shards.set(shard, kept);
      else reread.push(shard);
    }
    const rows = await db.counters.bulkGet(reread.map(shardKey));
    reread.forEach((shard, i) => {
      const row = rows[i];
      if (row) shards.set(shard, parseShard(row.key, row.value));
    });
    const loaded: LoadedRepeats = { generation: head.generation, revision: head.revision, shards };
    knownRevisions.set(loaded, head.shards);
    cache.set(db, loaded);
    return loaded;
  });
}

/** The shard revisions a loaded index was read at (to reread only the shards that moved). */
const knownRevisions = new WeakMap<LoadedRepeats, Readonly<Record<string, number>>>();

/** The repeat disputes' index as the database holds it now. */
export async function readRepeats(db: RepeatTables): Promise<LoadedRepeats> {
  const loaded = await readOnce(db);
  if (loaded) return loaded;
  await rebuild(db);
  const built = await readOnce(db);
  if (!built) throw new Error('The repeat disputes’ index could not be built.');
  return built;
}
