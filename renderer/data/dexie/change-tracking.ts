// Collects the changes a transaction makes and, just before it commits, writes them to the change
// log under the next store version. Collectors are keyed by the IndexedDB transaction, which
// nested Dexie transactions share, so every write of one `transact` lands in one collector.
import Dexie from 'dexie';
import type { ChangeRecord } from '../changes';
import type { Actor } from '../actor';
import type { WorkstationTables } from './tables';

interface Collector {
  readonly actor: Actor;
  readonly when: string;
  readonly pending: Array<Omit<ChangeRecord, 'version' | 'who' | 'when'>>;
  /** Writes kept back until the transaction's end (a packed catalog's chunks, once each). */
  readonly beforeCommit: Map<string, () => Promise<void>>;
}

const collectors = new WeakMap<IDBTransaction, Collector>();

function currentCollector(): Collector | undefined {
  const tx = Dexie.currentTransaction;
  return tx ? collectors.get(tx.idbtrans) : undefined;
}

/** Opens the collector of the transaction `work` runs in. */
export function beginCollecting(actor: Actor): void {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new Error('beginCollecting runs inside a Dexie transaction.');
  collectors.set(tx.idbtrans, { actor, when: new Date().toISOString(), pending: [], beforeCommit: new Map() });
}

/** Notes a write; refuses one made outside data.transact(), which would leave no change record. */
export function noteChange(kind: string, op: ChangeRecord['op'], ids: readonly string[]): void {
  const collector = currentCollector();
  if (!collector || Dexie.currentTransaction?.mode !== 'readwrite') {
    throw new Error(`A write to ${kind} happens inside data.transact(), never on its own.`);
  }
  const last = collector.pending.at(-1);
  // Consecutive writes of one kind and op make one record (a case and its catalog, a batch).
  if (last && last.kind === kind && last.op === op && op !== 'replace_all') {
    for (const id of ids) if (!last.ids.includes(id)) last.ids.push(id);
  } else {
    collector.pending.push({ kind, op, ids: [...ids] });
  }
}

/**
 * Runs `work` once, at the end of the current data.transact, before its change records are
 * written (a later call with the same key replaces an earlier one).
 */
export function beforeCommit(key: string, work: () => Promise<void>): void {
  const collector = currentCollector();
  if (!collector) throw new Error('beforeCommit runs inside data.transact().');
  collector.beforeCommit.set(key, work);
}

/** Writes the transaction's changes to the log; returns them for publishing after the commit. */
export async function flushChanges(db: Pick<WorkstationTables, 'changeLog'>): Promise<ChangeRecord[]> {
  const collector = currentCollector();
  if (!collector) return [];
  for (const work of collector.beforeCommit.values()) await work();
  collector.beforeCommit.clear();
  if (collector.pending.length === 0) return [];
  const last = await db.changeLog.orderBy('version').last();
  const version = (last?.version ?? 0) + 1;
  const changes = collector.pending.map((change) => ({ ...change, version, who: collector.actor.id, when: collector.when }));
  await db.changeLog.add({ version, changes });
  collector.pending.length = 0;
  return changes;
}
