// The schema history of the workstation database. Every version ever shipped stays declared here
// with its upgrade, so a database from any earlier version opens and keeps every row (design.md
// §3). Add a version; never edit one that shipped.
import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { migrateRow, type CaseRow, type EventRow } from '../../../shared/backup/rows';
import type { Party } from '../../../shared/domain/model';
import { buildPackedTables } from './packed-tables';

type Stores = Record<string, string | null>;

/** Version 1: the first release, with single-field indexes. */
export const SCHEMA_V1: Stores = {
  institution: 'id',
  users: 'id, &username, role',
  settings: 'id',
  cases: 'id, &[year+seq], registeredAt, status, category, mediatorId, activeDeadline, *searchTerms',
  parties: 'id, caseId',
  events: '++id, caseId, [entity+entityId]',
  blobs: 'sha256',
  meta: 'key',
};

const LATER_FEATURE_TABLE = 'id, caseId';

/**
 * Version 2: indexes shaped for the case list at 100,000 cases. Each filter combination the list
 * offers has a compound index ending in the sort key and the id, so a page is one key range read
 * in order (keyset paging); nullable fields are indexed through their string stand-ins
 * (shared/backup/rows.ts). The tables of later features are declared so their history starts here.
 */
export const SCHEMA_V2: Stores = {
  cases: [
    'id',
    '&[year+seq]',
    '[registeredAt+id]',
    '[deadlineKey+id]',
    '[category+registeredAt+id]',
    '[status+registeredAt+id]',
    '[mediatorKey+registeredAt+id]',
    '[category+status+registeredAt+id]',
    '[mediatorKey+status+registeredAt+id]',
    '*searchTerms',
  ].join(', '),
  events: '++id, [caseId+id], [entity+entityId], at',
  ledgerEntries: LATER_FEATURE_TABLE,
  checkpoints: LATER_FEATURE_TABLE,
  sessions: LATER_FEATURE_TABLE,
  minutes: LATER_FEATURE_TABLE,
  agreements: LATER_FEATURE_TABLE,
  packages: LATER_FEATURE_TABLE,
  consultations: LATER_FEATURE_TABLE,
};

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('cases')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      Object.assign(row, migrateRow('cases', row, 1) as Record<string, unknown>);
    });
}

/**
 * Version 3: cases with their parties, and audit events, packed into few records, and the case
 * list served from an in-memory catalog (./packing.ts, ./case-catalog.ts): restoring 100,000 cases
 * wrote 526,000 records and 2.5 million index entries before, and took 108 s. Version 4 then
 * drops the old tables (Dexie lets an upgrade read a table only while it is still declared).
 */
export const SCHEMA_V3: Stores = {
  caseBuckets: 'bucket',
  eventPages: 'page, *caseIds',
  caseCatalog: 'chunk, revision',
  counters: 'key',
};
export const SCHEMA_V4: Stores = { cases: null, parties: null, events: null };

/**
 * Version 5: the data layer (renderer/data). Kinds of record defined after this version live in
 * one generic table, so a new kind needs no schema version; every committed transaction leaves its
 * change records in the change log, under the store version it made.
 */
export const SCHEMA_V5: Stores = {
  records: 'key, kind, [kind+caseId]',
  changeLog: 'version',
};

async function upgradeToV3(tx: Transaction): Promise<void> {
  const cases = (await tx.table('cases').toArray()) as CaseRow[];
  const parties = (await tx.table('parties').toArray()) as Party[];
  const events = (await tx.table('events').toArray()) as EventRow[];
  const packed = buildPackedTables(cases, parties, events, crypto.randomUUID());
  await tx.table('caseBuckets').bulkPut(packed.caseBuckets);
  await tx.table('eventPages').bulkPut(packed.eventPages);
  await tx.table('caseCatalog').bulkPut(packed.caseCatalog);
  await tx.table('counters').bulkPut(packed.counters);
}

/** Declares version 1 only: used by the migration test to write a database as v1 wrote it. */
export function declareVersion1(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
}

export function declareSchema(db: Dexie): void {
  declareVersion1(db);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  db.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
}

/**
 * The newest version declared above. It counts storage layouts; the rows themselves, and so the
 * backup format (shared/backup/rows.ts CURRENT_SCHEMA_VERSION), last changed in version 2.
 */
export const DB_SCHEMA_VERSION = 5;
