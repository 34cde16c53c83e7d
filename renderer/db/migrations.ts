// The schema history of the workstation database. Every version ever shipped stays declared here
// with its upgrade, so a database from any earlier version opens and keeps every row (design.md
// §3). Add a version; never edit one that shipped.
import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { CURRENT_SCHEMA_VERSION, migrateRow } from '../../shared/backup/rows';

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

/** Declares version 1 only: used by the migration test to write a database as v1 wrote it. */
export function declareVersion1(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
}

export function declareSchema(db: Dexie): void {
  declareVersion1(db);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
}

/** The newest version declared above; equal to the backup format's schema version. */
export const DB_SCHEMA_VERSION = 2;
if (DB_SCHEMA_VERSION !== CURRENT_SCHEMA_VERSION) {
  throw new Error('renderer/db/migrations.ts and shared/backup/rows.ts disagree on the schema version.');
}
