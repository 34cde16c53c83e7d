// The repositories of the Dexie adapter. Every write is parsed with its kind's schema and noted
// for the change log; every read of a record kept by id is parsed too, so a damaged row is named
// (DataError) instead of reaching a screen half-formed.
import type { Table } from 'dexie';
import type { z } from 'zod';
import { FILING_ID_PREFIX } from '../../../shared/confirmation/court/filing';
import type { MetaRow } from '../../../shared/backup/rows';
import { institutionSchema, settingsSchema, userSchema, type User } from '../../../shared/domain/model';
import { problem } from '../../../shared/problem';
import { DataError } from '../errors';
import type { RecordKind } from '../registry';
import type { BlobRow } from '../kinds/blob';
import type { AccountRepository, BlobRepository, KeyValueRepository, Repository, SingleRecord } from '../store';
import { noteChange } from './change-tracking';
import type { GenericRecordRow, IdRow } from './tables';

/** The row parsed with its kind's schema, or a DataError naming the kind, the id and each failing field. */
export function parsed<T>(kind: string, id: string, schema: z.ZodType<T>, row: unknown): T {
  const result = schema.safeParse(row);
  if (!result.success) throw new DataError('data.record_invalid', { kind, id }, result.error.issues.map((issue) => problem('data.field_invalid', { path: issue.path.join('.'), reason: issue.message })));
  return result.data;
}

const byIdOrder = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** put, add and delete of one kind: each write parsed into its row and noted for the change log. */
function writesOf<T extends { id: string }, Row>(
  kind: string,
  table: Table<Row, string>,
  rowOf: (record: T) => Row,
  keyOf: (id: string) => string = (id) => id,
  owns: (id: string) => boolean = () => true,
  afterWrite?: (id: string, row: Row | undefined) => Promise<void>,
): Pick<Repository<T>, 'put' | 'add' | 'delete'> {
  return {
    async put(record) {
      noteChange(kind, 'put', [record.id]);
      const row = rowOf(record);
      await table.put(row);
      await afterWrite?.(record.id, row);
    },
    async add(record) {
      noteChange(kind, 'put', [record.id]);
      const row = rowOf(record);
      await table.add(row);
      await afterWrite?.(record.id, row);
    },
    async delete(id) {
      if (!owns(id)) return;
      noteChange(kind, 'delete', [id]);
      await table.delete(keyOf(id));
      await afterWrite?.(id, undefined);
    },
  };
}

/** Which ids of a shared table belong to a kind, and how to list just those. */
export interface TableShare {
  owns(id: string): boolean;
  rows(table: Table<IdRow, string>): Promise<IdRow[]>;
}
const WHOLE_TABLE: TableShare = { owns: () => true, rows: (table) => table.toArray() };

/**
 * A kind kept in a table of its own, or in its share of one (court filings and the center's
 * applications share `packages`).
 */
export function tableRepository<T extends { id: string }>(table: Table<IdRow, string>, kind: RecordKind<T>, share: TableShare = WHOLE_TABLE): Repository<T> {
  const read = (row: IdRow) => parsed(kind.name, row.id, kind.schema, row);
  const rowOf = (record: T): IdRow => {
    if (!share.owns(record.id)) throw new DataError('data.id_foreign', { kind: kind.name, id: record.id });
    return parsed(kind.name, record.id, kind.schema, record) as unknown as IdRow;
  };
  return {
    async get(id) {
      if (!share.owns(id)) return undefined;
      const row = await table.get(id);
      return row ? read(row) : undefined;
    },
    async byCase(caseId) {
      const rows = await table.where('caseId').equals(caseId).toArray();
      return rows.filter((row) => share.owns(row.id)).map(read).sort(byIdOrder);
    },
    async all() {
      return (await share.rows(table)).map(read);
    },
    ...writesOf(kind.name, table, rowOf, undefined, share.owns),
  };
}

const isFilingId = (id: string) => id.startsWith(FILING_ID_PREFIX);
export const FILINGS_SHARE: TableShare = { owns: isFilingId, rows: (table) => table.where('id').startsWith(FILING_ID_PREFIX).toArray() };
export const APPLICATIONS_SHARE: TableShare = { owns: (id) => !isFilingId(id), rows: (table) => table.filter((row) => !isFilingId(row.id)).toArray() };

