// The packed tables of a whole set of cases, parties and events, as a restore or the schema 3
// migration writes them in one go.
import type { Party } from '../../../shared/domain/model';
import type { CaseRow, EventRow } from '../../../shared/backup/rows';
import { dashboardCounters } from '../aggregates/dashboard';
import { repeatsCounters } from '../aggregates/repeats';
import { buildCatalog, CATALOG_HEAD_KEY, type CatalogChunkRow, type CounterRow } from './case-catalog';
import { lastSeqByYear, packCases, packEvents, type CaseBucketRow, type EventPageRow } from './packing';

export interface PackedTables {
  caseBuckets: CaseBucketRow[];
  eventPages: EventPageRow[];
  caseCatalog: CatalogChunkRow[];
  counters: CounterRow[];
}

export function caseSeqKey(year: number): string {
  return `caseSeq:${year}`;
}

export function buildPackedTables(cases: readonly CaseRow[], parties: readonly Party[], events: readonly EventRow[], generation: string): PackedTables {
  const catalog = buildCatalog(cases, generation);
  return {
    caseBuckets: packCases(cases, parties),
    eventPages: packEvents(events),
    caseCatalog: catalog.chunks,
    counters: [
      { key: CATALOG_HEAD_KEY, value: catalog.head },
      ...[...lastSeqByYear(cases)].map(([year, seq]) => ({ key: caseSeqKey(year), value: seq })),
      ...dashboardCounters(cases, generation),
      ...repeatsCounters(cases, parties, generation),
    ],
  };
}
