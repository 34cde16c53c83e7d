// Referrals through the center server (issue 18 item 5), over the center feature's signed-in
// transport: the directory a sender picks the receiver from; the signed referral file handed to
// the server instead of saved (the same file, the same consent and checks); the receiver's inbox
// filled from the rows sent to it (each file read and verified exactly as an imported one); the
// receiver's answer — the signed answer file of an acceptance or a decline — put on the row, sent
// again at the next pull when the server could not be reached; and the sender's referral moved on
// by the row's answer (its answer file imported as one brought by hand, else the row's word).
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import type { Referral } from '../../../shared/referral';
import { directoryResponseSchema, referralDocumentsResponseSchema, referralListResponseSchema, referralViewSchema, type DirectoryEntry, type ReferralView } from '../../../shared/server/api';
import type { DataStore } from '../../data';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import type { CenterCall } from '../center';
import type { ReferralRecord } from './kinds';
import { importAnswer, importReferral, listReferrals, markAnswerSent, recordServerAnswer } from './store';

type Platform = Pick<PlatformPort, 'keys' | 'blobs'>;

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The institutions the server lists for a dispute of `category` in the area starting with `area`. */
export async function loadDirectory(call: CenterCall, filter: { category?: string; area?: string }): Promise<DirectoryEntry[]> {
  const query = new URLSearchParams();
  if (filter.category) query.set('category', filter.category);
  if (filter.area) query.set('area', filter.area);
  const text = query.toString();
  return (await call('GET', `/institutions/directory${text ? `?${text}` : ''}`, directoryResponseSchema)).institutions;
}

/** Hands a signed referral file to the server, addressed to the institution picked from the directory. */
export function deliverThrough(call: CenterCall): (file: { referral: Referral; bytes: Uint8Array }) => Promise<{ version: number }> {
  return async ({ referral, bytes }) => {
    const row = await call('POST', '/referrals', referralViewSchema, { caseId: null, receiverCreditCode: referral.receiver.creditCode, kind: referral.kind, note: '', document: toBase64(bytes) });
    return { version: row.version };
  };
}

/** Puts the receiver's answer (accepted or declined, with its signed answer file) on the server's row. */
export function answerOnCenter(data: DataStore, platform: Platform, actor: User, call: CenterCall, record: ReferralRecord): Promise<StoreResult<ReferralRecord>> {
  return asResult(async () => {
    if (!record.via || record.direction !== 'incoming' || record.status === 'received') throw new StoreError('referral.not_incoming', 'Only an answered referral received through the center server is answered there.');
    const bytes = record.answerFileSha256 ? await platform.blobs.get(record.answerFileSha256) : null;
    const accept = record.status !== 'declined';
    const body = { accept, baseVersion: record.via.version, reason: accept ? '' : (record.answer?.reason ?? ''), ...(bytes ? { answerDocument: toBase64(bytes) } : {}) };
    let row: ReferralView;
    try {
      row = await call('POST', `/referrals/${record.id}/answer`, referralViewSchema, body);
    } catch (error) {
      // Answered meanwhile by this very answer (a pull sent it, or a reply was lost): the row says so.
      if (!(error instanceof StoreError && error.code === 'server.conflict')) throw error;
      const current = await call('GET', `/referrals/${record.id}`, referralViewSchema);
      if (current.status !== (accept ? 'accepted' : 'declined')) throw error;
      row = current;
    }
    const marked = await markAnswerSent(data, actor, record.id, row.version);
    if (!marked.ok) throw marked.error;
    return marked.value;
  });
}

export interface PullOutcome {
  /** Referrals new in the inbox. */
  received: number;
  /** Referrals sent from here that the receiver answered meanwhile. */
  answered: number;
  /** What could not be taken in (a file refused, an answer out of turn): the rest went on. */
  problems: StoreError[];
}

async function documentsOf(call: CenterCall, id: string) {
  return call('GET', `/referrals/${id}/documents`, referralDocumentsResponseSchema);
}

/** A row received: new in the inbox, or the answer given here still to reach it. */
async function takeReceived(data: DataStore, platform: Platform, actor: User, call: CenterCall, row: ReferralView, mine: ReferralRecord | undefined): Promise<StoreResult<unknown> | 'new' | null> {
  if (!mine) {
    if (row.status !== 'sent') return null;
    const { referral } = await documentsOf(call, row.id);
    if (!referral) return null;
    const imported = await importReferral(data, platform, actor, fromBase64(referral), new Date(), { kind: 'server', version: row.version, answerSent: false, reason: '' });
    return imported.ok ? 'new' : imported;
  }
  if (!mine.via || mine.via.answerSent || mine.status === 'received') return null;
  // Answered here: the row still waiting gets it now; a row answered already (the answer's reply lost) is marked.
  return row.status === 'sent' ? answerOnCenter(data, platform, actor, call, mine) : markAnswerSent(data, actor, mine.id, row.version);
}

/** A row sent from here and answered: its answer file imported, else the row's word taken. */
async function takeAnswered(data: DataStore, platform: Platform, actor: User, call: CenterCall, row: ReferralView, mine: ReferralRecord): Promise<StoreResult<unknown>> {
  if (row.status === 'sent') return { ok: true, value: null };
  if (row.answerDocument) {
    const { answer } = await documentsOf(call, row.id);
    if (answer) {
      const imported = await importAnswer(data, platform, actor, fromBase64(answer));
      if (imported.ok) return imported;
    }
  }
  return recordServerAnswer(data, actor, mine.id, { status: row.status, reason: row.reason, version: row.version });
}

/** Reads the server's referral rows of this institution and brings this workstation's referrals in step. */
export function pullFromCenter(data: DataStore, platform: Platform, actor: User, call: CenterCall): Promise<StoreResult<PullOutcome>> {
  return asResult(async () => {
    const rows = (await call('GET', '/referrals', referralListResponseSchema)).referrals.filter((r) => r.documentSha256 !== null);
    const local = new Map((await listReferrals(data)).map((r) => [r.id, r]));
    const outcome: PullOutcome = { received: 0, answered: 0, problems: [] };
    for (const row of rows) {
      const mine = local.get(row.id);
      if (row.direction === 'received') {
        const taken = await takeReceived(data, platform, actor, call, row, mine);
        if (taken === 'new') outcome.received += 1;
        else if (taken && !taken.ok) outcome.problems.push(taken.error);
      } else if (mine?.direction === 'outgoing' && mine.via && mine.status === 'sent') {
        const taken = await takeAnswered(data, platform, actor, call, row, mine);
        if (!taken.ok) outcome.problems.push(taken.error);
        else if (row.status !== 'sent') outcome.answered += 1;
      }
    }
    return outcome;
  });
}