/**
 * A kind defined outside the registry, in the generic table. `afterWrite` runs in the writing
 * transaction after each put or delete (the kind's packed catalog, ./record-catalog.ts).
 */
export function genericRepository<T extends { id: string }>(
  table: Table<GenericRecordRow, string>,
  kind: RecordKind<T>,
  afterWrite: (id: string, record: T | undefined) => Promise<void> = async () => {},
): Repository<T> {
  const keyOf = (id: string) => `${kind.name}/${id}`;
  const read = (row: GenericRecordRow) => parsed(kind.name, row.id, kind.schema, row.value);
  const rowOf = (record: T): GenericRecordRow => {
    const value = parsed(kind.name, record.id, kind.schema, record);
    const caseId = (value as { caseId?: unknown }).caseId;
    return { key: keyOf(record.id), kind: kind.name, id: record.id, ...(typeof caseId === 'string' && caseId ? { caseId } : {}), value };
  };
  return {
    async get(id) {
      const row = await table.get(keyOf(id));
      return row ? read(row) : undefined;
    },
    async byCase(caseId) {
      return (await table.where('[kind+caseId]').equals([kind.name, caseId]).toArray()).map(read).sort(byIdOrder);
    },
    async all() {
      return (await table.where('kind').equals(kind.name).toArray()).map(read).sort(byIdOrder);
    },
    ...writesOf(kind.name, table, rowOf, keyOf, undefined, (id, row) => afterWrite(id, row?.value as T | undefined)),
  };
}

export function accountRepository(table: Table<User, string>): AccountRepository {
  const read = (row: User) => parsed('accounts', row.id, userSchema, row) as User;
  return {
    async get(id) {
      const row = await table.get(id);
      return row ? read(row) : undefined;
    },
    async byCase() {
      return [];
    },
    async all() {
      return (await table.toArray()).map(read);
    },
    async byUsername(username) {
      const row = await table.where('username').equals(username).first();
      return row ? read(row) : undefined;
    },
    count: () => table.count(),
    ...writesOf('accounts', table, (record: User) => parsed('accounts', record.id, userSchema, record) as User),
  };
}

/** The institution (key `institution`) and the settings (key `settings`). */
export function singleRecord<T extends { id: string }>(kind: 'institution' | 'settings', table: Table<T, string>): SingleRecord<T> {
  const schema = (kind === 'institution' ? institutionSchema : settingsSchema) as unknown as z.ZodType<T>;
  return {
    async get() {
      const row = await table.get(kind);
      return row ? parsed(kind, kind, schema, row) : undefined;
    },
    async put(value) {
      if (value.id !== kind) throw new DataError('data.id_foreign', { kind, id: value.id });
      noteChange(kind, 'put', [kind]);
      await table.put(parsed(kind, kind, schema, value));
    },
  };
}

export function keyValueRepository(table: Table<MetaRow, string>): KeyValueRepository {
  return {
    async get(key, schema) {
      const row = await table.get(key);
      return row ? parsed('meta', key, schema, row.value) : undefined;
    },
    async put(key, value) {
      noteChange('meta', 'put', [key]);
      await table.put({ key, value });
    },
    async delete(key) {
      noteChange('meta', 'delete', [key]);
      await table.delete(key);
    },
    async startingWith(prefix, schema) {
      const rows = await table.where('key').startsWith(prefix).toArray();
      return rows.map((row) => ({ key: row.key, value: parsed('meta', row.key, schema, row.value) }));
    },
  };
}

export function blobRepository(table: Table<BlobRow, string>, inTransaction: <T>(work: () => Promise<T>) => Promise<T>): BlobRepository {
  return {
    get: (sha256) => table.get(sha256),
    async has(sha256) {
      return (await table.where('sha256').equals(sha256).count()) > 0;
    },
    async store(row) {
      await inTransaction(async () => {
        if ((await table.where('sha256').equals(row.sha256).count()) > 0) return;
        noteChange('blobs', 'put', [row.sha256]);
        await table.add(row);
      });
    },
    async hashes() {
      return ((await table.toCollection().primaryKeys()) as string[]).sort();
    },
  };
}
