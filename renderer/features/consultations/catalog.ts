// The register's list index at 100,000 consultations: the few fields the list shows, filters and
// searches on, read once per window from the data layer and kept in step with its change records
// (this window's and other windows'). Text search runs on the data layer's TermIndex, as the case
// list's does; entries are kept in (receivedAt, id) order, so the newest-first list is a walk from
// the end.
import type { Consultation } from '../../../shared/consultation/model';
import { searchTextOf, TermIndex, type ChangeRecord, type DataStore } from '../../data';
import { CONSULTATIONS } from './kind';

export interface ConsultationEntry {
  id: string;
  institutionId: string;
  number: string;
  receivedAt: string;
  channel: Consultation['channel'];
  topic: Consultation['topic'];
  outcome: Consultation['outcome'];
  /** '' once anonymised. */
  name: string;
  idNumber: string;
  phone: string;
  lawyerId: string;
  lawyerName: string;
  followUp: boolean;
  anonymised: boolean;
  searchText: string;
}

export function entryOf(c: Consultation): ConsultationEntry {
  return {
    id: c.id,
    institutionId: c.institutionId,
    number: c.number,
    receivedAt: c.receivedAt,
    channel: c.channel,
    topic: c.topic,
    outcome: c.outcome,
    name: c.person?.name ?? '',
    idNumber: c.person?.idNumber ?? '',
    phone: c.person?.phone ?? '',
    lawyerId: c.lawyerId,
    lawyerName: c.lawyerName,
    followUp: c.followUp,
    anonymised: c.anonymisedAt !== undefined,
    searchText: searchTextOf(c.searchTerms),
  };
}

const before = (a: ConsultationEntry, b: ConsultationEntry): number =>
  a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** One state of the index; a change makes a new state, so results kept for the old one are dropped with it. */
export class ConsultationCatalog {
  readonly terms: TermIndex<ConsultationEntry>;
  /** Query results computed from this state, newest last (./query.ts). */
  readonly results = new Map<string, readonly ConsultationEntry[]>();

  constructor(readonly entries: readonly ConsultationEntry[]) {
    this.terms = new TermIndex(entries, (e) => e.searchText);
  }

  static of(records: readonly Consultation[]): ConsultationCatalog {
    return new ConsultationCatalog(records.map(entryOf).sort(before));
  }

  /** The state after `changed` were written (undefined: deleted). */
  with(changed: ReadonlyMap<string, Consultation | undefined>): ConsultationCatalog {
    const kept = this.entries.filter((e) => !changed.has(e.id));
    const added = [...changed.values()].filter((c): c is Consultation => c !== undefined).map(entryOf);
    return new ConsultationCatalog(added.length === 0 ? kept : [...kept, ...added].sort(before));
  }
}

interface Held {
  catalog: Promise<ConsultationCatalog>;
  unsubscribe: () => void;
}

const held = new WeakMap<DataStore, Held>();

function load(data: DataStore): Promise<ConsultationCatalog> {
  return data
    .records(CONSULTATIONS)
    .all()
    .then((records) => ConsultationCatalog.of(records));
}

async function applyChanges(data: DataStore, current: ConsultationCatalog, changes: readonly ChangeRecord[]): Promise<ConsultationCatalog> {
  if (changes.some((c) => c.op === 'replace_all')) return load(data);
  const ids = new Set(changes.filter((c) => c.kind === CONSULTATIONS.name).flatMap((c) => c.ids));
  if (ids.size === 0) return current;
  const repo = data.records(CONSULTATIONS);
  const changed = new Map<string, Consultation | undefined>();
  for (const id of ids) changed.set(id, await repo.get(id));
  return current.with(changed);
}

/** The register's index for this store, loaded at the first call and kept current after it. */
export function consultationCatalog(data: DataStore): Promise<ConsultationCatalog> {
  let entry = held.get(data);
  if (!entry) {
    const state: Held = { catalog: load(data), unsubscribe: () => {} };
    state.unsubscribe = data.changes.subscribe((changes) => {
      const previous = state.catalog;
      state.catalog = previous.then(
        (current) => applyChanges(data, current, changes),
        () => load(data),
      );
    });
    held.set(data, state);
    entry = state;
  }
  return entry.catalog;
}
