// A case's evidence ledger in the workstation database (issue 3): files go into the platform's
// content-addressed blob store, hashed as a stream with progress and cancel; each item becomes the
// next entry of the case's ledger (shared/ledger) and an audit event, in one transaction, so a
// file that could not be read or stored leaves no half entry behind.
import type { PlatformPort, HashProgress, CancelSignal } from '../../../shared/platform';
import { canEditCase, canViewCase } from '../../../shared/domain/permissions';
import type { User } from '../../../shared/domain/model';
import { nextEntry, sealEntry, type EntryInput, type LedgerEntry } from '../../../shared/ledger/entry';
import { verifyLedger, type LedgerReport } from '../../../shared/ledger/verify';
import { recordEvent } from '../../db/audit';
import { readCaseRow } from '../../db/case-rows';
import type { WorkstationDb } from '../../db/db';
import { asResult, StoreError, type StoreResult } from '../cases/store/result';

/** A row of the `ledgerEntries` table: one entry, keyed so that a case's rows read in order. */
export interface LedgerEntryRow {
  id: string;
  caseId: string;
  seq: number;
  entry: LedgerEntry;
  entryHash: string;
}

export function ledgerRowId(caseId: string, seq: number): string {
  return `${caseId}#${String(seq).padStart(9, '0')}`;
}

/** What the evidence tab hands over for one picked file. */
export interface EvidenceFile {
  name: string;
  size: number;
  mediaType: string;
  chunks(): AsyncIterable<Uint8Array>;
  bytes(): Promise<Uint8Array>;
}

export interface EvidenceDetails {
  title: string;
  /** 'file' unless said otherwise; a typed note is kind 'note'. */
  kind?: LedgerEntry['kind'];
  submittedBy: LedgerEntry['submittedBy'];
  shownToOtherParty: boolean;
}

export async function readLedgerRows(db: WorkstationDb, caseId: string): Promise<LedgerEntryRow[]> {
  return (await db.ledgerEntries.where('caseId').equals(caseId).toArray()) as unknown as LedgerEntryRow[];
}

async function visibleCase(db: WorkstationDb, actor: User, caseId: string, forWriting: boolean) {
  const row = await readCaseRow(db, caseId);
  if (!row || !canViewCase(actor, row)) throw new StoreError('case.not_found', 'The case does not exist or is not visible to you.', { caseId });
  if (forWriting && !canEditCase(actor, row)) throw new StoreError('auth.forbidden', 'You may not change this case.', { number: row.number });
  return row;
}

/**
 * Hashes, stores and records one file. A file already in the case's ledger is refused (found by
 * its hash); a file that changes while it is read is refused too.
 */
