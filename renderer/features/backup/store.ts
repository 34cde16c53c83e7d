// Backup and restore of the whole workstation (issue 2 item 10) through the pure codec of
// shared/backup. Restore verifies the entire file before touching the database, then replaces
// every table in ONE transaction: a bad file changes nothing, and a failure or cancellation
// midway rolls everything back.
//
// Who made the backup (issue 14 §5): a backup signed by an institution must verify; on a
// workstation that has an institution identity only that institution's backups restore; on a
// fresh profile the signer is shown to compare before anything is written; an unsigned backup
// (`mw seed`, or a workstation without an identity yet) restores only once someone has
// acknowledged that nothing vouches for it.
import { version as appVersion } from '../../package.json';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  beginBackup,
  decodeBackupAsync,
  type BackupErrorCode,
  type DecodeLimits,
  type DecodedBackup,
} from '../../shared/backup/codec';
import { BACKUP_TABLE_NAMES, type BackupTableName, type CaseRow, type EventRow } from '../../shared/backup/rows';
import type { BlobStore, PlatformPort } from '../../shared/platform';
import type { Party, User } from '../../shared/domain/model';
import type { Signer } from '../../shared/ledger/checkpoint';
import type { BackupProvenance, BackupSigner } from '../../shared/backup/signature';
import { identityCertificates, readIdentity, verifierFor } from '../features/identity/store';
import { recordEvent } from './audit';
import { warmCatalog } from './case-catalog';
import { PACKED_TABLES, PLAIN_TABLES, type WorkstationDb } from './db';
import { buildPackedTables } from './packed-tables';
import { unpackCases, unpackEvents } from './packing';

const GiB = 1024 * 1024 * 1024;
export const DEFAULT_RESTORE_LIMITS: DecodeLimits = {
  maxBytes: 2 * GiB,
  maxEntries: 1_000_000,
  maxUnpackedBytes: 8 * GiB,
};
/** Rows of a plain table, or packed records, per write request batch (progress and cancel points). */
const WRITE_CHUNK = 500;

export interface ExportOptions {
  now?: Date;
  /** When given, the export is recorded in the audit log (after the data was read). */
  actor?: User;
  /** The institution's signer and certificate: the backup says who made it. Without: unsigned. */
  signer?: { sign: Signer; certificatePem: string };
}

const signatures = () => import('../../shared/backup/signature');

/** Reads every table in one read transaction (a consistent snapshot) and every blob. */
export async function exportBackup(db: WorkstationDb, platform: Pick<PlatformPort, 'blobs'>, options: ExportOptions = {}): Promise<Uint8Array> {
  const now = options.now ?? new Date();
  const tables = await db.transaction('r', [...PLAIN_TABLES.map((t) => db.table(t)), db.caseBuckets, db.eventPages], async () => {
    const out: Partial<Record<BackupTableName, unknown[]>> = {};
    for (const table of PLAIN_TABLES) out[table] = await db.table(table).toArray();
    const { cases, parties } = unpackCases(await db.caseBuckets.toArray());
    out.cases = cases;
    out.parties = parties;
    out.events = unpackEvents(await db.eventPages.toArray());
    return out;
  });
  const blobs: Array<[string, Uint8Array]> = [];
  for (const hash of await platform.blobs.list()) {
    const bytes = await platform.blobs.get(hash);
    if (!bytes) throw new Error(`Blob ${hash} disappeared while the backup was being written; try again.`);
    blobs.push([hash, bytes]);
  }
  const pending = beginBackup({ meta: { createdAt: now.toISOString(), appVersion }, tables, blobs });
  const signer = options.signer;
  const file = pending.finish(signer ? await (await signatures()).signBackupManifest(pending.manifestBytes, signer.sign, signer.certificatePem, now) : null);
  if (options.actor) {
    const actor = options.actor;
    await db.transaction('rw', db.eventPages, () =>
      recordEvent(db, {
        actor,
        at: now,
        entity: 'backup',
        entityId: 'backup',
        action: 'backup.export',
        after: { bytes: file.byteLength, cases: tables.cases?.length ?? 0, signed: signer !== undefined },
      }),
    );
  }
  return file;
}

