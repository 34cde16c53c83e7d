// A case's evidence ledger in the workstation database (issue 3): files go into the platform's
// content-addressed blob store, hashed as a stream with progress and cancel; each item becomes the
// next entry of the case's ledger (shared/ledger) and an audit event, in one transaction, so a
// file that could not be read or stored leaves no half entry behind.
import type { PlatformPort, HashProgress, CancelSignal, OpenedFile } from '../../../shared/platform';
import { canEditCase, canViewCase } from '../../../shared/domain/permissions';
import type { User } from '../../../shared/domain/model';
import { nextEntry, sealEntry, type EntryInput, type LedgerEntry } from '../../../shared/ledger/entry';
import type { AuditActionUnder } from '../../../shared/audit/actions';
import { ledgerRowId, type AuditInput, type DataStore, type LedgerEntryRow } from '../../data';
import { activeActor, actorOf, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { ensureRoomFor } from '../storage';

/** What the evidence tab hands over for one picked, dropped or photographed file. */
export interface EvidenceFile {
  file: OpenedFile;
  mediaType: string;
}

export interface EvidenceDetails {
  title: string;
  /** 'file' unless said otherwise; a typed note is kind 'note'. */
  kind?: LedgerEntry['kind'];
  submittedBy: LedgerEntry['submittedBy'];
  shownToOtherParty: boolean;
  /** The earlier entry this one corrects (a corrected version of that item). */
  corrects?: number;
}

/** An in-memory file (a typed note, a photo taken in the app) in the platform port's shape. */
export function bytesFile(name: string, bytes: Uint8Array): OpenedFile {
  return {
    name,
    size: bytes.length,
    readBytes: async () => bytes,
    async *chunks(chunkSize = 4 * 1024 * 1024) {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    },
  };
}

/** The case's ledger rows in entry order (their ids sort by seq). */
export function readLedgerRows(data: DataStore, caseId: string): Promise<LedgerEntryRow[]> {
  return data.ledgerEntries.byCase(caseId);
}

export async function visibleCase(data: DataStore, actor: User, caseId: string, forWriting: boolean) {
  const row = await data.cases.get(caseId);
  if (!row || !canViewCase(actor, row)) throw new StoreError('case.not_found', 'The case does not exist or is not visible to you.', { caseId });
  if (forWriting && !canEditCase(actor, row)) throw new StoreError('auth.forbidden', 'You may not change this case.', { number: row.number });
  return row;
}

function abortedOrUnreadable(error: unknown, signal: CancelSignal | undefined, name: string): StoreError {
  if (signal?.aborted || (error as Error | null)?.name === 'AbortError') return new StoreError('evidence.cancelled', 'Adding the file was cancelled; nothing was recorded.', { name });
  // The platform's own words are for the log; the user reads the file's name and what to do.
  return new StoreError('evidence.unreadable', `The file could not be read or stored; nothing was recorded (${(error as Error | null)?.message ?? String(error)}).`, { name });
}

/** A record the app makes itself (a signature, minutes, a recording, a ruling), as a new ledger entry. */
export function recordEntry(record: { kind: EntryInput['kind']; title: string; mediaType: string; size: number; sha256: string; author: User; at: string; submittedBy?: EntryInput['submittedBy']; shownToOtherParty?: boolean }): EntryInput {
  return {
    action: 'add',
    refersTo: null,
    kind: record.kind,
    title: record.title,
    mediaType: record.mediaType,
    size: record.size,
    contentSha256: record.sha256,
    author: personOf(record.author),
    submittedBy: record.submittedBy ?? null,
    shownToOtherParty: record.shownToOtherParty ?? true,
    createdAt: record.at,
  };
}

/** The audit event of what the case's ledger gained (an entry, a signed checkpoint of it). */
export function evidenceEvent(actor: User, at: Date | string, caseId: string, rowId: string, action: AuditActionUnder<'evidence'>, after: Record<string, unknown>): AuditInput {
  return { actor: actorOf(actor), at, entity: 'evidence', entityId: rowId, caseId, action: `evidence.${action}`, after };
}

/**
 * Appends one entry and its audit event in one transaction (joining the caller's, when there is
 * one), re-checking the actor and the case.
 */
export async function appendLedgerEntry(data: DataStore, actor: User, caseId: string, input: EntryInput, auditAfter: Record<string, unknown>): Promise<LedgerEntry> {
  return data.transact(actorOf(actor), async () => {
    const current = await activeActor(data, actor);
    await visibleCase(data, current, caseId, true);
    const rows = await readLedgerRows(data, caseId);
    const last = rows[rows.length - 1];
    const existing = input.contentSha256 === null ? undefined : rows.find((r) => r.entry.contentSha256 === input.contentSha256);
    if (existing) throw new StoreError('evidence.duplicate', 'This file is already in the case.', { name: input.title, seq: existing.seq + 1, title: existing.entry.title });
    if (input.refersTo !== null) {
      const target = rows[input.refersTo];
      if (!target || target.entry.action === 'withdraw') throw new StoreError('evidence.reference', 'That item cannot be corrected or withdrawn.', { seq: input.refersTo + 1 });
      if (rows.some((r) => r.entry.action === 'withdraw' && r.entry.refersTo === input.refersTo)) {
        throw new StoreError('evidence.withdrawn', 'That item was withdrawn already.', { seq: input.refersTo + 1 });
      }
    }
    const entry = nextEntry(caseId, last ? { entry: last.entry, hash: last.entryHash } : null, input);
    const { hash: entryHash } = sealEntry(entry);
    const row: LedgerEntryRow = { id: ledgerRowId(caseId, entry.seq), caseId, seq: entry.seq, entry, entryHash };
    await data.ledgerEntries.add(row);
    await data.events.record(evidenceEvent(current, input.createdAt, caseId, row.id, input.action, { seq: entry.seq, title: entry.title, entryHash, ...auditAfter }));
    return entry;
  });
}

function checkTitle(raw: string): string {
  const title = raw.trim();
  if (title === '' || [...title].length > 200) throw new StoreError('evidence.title', 'Give the item a title of at most 200 characters.');
  return title;
}

/**
 * Stores and records one file: copied into the blob store while its SHA-256 is computed (never
 * held whole in memory), then refused if the case already has it (found by its hash), else
 * appended to the ledger. A file that fails or is cancelled midway leaves no entry; a large file
 * that would take the browser's store past 95% of its quota is refused before it is read
 * (`storage.full`, issue 16 item 8).
 */
export async function addEvidenceFile(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs'>,
  actor: User,
  caseId: string,
  evidence: EvidenceFile,
  details: EvidenceDetails,
  options: { onProgress?: (p: HashProgress) => void; signal?: CancelSignal; now?: Date } = {},
): Promise<StoreResult<LedgerEntry>> {
  return asResult(async () => {
    const { file } = evidence;
    await visibleCase(data, actor, caseId, true);
    const title = checkTitle(details.title);
    await ensureRoomFor(file.size);
    let hash: string;
    try {
      hash = await platform.blobs.putFile(file, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      throw abortedOrUnreadable(error, options.signal, file.name);
    }
    const corrects = details.corrects ?? null;
    const input: EntryInput = {
      action: corrects === null ? 'add' : 'correct',
      refersTo: corrects,
      kind: details.kind ?? 'file',
      title,
      mediaType: evidence.mediaType || 'application/octet-stream',
      size: file.size,
      contentSha256: hash,
      author: personOf(actor),
      submittedBy: details.submittedBy,
      shownToOtherParty: details.shownToOtherParty,
      createdAt: (options.now ?? new Date()).toISOString(),
    };
    return appendLedgerEntry(data, actor, caseId, input, { size: file.size, contentSha256: hash });
  });
}

/** Withdraws an item: a new entry referring to it, giving the reason. Nothing is deleted. */
export async function withdrawEvidence(data: DataStore, actor: User, caseId: string, seq: number, reason: string, now = new Date()): Promise<StoreResult<LedgerEntry>> {
  return asResult(async () => {
    await visibleCase(data, actor, caseId, true);
    const text = reason.trim();
    if (text === '' || [...text].length > 150) throw new StoreError('evidence.withdraw_reason', 'Say why the item is withdrawn, in at most 150 characters.', { max: 150 });
    const target = (await readLedgerRows(data, caseId))[seq];
    if (!target) throw new StoreError('evidence.reference', 'That item cannot be corrected or withdrawn.', { seq: seq + 1 });
    return appendLedgerEntry(
      data,
      actor,
      caseId,
      {
        action: 'withdraw',
        refersTo: seq,
        kind: target.entry.kind,
        title: checkTitle(text),
        mediaType: target.entry.mediaType,
        size: 0,
        contentSha256: null,
        author: personOf(actor),
        submittedBy: target.entry.submittedBy,
        shownToOtherParty: target.entry.shownToOtherParty,
        createdAt: now.toISOString(),
      },
      { withdrawn: seq },
    );
  });
}

/** The most characters of a typed note; it is stored and hashed like a file. */
export const NOTE_MAX = 20_000;

/** Records text typed in the app (a cross-examination opinion, a phone call) as an item of kind 'note'. */
export async function addEvidenceNote(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs'>,
  actor: User,
  caseId: string,
  note: { title: string; text: string; submittedBy: LedgerEntry['submittedBy']; shownToOtherParty: boolean },
): Promise<StoreResult<LedgerEntry>> {
  const text = note.text.trim();
  if (text === '' || [...text].length > NOTE_MAX) {
    return { ok: false, error: new StoreError('evidence.note_text', 'A note needs some text, at most 20,000 characters.', { max: NOTE_MAX }) };
  }
  const file = { file: bytesFile(note.title, new TextEncoder().encode(text)), mediaType: 'text/plain; charset=utf-8' };
  return addEvidenceFile(data, platform, actor, caseId, file, { ...note, kind: 'note' });
}
