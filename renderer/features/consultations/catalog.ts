// The register's list index at 100,000 consultations: the entries of the packed catalog the data
// layer keeps of the kind (./kind.ts; renderer/data/record-catalog.ts), read without parsing a
// single record, in (receivedAt, id) order, so the newest-first list is a walk from the end. Each
// query asks the data layer for the catalog's current state (one small read when nothing changed,
// the changed chunks when something did, in this window or another); a new state is derived from
// the previous one by re-sorting only the entries of the chunks that changed. Text search runs on
// the data layer's TermIndex, as the case list's does; filters by topic, outcome and channel walk
// the positions holding that value, not every entry.
import type { Consultation } from '../../../shared/consultation/model';
import { TermIndex, type DataStore, type LoadedRecordCatalog } from '../../data';
import { CONSULTATIONS, entryOf, type ConsultationEntry } from './kind';

export type { ConsultationEntry };

const before = (a: ConsultationEntry, b: ConsultationEntry): number =>
  a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** `kept` (in order) merged with `added` (any order). */
function merged(kept: readonly ConsultationEntry[], added: readonly ConsultationEntry[]): ConsultationEntry[] {
  const extra = [...added].sort(before);
  const out: ConsultationEntry[] = [];
  let j = 0;
  for (const entry of kept) {
    while (j < extra.length && before(extra[j] as ConsultationEntry, entry) < 0) out.push(extra[j++] as ConsultationEntry);
    out.push(entry);
  }
  while (j < extra.length) out.push(extra[j++] as ConsultationEntry);
  return out;
}

export type IndexedField = 'topic' | 'outcome' | 'channel';

/** One state of the index; a change makes a new state, so results kept for the old one are dropped with it. */
export class ConsultationCatalog {
  /** Over the entries in order, so a search finds them in that order. */
  readonly terms: TermIndex<ConsultationEntry>;
  /** Query results computed from this state, newest last (./query.ts). */
  readonly results = new Map<string, readonly ConsultationEntry[]>();
  private readonly postings = new Map<IndexedField, Map<string, Int32Array>>();

  /** `entries` in (receivedAt, id) order; `source`: the data layer's state they come from. */
  constructor(
    readonly entries: readonly ConsultationEntry[],
    readonly source?: LoadedRecordCatalog<ConsultationEntry>,
  ) {
    this.terms = new TermIndex(entries, (e) => e.searchText);
  }

  /** From records (tests compare the catalog's answers with this plain build). */
  static of(records: readonly Consultation[]): ConsultationCatalog {
    return new ConsultationCatalog(records.map(entryOf).sort(before));
  }

  /** The state for `loaded`, derived from `previous` when both come from the same generation. */
  static from(loaded: LoadedRecordCatalog<ConsultationEntry>, previous?: ConsultationCatalog): ConsultationCatalog {
    const old = previous?.source;
    if (!previous || !old || old.generation !== loaded.generation) return new ConsultationCatalog([...loaded.entries].sort(before), loaded);
    const gone = new Set<ConsultationEntry>();
    const added: ConsultationEntry[] = [];
    for (const [chunk, entries] of loaded.chunks) {
      const was = old.chunks.get(chunk);
      if (was === entries) continue;
      for (const e of was ?? []) gone.add(e);
      added.push(...entries);
    }
    for (const [chunk, was] of old.chunks) if (!loaded.chunks.has(chunk)) for (const e of was) gone.add(e);
    if (gone.size === 0 && added.length === 0) return new ConsultationCatalog(previous.entries, loaded);
    return new ConsultationCatalog(merged(gone.size === 0 ? previous.entries : previous.entries.filter((e) => !gone.has(e)), added), loaded);
  }

  /** The positions (ascending) of the entries whose `field` is `value`. */
  positions(field: IndexedField, value: string): Int32Array {
    let byValue = this.postings.get(field);
    if (!byValue) {
      const lists = new Map<string, number[]>();
      this.entries.forEach((e, i) => {
        const v = e[field];
        let list = lists.get(v);
        if (!list) lists.set(v, (list = []));
        list.push(i);
      });
      byValue = new Map([...lists].map(([v, list]) => [v, Int32Array.from(list)]));
      this.postings.set(field, byValue);
    }
    return byValue.get(value) ?? new Int32Array(0);
  }

  /** The first position whose receivedAt is at or after `at` (entries.length when none). */
  firstAtOrAfter(at: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as ConsultationEntry).receivedAt < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const current = new WeakMap<DataStore, ConsultationCatalog>();

/** The register's index for this store as it holds it now. */
export async function consultationCatalog(data: DataStore): Promise<ConsultationCatalog> {
  const loaded = await data.recordCatalog(CONSULTATIONS);
  const previous = current.get(data);
  if (previous?.source === loaded) return previous;
  const next = ConsultationCatalog.from(loaded, previous);
  current.set(data, next);
  return next;
}