export type RestorePhase = 'verify' | 'write';

/** Who made the file, once it verified: what a person is asked to accept before it is restored. */
export type RestoreProvenance = Exclude<BackupProvenance, { kind: 'invalid' }>;

/** The answer to the question before restoring. */
export interface RestoreApproval {
  restore: boolean;
  /** Ticked by the person: an unsigned backup is restored knowing nothing vouches for it. */
  unsignedAcknowledged: boolean;
}

export interface RestoreProgress {
  phase: RestorePhase;
  done: number;
  total: number;
}

export interface RestoreOptions {
  onProgress?: (progress: RestoreProgress) => void;
  signal?: { readonly aborted: boolean };
  limits?: DecodeLimits;
  /**
   * Where blobs go. Omitted: the browser store (the `blobs` table, written in the same
   * transaction). Given (Electron's file store): written first — content-addressed, so extra
   * blobs left by a failed restore are harmless.
   */
  blobStore?: BlobStore;
  /** When given, the restore itself is recorded in the audit log of the restored data. */
  actor?: User;
  now?: Date;
  /**
   * Asked once the file has verified and its signer is acceptable, before anything is written:
   * the screen shows the signer (or that there is none) and answers. Without it nothing is
   * acknowledged, so an unsigned backup is refused.
   */
  approve?: (provenance: RestoreProvenance) => Promise<RestoreApproval>;
}

export type RestoreErrorCode =
  | BackupErrorCode
  | 'backup.cancelled'
  | 'backup.write_failed'
  | 'backup.signature_invalid'
  | 'backup.signer_foreign'
  | 'backup.unsigned_not_acknowledged';

export type RestoreResult =
  | { ok: true; counts: Record<BackupTableName, number>; blobs: number; provenance: RestoreProvenance }
  | { ok: false; code: RestoreErrorCode; detail: string; params?: Record<string, string> };

class Cancelled extends Error {}

async function webCryptoSha256(data: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)));
}

function throwIfAborted(signal: RestoreOptions['signal']): void {
  if (signal?.aborted) throw new Cancelled('Restore cancelled.');
}

export async function restoreBackup(db: WorkstationDb, bytes: Uint8Array, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { onProgress, signal } = options;
  onProgress?.({ phase: 'verify', done: 0, total: bytes.byteLength });
  if (signal?.aborted) return { ok: false, code: 'backup.cancelled', detail: 'The restore was cancelled; nothing was changed.' };
  const decoded = await decodeBackupAsync(bytes, options.limits ?? DEFAULT_RESTORE_LIMITS, webCryptoSha256);
  if (!decoded.ok) return decoded;
  const accepted = await acceptedProvenance(db, decoded.backup, options);
  if ('code' in accepted) return accepted;
  onProgress?.({ phase: 'verify', done: bytes.byteLength, total: bytes.byteLength });
  try {
    return { ...(await writeBackup(db, decoded.backup, options, accepted.provenance)), provenance: accepted.provenance };
  } catch (error) {
    if (error instanceof Cancelled) return { ok: false, code: 'backup.cancelled', detail: 'The restore was cancelled; nothing was changed.' };
    return {
      ok: false,
      code: 'backup.write_failed',
      detail: `The data could not be written (${(error as Error).message}); the workstation still holds its previous data.`,
    };
  }
}

function signerParams(signer: BackupSigner): Record<string, string> {
  return { name: signer.name, fingerprint: signer.fingerprint256 };
}