export async function addEvidenceFile(
  db: WorkstationDb,
  platform: Pick<PlatformPort, 'blobs' | 'hashing'>,
  actor: User,
  caseId: string,
  file: EvidenceFile,
  details: EvidenceDetails,
  options: { onProgress?: (p: HashProgress) => void; signal?: CancelSignal; now?: Date } = {},
): Promise<StoreResult<LedgerEntry>> {
  return asResult(async () => {
    await visibleCase(db, actor, caseId, true);
    const title = details.title.trim();
    if (title === '' || [...title].length > 200) throw new StoreError('evidence.title', 'Give the item a title of at most 200 characters.');
    let hash: string;
    try {
      hash = await platform.hashing.sha256(file.chunks(), { total: file.size, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (options.signal?.aborted) throw new StoreError('evidence.cancelled', 'Adding the file was cancelled; nothing was recorded.', { name: file.name });
      throw new StoreError('evidence.unreadable', 'The file could not be read.', { name: file.name, detail: (error as Error).message });
    }
    const existing = (await readLedgerRows(db, caseId)).find((r) => r.entry.contentSha256 === hash && r.entry.action !== 'withdraw');
    if (existing) throw new StoreError('evidence.duplicate', 'This file is already in the case.', { name: file.name, seq: existing.seq + 1, title: existing.entry.title });
    const stored = await platform.blobs.put(await file.bytes());
    if (stored !== hash) throw new StoreError('evidence.changed', 'The file changed while it was being read; add it again.', { name: file.name });

    const input: EntryInput = {
      action: 'add',
      refersTo: null,
      kind: details.kind ?? 'file',
      title,
      mediaType: file.mediaType || 'application/octet-stream',
      size: file.size,
      contentSha256: hash,
      author: { id: actor.id, name: actor.displayName },
      submittedBy: details.submittedBy,
      shownToOtherParty: details.shownToOtherParty,
      createdAt: (options.now ?? new Date()).toISOString(),
    };
    return db.transaction('rw', [db.users, db.caseBuckets, db.ledgerEntries, db.eventPages], async () => {
      const current = await db.users.get(actor.id);
      if (!current || !current.active) throw new StoreError('auth.inactive', 'This account has been deactivated; ask an administrator.');
      await visibleCase(db, current, caseId, true);
      const rows = await readLedgerRows(db, caseId);
      const last = rows[rows.length - 1];
      const entry = nextEntry(caseId, last ? { entry: last.entry, hash: last.entryHash } : null, input);
      const { hash: entryHash } = sealEntry(entry);
      const row: LedgerEntryRow = { id: ledgerRowId(caseId, entry.seq), caseId, seq: entry.seq, entry, entryHash };
      await db.ledgerEntries.add(row as unknown as Parameters<typeof db.ledgerEntries.add>[0]);
      await recordEvent(db, {
        actor: { id: current.id, displayName: current.displayName },
        at: input.createdAt,
        entity: 'evidence',
        entityId: row.id,
        caseId,
        action: 'evidence.add',
        after: { seq: entry.seq, title, size: file.size, contentSha256: hash, entryHash },
      });
      return entry;
    });
  });
}

/** The most characters of a typed note; it is stored and hashed like a file. */
export const NOTE_MAX = 20_000;

/** Records text typed in the app (a cross-examination opinion, a phone call) as an item of kind 'note'. */
export async function addEvidenceNote(
  db: WorkstationDb,
  platform: Pick<PlatformPort, 'blobs' | 'hashing'>,
  actor: User,
  caseId: string,
  note: { title: string; text: string; submittedBy: LedgerEntry['submittedBy']; shownToOtherParty: boolean },
): Promise<StoreResult<LedgerEntry>> {
  const text = note.text.trim();
  if (text === '' || [...text].length > NOTE_MAX) {
    return { ok: false, error: new StoreError('evidence.note_text', 'A note needs some text, at most 20,000 characters.', { max: NOTE_MAX }) };
  }
  return addEvidenceFile(db, platform, actor, caseId, noteFile(note.title, text), { ...note, kind: 'note' });
}

function noteFile(title: string, text: string): EvidenceFile {
  const bytes = new TextEncoder().encode(text);
  return {
    name: title,
    size: bytes.length,
    mediaType: 'text/plain; charset=utf-8',
    async *chunks() {
      yield bytes;
    },
    bytes: async () => bytes,
  };
}

/** Re-hashes every file and checks every link of the case's ledger, reporting progress per file. */
export async function verifyCaseEvidence(
  db: WorkstationDb,
  platform: Pick<PlatformPort, 'blobs' | 'hashing'>,
  actor: User,
  caseId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<StoreResult<LedgerReport>> {
  return asResult(async () => {
    await visibleCase(db, actor, caseId, false);
    const rows = await readLedgerRows(db, caseId);
    const withFiles = rows.filter((r) => r.entry.contentSha256 !== null).length;
    let done = 0;
    onProgress?.(0, withFiles);
    return verifyLedger({
      caseId,
      entries: rows.map((r) => r.entry),
      checkpoints: [],
      verifySignature: async () => false,
      checkFile: async (entry) => {
        const bytes = await platform.blobs.get(entry.contentSha256 as string);
        onProgress?.(++done, withFiles);
        if (!bytes) return 'missing';
        const hash = await platform.hashing.sha256((async function* () {
          yield bytes;
        })());
        return hash === entry.contentSha256 ? 'ok' : 'mismatch';
      },
    });
  });
}
