// The workstation's system of record (design.md §3): one Dexie database per profile.
import Dexie, { type Table } from 'dexie';
import type { Institution, Party, Settings, User } from '../../shared/domain/model';
import type { CaseRow, EventRow, MetaRow } from '../../shared/backup/rows';
import { declareSchema } from './migrations';

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
  cases!: Table<CaseRow, string>;
  parties!: Table<Party, string>;
  /** Append-only audit log; ids are allocated by IndexedDB. */
  events!: Table<EventRow, number, Omit<EventRow, 'id'>>;
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

/** Tables holding domain data (everything except the blob store), in backup order. */
export const DATA_TABLES = [
  'institution',
  'settings',
  'users',
  'cases',
  'parties',
  'events',
  'meta',
  'ledgerEntries',
  'checkpoints',
  'sessions',
  'minutes',
  'agreements',
  'packages',
  'consultations',
] as const;
