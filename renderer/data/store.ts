// The data layer's contract: what features may ask of storage. Features and screens see only
// these interfaces (through ./index.ts); the Dexie adapter (./dexie/) is one implementation, the
// center server's sync will sit behind the same seam.
//
// Reads may happen anywhere. Every write happens inside `transact`, which commits all of its
// writes, over any kinds, together or none of them, and then publishes their change records.
import type { z } from 'zod';
import type { Institution, Party, Settings, User } from '../../shared/domain/model';
import type { CaseRow, EventRow } from '../../shared/backup/rows';
import type { BackupTableName } from '../../shared/backup/rows';
import type { ChangeFeed, ChangeRecord } from './changes';
import type { LoadedCatalog } from './dexie/case-catalog';
import type { LoadedDashboard, LoadedRepeats } from './aggregates/loaded';
import type { LoadedRecordCatalog } from './record-catalog';
import type { Actor } from './actor';
import type { AuditInput } from './audit-input';
import type { BlobRow } from './kinds/blob';
import type { ID_KINDS, RecordKind } from './registry';

export type { Actor, BlobRow, CaseRow, EventRow };


/** Records kept by id, most of them belonging to a case. */
export interface Repository<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  /** The case's records in id order. */
  byCase(caseId: string): Promise<T[]>;
  all(): Promise<T[]>;
  /** Inserts or replaces. */
  put(record: T): Promise<void>;
  /** Inserts; refused when the id is taken. */
  add(record: T): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface AccountRepository extends Repository<User> {
  byUsername(username: string): Promise<User | undefined>;
  count(): Promise<number>;
}

/** A record of which the workstation keeps one (its institution, its settings). */
export interface SingleRecord<T> {
  get(): Promise<T | undefined>;
  put(value: T): Promise<void>;
}

/** Cases with their parties; the list's catalog is kept in step with every write. */
export interface CaseRepository {
  get(caseId: string): Promise<CaseRow | undefined>;
  /** The case's parties in id order. */
  parties(caseId: string): Promise<Party[]>;
  /** Stores the case (new or changed) and, when given, replaces its parties. */
  put(row: CaseRow, parties?: readonly Party[]): Promise<void>;
  /** Reserves the next case number of `year` (inside the writing transaction). */
  nextSeq(year: number): Promise<number>;
  /** The case list's in-memory catalog, loaded once and kept current. */
  catalog(): Promise<LoadedCatalog>;
  /** The statistics dashboard's aggregate, kept current by every write of a case. */
  dashboard(): Promise<LoadedDashboard>;
  /** The repeat disputes' index (cases sharing a party or an address), kept current by every write of a case's parties. */
  repeats(): Promise<LoadedRepeats>;
  /** Starts loading the catalog in the background (after sign-in, after a restore). */
  warm(): void;
}

/** The append-only audit log. */
export interface EventLog {
  /** Appends one event inside the writing transaction; returns its id. */
  record(input: AuditInput): Promise<number>;
  byCase(caseId: string): Promise<EventRow[]>;
  all(): Promise<EventRow[]>;
}

/** Small named values: identities, trusted courts, court settings, checklist state. */
export interface KeyValueRepository {
  /** The value parsed with `schema`; undefined when absent, an error when it does not parse. */
  get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix`, with their values parsed by `schema`. */
  startingWith<T>(prefix: string, schema: z.ZodType<T>): Promise<Array<{ key: string; value: T }>>;
}

/** The browser platform's content-addressed bytes (evidence files, recordings, signed PDFs). */
export interface BlobRepository {
  get(sha256: string): Promise<BlobRow | undefined>;
  has(sha256: string): Promise<boolean>;
  /** Stores the row unless bytes with that hash are already there; runs its own transaction. */
  store(row: BlobRow): Promise<void>;
  hashes(): Promise<string[]>;
}

/** Whole-store snapshots and replacement, for backup and restore. */
export interface BulkAccess {
  /** Every backed-up table in backup form, read in one consistent snapshot. */
  snapshot(): Promise<Record<BackupTableName, unknown[]>>;
  /**
   * Replaces everything with `tables` (and, when given, blobs) in one transaction, in batches
   * that report progress and may be cancelled (then nothing changes); `finish` runs last inside
   * the same transaction, e.g. to record the restore in the audit log.
   */
  replaceAll(
    tables: Record<BackupTableName, readonly unknown[]>,
    options: {
      actor: Actor;
      blobs?: readonly BlobRow[];
      onBatch?: (rows: number) => void;
      signal?: AbortSignal;
      finish?: () => Promise<void>;
    },
  ): Promise<void>;
}

type IdRepositories = { readonly [K in keyof typeof ID_KINDS]: Repository<z.infer<(typeof ID_KINDS)[K]['schema']>> };

export interface DataStore extends IdRepositories {
  /** The store's name: one per profile, and in the browser one per origin. */
  readonly name: string;
  readonly institution: SingleRecord<Institution>;
  readonly settings: SingleRecord<Settings>;
  readonly accounts: AccountRepository;
  readonly cases: CaseRepository;
  readonly events: EventLog;
  readonly meta: KeyValueRepository;
  readonly blobs: BlobRepository;
  readonly bulk: BulkAccess;
  /** Committed changes, in this window and the store's other windows. */
  readonly changes: ChangeFeed;
  /** The repository of a kind defined outside the registry (kept in the adapter's generic table). */
  records<T extends { id: string }>(kind: RecordKind<T>): Repository<T>;
  /**
   * The packed catalog of a kind defined with one (./record-catalog.ts): its entries as the store
   * holds them now, read once per window and then only where they changed.
   */
  recordCatalog<T extends { id: string }, E extends { id: string }>(kind: RecordKind<T, E>): Promise<LoadedRecordCatalog<E>>;
  /**
   * Runs `work` in one transaction over every kind: all of its writes commit, or none. `work`
   * must not await anything but this store (IndexedDB commits a transaction left idle).
   */
  transact<T>(actor: Actor, work: () => Promise<T>): Promise<T>;
  /** Changes committed after `version`, oldest first (what a sync sends). */
  changesSince(version: number): Promise<ChangeRecord[]>;
  close(): void;
  /** Removes the whole store (tests, and "start over" before first run). */
  destroy(): Promise<void>;
}
