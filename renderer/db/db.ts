// The workstation's system of record (design.md §3): one Dexie database per profile.
import Dexie, { type Table } from 'dexie';
import type { Institution, Settings, User } from '../../shared/domain/model';
import type { CaseRow, EventRow, MetaRow } from '../../shared/backup/rows';
import type { CatalogChunkRow, CounterRow } from './case-catalog';
import { declareSchema } from './migrations';
import type { CaseBucketRow, EventPageRow } from './packing';

export type { CaseRow, EventRow, MetaRow };

/** A blob of the browser platform's content-addressed store (renderer/platform/browser.ts). */
export interface BlobRow {
  sha256: string;
  bytes: Blob | Uint8Array;
  size: number;
}

/** Rows of tables whose features arrive later; they carry at least an id and usually a caseId. */
export interface LaterRow {
  id: string;
  caseId?: string;
  [field: string]: unknown;
}

export const DEFAULT_DB_NAME = 'mediation-workstation';

export class WorkstationDb extends Dexie {
  institution!: Table<Institution, string>;
  users!: Table<User, string>;
  settings!: Table<Settings, string>;
  /** Cases with their parties, packed by id prefix (./packing.ts); read through ./case-rows.ts. */
  caseBuckets!: Table<CaseBucketRow, string>;
  /** The append-only audit log in pages of consecutive ids; written through ./audit.ts. */
  eventPages!: Table<EventPageRow, number>;
  /** The case list's catalog (./case-catalog.ts). */
  caseCatalog!: Table<CatalogChunkRow, string>;
  /** Derived bookkeeping (catalog revision, last case number of each year); not backed up. */
  counters!: Table<CounterRow, string>;
  blobs!: Table<BlobRow, string>;
  meta!: Table<MetaRow, string>;
  ledgerEntries!: Table<LaterRow, string>;
  checkpoints!: Table<LaterRow, string>;
  sessions!: Table<LaterRow, string>;
  minutes!: Table<LaterRow, string>;
  agreements!: Table<LaterRow, string>;
  packages!: Table<LaterRow, string>;
  consultations!: Table<LaterRow, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    declareSchema(this);
  }
}

export function openWorkstationDb(name: string = DEFAULT_DB_NAME): WorkstationDb {
  return new WorkstationDb(name);
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
] as const;

/** Tables holding cases, parties and audit events, packed (./packing.ts) or derived from them. */
export const PACKED_TABLES = ['caseBuckets', 'eventPages', 'caseCatalog', 'counters'] as const;
