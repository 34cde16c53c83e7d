// Backup and restore of the whole workstation (issue 2 item 10) through the pure codec of
// shared/backup and the data layer's bulk access. Restore verifies the entire file before touching
// the store, then replaces everything in ONE transaction (data.bulk.replaceAll): a bad file
// changes nothing, and a failure or cancellation midway rolls everything back.
//
// Who made the backup (issue 14 §5): a backup signed by an institution must verify; on a
// workstation that has an institution identity only that institution's backups restore; on a
// fresh profile the signer is shown to compare before anything is written; an unsigned backup
// (`mw seed`, or a workstation without an identity yet) restores only once someone has
// acknowledged that nothing vouches for it.
//
// A refusal is a Problem (shared/problem.ts) the screen translates; `detail` is the codec's
// English account of it, for logs and support tools only.
import { version as appVersion } from '../../../package.json';
import { bytesToHex } from '@noble/hashes/utils.js';
import { beginBackup, decodeBackupAsync, type BackupErrorCode, type DecodeLimits, type DecodedBackup } from '../../../shared/backup/codec';
import { BACKUP_TABLE_NAMES, type BackupTableName } from '../../../shared/backup/rows';
import type { BlobStore, PlatformPort } from '../../../shared/platform';
import type { User } from '../../../shared/domain/model';
import type { Signer } from '../../../shared/ledger/checkpoint';
import type { BackupProvenance, BackupSigner } from '../../../shared/backup/signature';
import { problem, type Problem } from '../../../shared/problem';
import { SYSTEM_ACTOR, type BlobRow, type DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { writeLastBackup } from '../../kit/last-backup';
import { StoreError } from '../../kit/result';
import { identityCertificates, readIdentity, verifierFor } from '../identity';

const GiB = 1024 * 1024 * 1024;
export const DEFAULT_RESTORE_LIMITS: DecodeLimits = {
  maxBytes: 2 * GiB,
  maxEntries: 1_000_000,
  maxUnpackedBytes: 8 * GiB,
};

export interface ExportOptions {
  now?: Date;
  /** When given, the export is recorded (audit log and last backup) once the data was read. */
  actor?: User;
  /** The institution's signer and certificate: the backup says who made it. Without: unsigned. */
  signer?: { sign: Signer; certificatePem: string };
  /** Where the workstation wrote the file itself (a scheduled backup to a folder). */
  folder?: string;
}

/** What is recorded of an export: the audit event and the last backup, in one transaction. */
export interface ExportRecord {
  /** When the backup's data was read (its createdAt). */
  at: Date;
  bytes: number;
  cases: number;
  signed: boolean;
  /** Where the workstation wrote the file itself; null when a person saved it. */
  folder: string | null;
}

const signatures = () => import('../../../shared/backup/signature');

/** The backup file: every table in one consistent snapshot, and every blob. */
export async function makeBackup(data: DataStore, platform: Pick<PlatformPort, 'blobs'>, options: Omit<ExportOptions, 'actor' | 'folder'> = {}): Promise<{ bytes: Uint8Array; record: Omit<ExportRecord, 'folder'> }> {
  const now = options.now ?? new Date();
  const tables = await data.bulk.snapshot();
  const blobs: Array<[string, Uint8Array]> = [];
  for (const hash of await platform.blobs.list()) {
    const bytes = await platform.blobs.get(hash);
    if (!bytes) throw new StoreError('backup.blob_vanished', `Blob ${hash} disappeared while the backup was being written; try again.`, { hash });
    blobs.push([hash, bytes]);
  }
  const pending = beginBackup({ meta: { createdAt: now.toISOString(), appVersion }, tables, blobs });
  const signer = options.signer;
  const bytes = pending.finish(signer ? await (await signatures()).signBackupManifest(pending.manifestBytes, signer.sign, signer.certificatePem, now) : null);
  return { bytes, record: { at: now, bytes: bytes.byteLength, cases: tables.cases.length, signed: signer !== undefined } };
}

/**
 * Records an export as `actor`: the `backup.export` audit event and, in the same transaction,
 * when the last backup was made and by whom (kit/last-backup.ts, read by the backup reminder).
 */
export async function recordBackupExport(data: DataStore, actor: User, record: ExportRecord): Promise<void> {
  const by = actorOf(actor);
  await data.transact(by, async () => {
    await data.events.record({
      actor: by,
      at: record.at,
      entity: 'backup',
      entityId: 'backup',
      action: 'backup.export',
      // A backup the workstation wrote itself says where.
      after: { bytes: record.bytes, cases: record.cases, signed: record.signed, ...(record.folder === null ? {} : { folder: record.folder }) },
    });
    await writeLastBackup(data, { at: record.at.toISOString(), byId: actor.id, byName: actor.displayName, signed: record.signed, folder: record.folder });
  });
}

/** The backup file; recorded as made by `options.actor` when given. */
export async function exportBackup(data: DataStore, platform: Pick<PlatformPort, 'blobs'>, options: ExportOptions = {}): Promise<Uint8Array> {
  const { bytes, record } = await makeBackup(data, platform, options);
  if (options.actor) await recordBackupExport(data, options.actor, { ...record, folder: options.folder ?? null });
  return bytes;
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
  /** Aborted: the restore stops at its next batch and nothing is changed. */
  signal?: AbortSignal;
  limits?: DecodeLimits;
  /**
   * Where blobs go. Omitted: the browser store (written in the restore's own transaction). Given
   * (Electron's file store): written first — content-addressed, so extra blobs left by a failed
   * restore are harmless.
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

export type RestoreFailure = {
  ok: false;
  code: RestoreErrorCode;
  /** What the screen says, in the user's language (its key is `code`, or a more precise one). */
  problem: Problem;
  /** English, for logs and support tools; never shown as the reason. */
  detail: string;
};

export type RestoreResult = { ok: true; counts: Record<BackupTableName, number>; blobs: number; provenance: RestoreProvenance } | RestoreFailure;

function refused(code: RestoreErrorCode, detail: string, params: Record<string, string> = {}, items?: readonly Problem[]): RestoreFailure {
  return { ok: false, code, problem: problem(code, params, items), detail };
}

const CANCELLED = () => refused('backup.cancelled', 'The restore was cancelled; nothing was changed.');

async function webCryptoSha256(data: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)));
}