/** The signature checks and the approval; a refusal is a failed result, nothing written. */
async function acceptedProvenance(
  db: WorkstationDb,
  backup: DecodedBackup,
  options: RestoreOptions,
): Promise<{ provenance: RestoreProvenance } | Extract<RestoreResult, { ok: false }>> {
  const provenance = await (await signatures()).verifyBackupSignature(backup, verifierFor);
  if (provenance.kind === 'invalid') return { ok: false, code: 'backup.signature_invalid', detail: provenance.detail };
  if (provenance.kind === 'signed') {
    const own = identityCertificates(await readIdentity(db));
    if (own.length > 0) {
      const { certificateKeyId } = await import('../../shared/identity/institution');
      if (!own.map(certificateKeyId).includes(provenance.signer.keyId)) {
        return {
          ok: false,
          code: 'backup.signer_foreign',
          detail: `The backup was signed by ${provenance.signer.name} (${provenance.signer.fingerprint256}), not by this workstation's institution.`,
          params: signerParams(provenance.signer),
        };
      }
    }
  }
  const approval = options.approve ? await options.approve(provenance) : { restore: true, unsignedAcknowledged: false };
  if (!approval.restore) return { ok: false, code: 'backup.cancelled', detail: 'The restore was cancelled; nothing was changed.' };
  if (provenance.kind === 'unsigned' && !approval.unsignedAcknowledged) {
    return { ok: false, code: 'backup.unsigned_not_acknowledged', detail: 'The backup is not signed by any institution; restoring it needs the acknowledgement that nothing vouches for its content.' };
  }
  return { provenance };
}

async function writeBackup(
  db: WorkstationDb,
  backup: DecodedBackup,
  options: RestoreOptions,
  provenance: RestoreProvenance,
): Promise<Omit<Extract<RestoreResult, { ok: true }>, 'provenance'>> {
  const { onProgress, signal, blobStore } = options;
  const blobRows = [...backup.blobs].map(([sha256, bytes]) => ({ sha256, bytes, size: bytes.byteLength }));
  const packed = buildPackedTables(
    backup.tables.cases as CaseRow[],
    backup.tables.parties as Party[],
    backup.tables.events as EventRow[],
    crypto.randomUUID(),
  );
  const writes: Array<{ table: string; rows: readonly unknown[] }> = [
    ...PLAIN_TABLES.map((table) => ({ table, rows: backup.tables[table] })),
    ...PACKED_TABLES.map((table) => ({ table, rows: packed[table] as readonly unknown[] })),
  ];
  const total = writes.reduce((n, w) => n + w.rows.length, 0) + blobRows.length;
  let done = 0;

  if (blobStore) {
    for (const row of blobRows) {
      throwIfAborted(signal);
      await blobStore.put(row.bytes);
      done += 1;
      onProgress?.({ phase: 'write', done, total });
    }
  }

  const tables = [...PLAIN_TABLES, ...PACKED_TABLES, ...(blobStore ? [] : ['blobs'])].map((t) => db.table(t));
  await db.transaction('rw', tables, async () => {
    for (const table of tables) await table.clear();
    for (const { table, rows } of writes) {
      for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
        throwIfAborted(signal);
        await db.table(table).bulkAdd(rows.slice(start, start + WRITE_CHUNK));
        done += Math.min(WRITE_CHUNK, rows.length - start);
        onProgress?.({ phase: 'write', done, total });
      }
    }
    if (!blobStore) {
      for (let start = 0; start < blobRows.length; start += 100) {
        throwIfAborted(signal);
        await db.blobs.bulkAdd(blobRows.slice(start, start + 100));
        done += Math.min(100, blobRows.length - start);
        onProgress?.({ phase: 'write', done, total });
      }
    }
    if (options.actor) {
      await recordEvent(db, {
        actor: options.actor,
        at: options.now ?? new Date(),
        entity: 'backup',
        entityId: 'backup',
        action: 'backup.restore',
        after: { createdAt: backup.manifest.createdAt, cases: backup.tables.cases.length, signedBy: provenance.kind === 'signed' ? signerParams(provenance.signer) : null },
      });
    }
  });
  warmCatalog(db);
  const counts = Object.fromEntries(BACKUP_TABLE_NAMES.map((t) => [t, backup.tables[t].length])) as Record<BackupTableName, number>;
  return { ok: true as const, counts, blobs: blobRows.length };
}
