// The rows the workstation stores, table by table: the records of ../domain/model.ts plus the
// index keys the database needs. They live in shared/ because three writers must agree on them
// byte for byte: the Dexie layer, the backup codec and the synthetic-data generator (`mw seed`).
import { z } from 'zod';
import {
  auditEventSchema,
  caseSchema,
  institutionSchema,
  partySchema,
  settingsSchema,
  userSchema,
  type AuditEvent,
  type Case,
  type Party,
} from '../domain/model';
import { buildSearchTerms } from '../domain/search';

/**
 * IndexedDB does not index null, so "unassigned" and "no deadline running" would be invisible to
 * an index. These string keys stand in for the nullable fields in the indexes.
 */
export const UNASSIGNED_KEY = '';
/** Sorts after every ISO date, so cases without a running deadline come last in deadline order. */
export const NO_DEADLINE_KEY = '~';

export type CaseRow = Case & {
  /** mediatorId, or UNASSIGNED_KEY when no mediator is assigned. */
  mediatorKey: string;
  /** activeDeadline, or NO_DEADLINE_KEY when none runs. */
  deadlineKey: string;
};

export function toCaseRow(record: Case): CaseRow {
  return {
    ...record,
    mediatorKey: record.mediatorId ?? UNASSIGNED_KEY,
    deadlineKey: record.activeDeadline ?? NO_DEADLINE_KEY,
  };
}

export function fromCaseRow(row: CaseRow): Case {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { mediatorKey, deadlineKey, ...record } = row;
  return record;
}

const SUMMARY_MAX = 500;

/**
 * The case fields derived from its number and parties — the list's "张三 / 李四" and the search
 * keys — computed one way for the app's writes and the seed generator alike.
 */
export function caseDerivedFields(number: string, parties: readonly Party[]): Pick<Case, 'partySummary' | 'searchTerms'> {
  const names = (side: Party['side']) =>
    parties
      .filter((p) => p.side === side && p.kind !== 'agent')
      .map((p) => p.name)
      .join('、');
  const sides = [names('applicant'), names('respondent'), names('third_party')].filter((s) => s !== '');
  let partySummary = sides.join(' / ');
  if ([...partySummary].length > SUMMARY_MAX) partySummary = `${[...partySummary].slice(0, SUMMARY_MAX - 1).join('')}…`;
  const searchTerms = buildSearchTerms({ number, parties: parties.map((p) => ({ name: p.name, phone: p.phone })) });
  return { partySummary, searchTerms };
}

export const caseRowSchema = caseSchema
  .extend({ mediatorKey: z.string(), deadlineKey: z.string() })
  .refine((row) => row.mediatorKey === (row.mediatorId ?? UNASSIGNED_KEY), {
    message: 'mediatorKey does not match mediatorId',
    path: ['mediatorKey'],
  })
  .refine((row) => row.deadlineKey === (row.activeDeadline ?? NO_DEADLINE_KEY), {
    message: 'deadlineKey does not match activeDeadline',
    path: ['deadlineKey'],
  });

/** Stored audit events always carry their auto-increment id. */
export type EventRow = AuditEvent & { id: number };
export const eventRowSchema = auditEventSchema.extend({ id: z.number().int().positive() });

export interface MetaRow {
  key: string;
  value: unknown;
}
export const metaRowSchema = z.object({ key: z.string().min(1), value: z.unknown() });

/** Tables of later features: their shape is owned by those features; backup only needs an id. */
export const laterRowSchema = z.looseObject({ id: z.string().min(1) });

/** Records of kinds kept in the data layer's generic table; their own schema parses `value`. */
export const genericRecordRowSchema = z.strictObject({
  key: z.string().min(1),
  kind: z.string().min(1).max(64),
  id: z.string().min(1),
  caseId: z.string().min(1).optional(),
  value: z.unknown(),
});

export interface BackupTableSpec {
  /** The primary key property; rows are written sorted by it so equal data gives equal bytes. */
  readonly key: string;
  readonly schema: z.ZodType;
}

/**
 * Every table a backup carries, in the order they are written. The blob store is not a table
 * here: its bytes travel as files of their own.
 */
export const BACKUP_TABLES = {
  institution: { key: 'id', schema: institutionSchema },
  settings: { key: 'id', schema: settingsSchema },
  users: { key: 'id', schema: userSchema },
  cases: { key: 'id', schema: caseRowSchema },
  parties: { key: 'id', schema: partySchema },
  events: { key: 'id', schema: eventRowSchema },
  meta: { key: 'key', schema: metaRowSchema },
  ledgerEntries: { key: 'id', schema: laterRowSchema },
  checkpoints: { key: 'id', schema: laterRowSchema },
  sessions: { key: 'id', schema: laterRowSchema },
  minutes: { key: 'id', schema: laterRowSchema },
  agreements: { key: 'id', schema: laterRowSchema },
  packages: { key: 'id', schema: laterRowSchema },
  consultations: { key: 'id', schema: laterRowSchema },
  records: { key: 'key', schema: genericRecordRowSchema },
} as const satisfies Record<string, BackupTableSpec>;

export type BackupTableName = keyof typeof BACKUP_TABLES;
export const BACKUP_TABLE_NAMES = Object.keys(BACKUP_TABLES) as BackupTableName[];

/**
 * The database schema version this build writes. The Dexie layer declares the same number
 * (renderer/data/dexie/migrations.ts), a backup from a newer schema is refused, and a backup from an
 * older one has its rows brought forward by migrateRow.
 *   1 — first release: core tables, single-field indexes.
 *   2 — list-screen indexes over the derived mediatorKey/deadlineKey; tables of later features.
 */
export const CURRENT_SCHEMA_VERSION = 2;

/**
 * Brings a row written under schema `fromVersion` up to CURRENT_SCHEMA_VERSION. The Dexie upgrade
 * of renderer/db/migrations.ts calls the same function, so a restored old backup and an upgraded
 * old database end in the same rows.
 */
export function migrateRow(table: string, row: unknown, fromVersion: number): unknown {
  let current = row;
  if (fromVersion < 2 && table === 'cases' && typeof current === 'object' && current !== null) {
    const record = current as Case;
    current = {
      ...record,
      mediatorKey: record.mediatorId ?? UNASSIGNED_KEY,
      deadlineKey: record.activeDeadline ?? NO_DEADLINE_KEY,
    };
  }
  return current;
}