export async function restoreBackup(data: DataStore, bytes: Uint8Array, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { onProgress, signal } = options;
  onProgress?.({ phase: 'verify', done: 0, total: bytes.byteLength });
  if (signal?.aborted) return CANCELLED();
  const decoded = await decodeBackupAsync(bytes, options.limits ?? DEFAULT_RESTORE_LIMITS, webCryptoSha256);
  if (!decoded.ok) return refused(decoded.code, decoded.detail);
  const accepted = await acceptedProvenance(data, decoded.backup, options);
  if ('code' in accepted) return accepted;
  onProgress?.({ phase: 'verify', done: bytes.byteLength, total: bytes.byteLength });
  try {
    return { ...(await writeBackup(data, decoded.backup, options, accepted.provenance)), provenance: accepted.provenance };
  } catch (error) {
    if (signal?.aborted) return CANCELLED();
    return writeFailed(error);
  }
}

/** A failed write as the screen says it: a full disk named as such. */
function writeFailed(error: unknown): RestoreFailure {
  const detail = `The data could not be written (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}); the workstation still holds its previous data.`;
  const failure = refused('backup.write_failed', detail);
  return error instanceof Error && /quota/i.test(error.name) ? { ...failure, problem: problem('backup.disk_full') } : failure;
}

function signerParams(signer: BackupSigner): Record<string, string> {
  return { name: signer.name, fingerprint: signer.fingerprint256 };
}

/** The signature checks and the approval; a refusal is a failed result, nothing written. */
async function acceptedProvenance(data: DataStore, backup: DecodedBackup, options: RestoreOptions): Promise<{ provenance: RestoreProvenance } | RestoreFailure> {
  const provenance = await (await signatures()).verifyBackupSignature(backup, verifierFor);
  if (provenance.kind === 'invalid') return refused('backup.signature_invalid', provenance.detail);
  if (provenance.kind === 'signed') {
    const own = identityCertificates(await readIdentity(data));
    if (own.length > 0) {
      const { certificateKeyId } = await import('../../../shared/identity/institution');
      if (!own.map(certificateKeyId).includes(provenance.signer.keyId)) {
        const detail = `The backup was signed by ${provenance.signer.name} (${provenance.signer.fingerprint256}), not by this workstation's institution.`;
        return refused('backup.signer_foreign', detail, signerParams(provenance.signer));
      }
    }
  }
  const approval = options.approve ? await options.approve(provenance) : { restore: true, unsignedAcknowledged: false };
  if (!approval.restore) return CANCELLED();
  if (provenance.kind === 'unsigned' && !approval.unsignedAcknowledged) {
    return refused('backup.unsigned_not_acknowledged', 'The backup is not signed by any institution; restoring it needs the acknowledgement that nothing vouches for its content.');
  }
  return { provenance };
}

async function writeBackup(data: DataStore, backup: DecodedBackup, options: RestoreOptions, provenance: RestoreProvenance): Promise<Omit<Extract<RestoreResult, { ok: true }>, 'provenance'>> {
  const { onProgress, signal, blobStore } = options;
  const blobRows: BlobRow[] = [...backup.blobs].map(([sha256, bytes]) => ({ sha256, bytes, size: bytes.byteLength }));
  const total = BACKUP_TABLE_NAMES.reduce((n, table) => n + backup.tables[table].length, 0) + blobRows.length;
  let done = 0;
  const advance = (rows: number) => {
    done += rows;
    onProgress?.({ phase: 'write', done, total });
  };

  if (blobStore) {
    for (const bytes of backup.blobs.values()) {
      if (signal?.aborted) throw new Error('cancelled');
      await blobStore.put(bytes);
      advance(1);
    }
  }

  const actor = options.actor;
  await data.bulk.replaceAll(backup.tables, {
    actor: actor ? actorOf(actor) : SYSTEM_ACTOR,
    ...(blobStore ? {} : { blobs: blobRows }),
    onBatch: advance,
    ...(signal ? { signal } : {}),
    finish: async () => {
      if (!actor) return;
      await data.events.record({
        actor: actorOf(actor),
        at: options.now ?? new Date(),
        entity: 'backup',
        entityId: 'backup',
        action: 'backup.restore',
        after: { createdAt: backup.manifest.createdAt, cases: backup.tables.cases.length, signedBy: provenance.kind === 'signed' ? signerParams(provenance.signer) : null },
      });
    },
  });
  const counts = Object.fromEntries(BACKUP_TABLE_NAMES.map((t) => [t, backup.tables[t].length])) as Record<BackupTableName, number>;
  return { ok: true as const, counts, blobs: blobRows.length };
}
