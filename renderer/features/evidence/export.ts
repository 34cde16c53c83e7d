// Export for others (issue 3 item 7): a case's whole ledger as a zip (entries, signed checkpoints,
// proofs, the certificate chain and optionally the files), or one item with its inclusion proof.
// Exporting is a milestone: entries not yet under a checkpoint get one signed first, so everything
// handed out is covered by the institution's signature.
import { zipBytes as zipSync, type ZipTree as Zippable } from '../../../shared/archive';
import { canEditCase } from '../../../shared/domain/permissions';
import type { User } from '../../../shared/domain/model';
import { discloseItem, disclosureFiles } from '../../../shared/ledger/disclosure';
import { ledgerExportFiles } from '../../../shared/ledger/export';
import { CaseLedger } from '../../../shared/ledger/ledger';
import type { PlatformPort } from '../../../shared/platform';
import type { CheckpointRow, DataStore } from '../../data';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { identityCertificates, readIdentity } from '../identity';
import { readCheckpoints, signCaseCheckpoint, treeOf } from './checkpoints';
import { readLedgerRows, visibleCase } from './store';

/** Files are read whole into the zip; beyond this, export without them (the files stay in the app). */
export const MAX_EXPORT_FILE_BYTES = 1024 ** 3;

export interface ExportOptions {
  withFiles: boolean;
  passphrase?: string;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  signal?: { aborted: boolean };
}

export interface ExportedZip {
  name: string;
  bytes: Uint8Array;
}

async function coveringCheckpoints(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  actor: User,
  caseId: string,
  entries: number,
  options: ExportOptions,
): Promise<CheckpointRow[]> {
  let checkpoints = await readCheckpoints(data, caseId);
  if ((checkpoints.at(-1)?.treeSize ?? 0) < entries) {
    const record = await visibleCase(data, actor, caseId, false);
    if (!canEditCase(actor, record)) throw new StoreError('evidence.export_uncovered', 'Some items are not yet covered by a signed checkpoint; the case’s mediator can export it.');
    const signed = await signCaseCheckpoint(data, platform, actor, caseId, 'ledger_exported', { ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}), ...(options.now ? { now: options.now } : {}) });
    if (!signed.ok) throw signed.error;
    checkpoints = await readCheckpoints(data, caseId);
  }
  return checkpoints;
}

function certificatesPem(pems: readonly string[]): string {
  return pems.map((p) => p.trim()).join('\n') + '\n';
}

async function readFileWhole(platform: Pick<PlatformPort, 'blobs'>, hash: string): Promise<Uint8Array> {
  const bytes = await platform.blobs.get(hash);
  if (!bytes) throw new StoreError('evidence.export_missing_file', 'A file of the ledger is missing from the store; verify the evidence first.', { hash: hash.slice(0, 12) });
  return bytes;
}

function zip(files: Map<string, Uint8Array>): Uint8Array {
  const tree: Zippable = {};
  for (const [name, bytes] of files) tree[name] = name.startsWith('files/') ? [bytes, { level: 0 }] : bytes;
  return zipSync(tree, { level: 6 });
}

export async function exportCaseLedger(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys' | 'blobs'>,
  actor: User,
  caseId: string,
  options: ExportOptions,
): Promise<StoreResult<ExportedZip>> {
  return asResult(async () => {
    const record = await visibleCase(data, actor, caseId, false);
    const rows = await readLedgerRows(data, caseId);
    if (rows.length === 0) throw new StoreError('evidence.checkpoint_empty', 'The ledger has no entries to sign yet.');
    const entries = rows.map((r) => r.entry);
    const withContent = entries.filter((e) => e.contentSha256 !== null);
    const total = withContent.reduce((n, e) => n + e.size, 0);
    if (options.withFiles && total > MAX_EXPORT_FILE_BYTES) throw new StoreError('evidence.export_too_large', 'The files are too large to put in one zip; export without files.', { size: total });
    const checkpoints = await coveringCheckpoints(data, platform, actor, caseId, rows.length, options);
    const ledger = CaseLedger.of(caseId, entries, checkpoints.map((c) => c.signed));
    let files: Map<string, Uint8Array> | undefined;
    if (options.withFiles) {
      files = new Map();
      let done = 0;
      options.onProgress?.(0, withContent.length);
      for (const entry of withContent) {
        if (options.signal?.aborted) throw new StoreError('evidence.export_cancelled', 'The export was cancelled; nothing was saved.');
        files.set(entry.contentSha256 as string, await readFileWhole(platform, entry.contentSha256 as string));
        options.onProgress?.(++done, withContent.length);
      }
    }
    const pem = certificatesPem(identityCertificates(await readIdentity(data)));
    const bytes = zip(ledgerExportFiles(ledger, pem, options.now ?? new Date(), files));
    return { name: `证据账本-${record.number}.zip`, bytes };
  });
}

export async function exportEvidenceItem(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys' | 'blobs'>,
  actor: User,
  caseId: string,
  seq: number,
  options: ExportOptions,
): Promise<StoreResult<ExportedZip>> {
  return asResult(async () => {
    const record = await visibleCase(data, actor, caseId, false);
    const rows = await readLedgerRows(data, caseId);
    const row = rows[seq];
    if (!row) throw new StoreError('evidence.reference', 'That item cannot be corrected or withdrawn.', { seq: seq + 1 });
    const checkpoints = await coveringCheckpoints(data, platform, actor, caseId, seq + 1, options);
    const latest = checkpoints.at(-1) as CheckpointRow;
    const tree = treeOf(rows.slice(0, latest.treeSize));
    const disclosure = discloseItem(tree, row.entry, latest.signed);
    const withFile = options.withFiles && row.entry.contentSha256 !== null;
    if (withFile && row.entry.size > MAX_EXPORT_FILE_BYTES) throw new StoreError('evidence.export_too_large', 'The files are too large to put in one zip; export without files.', { size: row.entry.size });
    const file = withFile ? await readFileWhole(platform, row.entry.contentSha256 as string) : undefined;
    const pem = certificatesPem(identityCertificates(await readIdentity(data)));
    return { name: `证据-${record.number}-第${seq + 1}项.zip`, bytes: zip(disclosureFiles(disclosure, pem, file)) };
  });
}
