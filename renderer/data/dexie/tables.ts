// The IndexedDB tables behind the data layer, as the adapter's modules see them. The class that
// declares them (./db.ts) implements this shape; the other modules depend on the shape only, so
// the schema history (./migrations.ts) and the readers never import each other in a circle.
import type { Table } from 'dexie';
import type { Institution, Settings, User } from '../../../shared/domain/model';
import type { MetaRow } from '../../../shared/backup/rows';
import type { BlobRow } from '../kinds/blob';
import type { CatalogChunkRow, CounterRow } from './case-catalog';
import type { CaseBucketRow, EventPageRow } from './packing';

/** Rows of the tables whose records are parsed by the data layer's repositories. */
export interface IdRow {
  id: string;
  caseId?: string;
  [field: string]: unknown;
}

/** A record of a kind defined outside the registry (registry.ts defineRecordKind). */
export interface GenericRecordRow {
  /** `${kind}/${id}`. */
  key: string;
  kind: string;
  id: string;
  caseId?: string;
  value: unknown;
}

/** One committed transaction's changes (../changes.ts), under the store version it made. */
export interface ChangeLogRow {
  version: number;
  changes: unknown[];
}

export interface WorkstationTables {
  institution: Table<Institution, string>;
  users: Table<User, string>;
  settings: Table<Settings, string>;
  /** Cases with their parties, packed by id prefix (./packing.ts); read through ./case-rows.ts. */
  caseBuckets: Table<CaseBucketRow, string>;
  /** The append-only audit log in pages of consecutive ids; written through ./event-log.ts. */
  eventPages: Table<EventPageRow, number>;
  /** The case list's catalog (./case-catalog.ts). */
  caseCatalog: Table<CatalogChunkRow, string>;
  /** Derived bookkeeping (catalog revision, last case number of each year); not backed up. */
  counters: Table<CounterRow, string>;
  blobs: Table<BlobRow, string>;
  meta: Table<MetaRow, string>;
  ledgerEntries: Table<IdRow, string>;
  checkpoints: Table<IdRow, string>;
  sessions: Table<IdRow, string>;
  minutes: Table<IdRow, string>;
  agreements: Table<IdRow, string>;
  /** Court filings (ids `court:…`) and the center's confirmation applications, side by side. */
  packages: Table<IdRow, string>;
  consultations: Table<IdRow, string>;
  records: Table<GenericRecordRow, string>;
  changeLog: Table<ChangeLogRow, number>;
}

/** Backup tables stored one row per record, as the backup holds them. */
export const PLAIN_TABLES = [
  'institution',
  'settings',
  'users',
  'meta',
  'ledgerEntries',
  'checkpoints',
  'sessions',
  'minutes',
  'agreements',
  'packages',
  'consultations',
  'records',
] as const;

/** Tables holding cases, parties and audit events, packed (./packing.ts) or derived from them. */
export const PACKED_TABLES = ['caseBuckets', 'eventPages', 'caseCatalog', 'counters'] as const;
