// The referral commands (issue 18 item 5): make and sign a referral, import one into the inbox
// (verified; refused with what is wrong), register its sender after comparing the fingerprint,
// accept it (the case registered from it, nothing retyped, its origin recorded) or decline it with
// a reason — each answer a signed file for the sender — and import the answer on the sender's side.
// The institution key is unlocked before any write, so a wrong passphrase changes nothing; every
// write is one transaction with its audit event.
import type { User } from '../../../shared/domain/model';
import { isCategoryCode } from '../../../shared/domain/categories';
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import { canRegisterCase } from '../../../shared/domain/permissions';
import type { PlatformPort } from '../../../shared/platform';
import {
  ANSWER_FORMAT,
  checkDecline,
  checkReferralDraft,
  readAnswerFile,
  readReferralFile,
  REFERRAL_FORMAT,
  signAnswer,
  signReferral,
  mayMove,
  sourceOf,
  statusAfterAnswer,
  type Referral,
  type ReferralAnswer,
  type ReferralDraft,
} from '../../../shared/referral';
import type { DataStore } from '../../data';
import { actorOf, activeActor, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { installNodeBuffer } from '../agreements';
import { registerCase, transitionCase } from '../case-store';
import { institutionPdfKey } from '../identity';
import { mayWorkReferrals } from './permissions';
import { HANDLED_CATEGORIES_KEY, handledCategoriesSchema, REFERRALS, REGISTERED_SENDERS_KEY, registeredSendersSchema, type ReferralRecord, type RegisteredSender, type ViaServer } from './kinds';

installNodeBuffer();

type Platform = Pick<PlatformPort, 'keys' | 'blobs'>;

export interface SignedFile {
  record: ReferralRecord;
  name: string;
  bytes: Uint8Array;
}

function requireWorker(user: User): void {
  if (!mayWorkReferrals(user)) throw new StoreError('auth.forbidden', 'Your role may not send or answer referrals.');
}

export async function registeredSenders(data: DataStore): Promise<RegisteredSender[]> {
  return (await data.meta.get(REGISTERED_SENDERS_KEY, registeredSendersSchema)) ?? [];
}

/** The categories this institution takes on; empty: all of them. */
export async function handledCategories(data: DataStore): Promise<string[]> {
  return (await data.meta.get(HANDLED_CATEGORIES_KEY, handledCategoriesSchema)) ?? [];
}

export function handles(categories: readonly string[], category: string): boolean {
  return categories.length === 0 || categories.includes(category);
}

export async function listReferrals(data: DataStore): Promise<ReferralRecord[]> {
  return (await data.records(REFERRALS).all()).sort((a, b) => b.at.localeCompare(a.at));
}

async function readRecord(data: DataStore, id: string): Promise<ReferralRecord> {
  const record = await data.records(REFERRALS).get(id);
  if (!record) throw new StoreError('referral.not_found', 'The referral is not on this workstation.');
  return record;
}

// ---------------------------------------------------------------- sending

export interface SendInput {
  draft: ReferralDraft;
  consentBy: string;
  consultationId: string | null;
  passphrase?: string;
  /**
   * Hands the signed file to the center server (POST /referrals) before anything is kept here:
   * refused there, nothing is kept and the form stays as it was. Without it, the file is for saving.
   */
  deliver?: (file: { referral: Referral; bytes: Uint8Array }) => Promise<{ version: number }>;
}

/** Why a draft cannot be sent, each wrong field named; null when it can. Checked before the key's passphrase is asked for. */
export function referralDraftRefusal(draft: ReferralDraft, today: string): StoreError | null {
  const errors = checkReferralDraft(draft, today);
  return errors.length > 0 ? new StoreError('referral.invalid', 'Some fields of the referral need correcting.', { count: errors.length }, errors) : null;
}

export function sendReferral(data: DataStore, platform: Platform, actor: User, input: SendInput, today: string, now = new Date()): Promise<StoreResult<SignedFile>> {
  return asResult(async () => {
    requireWorker(actor);
    const refused = referralDraftRefusal(input.draft, today);
    if (refused) throw refused;
    const institution = await data.institution.get();
    if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
    const kind = institutionKindOf(institution);
    if (input.draft.kind === 'court_entrusted' && kind !== 'court') throw new StoreError('referral.court_only', 'Only a court entrusts a dispute.');
    const { key, summary } = await institutionPdfKey(data, platform, input.passphrase, now);
    const d = input.draft;
    const applicant = d.parties.find((p): p is { name: string; side: string } => typeof p === 'object' && p !== null && (p as { side?: unknown }).side === 'applicant');
    const referral: Referral = {
      format: REFERRAL_FORMAT,
      id: crypto.randomUUID(),
      kind: d.kind,
      sender: { name: summary.subject, creditCode: institution.creditCode, kind },
      receiver: { name: d.receiverName.trim(), creditCode: d.receiverCreditCode.trim() },
      category: d.category,
      categoryFields: d.categoryFields as Referral['categoryFields'],
      claims: d.claims.trim(),
      amountYuan: d.amountYuan.trim(),
      facts: d.facts.trim(),
      parties: d.parties as Referral['parties'],
      consent: { given: true, by: (input.consentBy.trim() || applicant?.name) ?? '', method: d.consentMethod as Referral['consent']['method'], at: now.toISOString(), recordedBy: actor.displayName },
      deadline: d.kind === 'court_entrusted' ? d.deadline : null,
      courtReference: d.courtReference.trim(),
      consultationId: input.consultationId,
      createdAt: now.toISOString(),
      createdBy: actor.displayName,
    };
    const signed = await signReferral(referral, key, now);
    const delivered = input.deliver ? await input.deliver({ referral: signed.value, bytes: signed.bytes }) : null;
    const fileSha256 = await platform.blobs.put(signed.bytes);
    const opened = newReferralRecord({ id: referral.id, direction: 'outgoing', referral: signed.value, jsonSha256: signed.jsonSha256, fileSha256, signer: null, status: 'sent' }, actor, now);
    const record: ReferralRecord = delivered ? { ...opened, via: { kind: 'server', version: delivered.version, answerSent: false, reason: '' } } : opened;
    await data.transact(actorOf(actor), async () => {
      await activeActor(data, actor);
      await data.records(REFERRALS).add(record);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: record.id, action: 'referral.send', after: { receiver: referral.receiver.name, referralKind: referral.kind, category: referral.category, ...(referral.deadline ? { deadline: referral.deadline } : {}) } });
    });
    return { record, name: fileName('转介函', referral.receiver.name, '.mwreferral'), bytes: signed.bytes };
  });
}

type ReferralOpening = Pick<ReferralRecord, 'id' | 'direction' | 'referral' | 'jsonSha256' | 'fileSha256' | 'signer' | 'status'>;

/** A referral as first kept on this workstation, sent or received: no case, no answer yet. */
function newReferralRecord(opening: ReferralOpening, actor: User, now: Date): ReferralRecord {
  const at = now.toISOString();
  return { ...opening, caseId: null, answer: null, answerFileSha256: null, answerSigner: null, at, by: personOf(actor), updatedAt: at };
}

function fileName(what: string, who: string, extension: string): string {
  return `${what}-${who.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}${extension}`;
}

// ---------------------------------------------------------------- receiving

export interface ImportedReferral {
  record: ReferralRecord;
  registered: boolean;
}

/** `via`: received through the center server (the row's version), not imported from a file. */
export function importReferral(data: DataStore, platform: Platform, actor: User, bytes: Uint8Array, now = new Date(), via?: ViaServer): Promise<StoreResult<ImportedReferral>> {
  return asResult(async () => {
    requireWorker(actor);
    const senders = new Set((await registeredSenders(data)).map((s) => s.fingerprint256));
    const read = readReferralFile(bytes, senders);
    if (!read.ok || !read.value || !read.signer || !read.jsonSha256) throw new StoreError('referral.file_refused', 'The referral file was refused.', {}, [], read.problems);
    const referral = read.value;
    if (await data.records(REFERRALS).get(referral.id)) throw new StoreError('referral.already_imported', 'This referral is already on this workstation.', { sender: referral.sender.name });
    const fileSha256 = await platform.blobs.put(bytes);
    const signer = { name: read.signer.name, fingerprint256: read.signer.fingerprint256 };
    const opened = newReferralRecord({ id: referral.id, direction: 'incoming', referral, jsonSha256: read.jsonSha256, fileSha256, signer, status: 'received' }, actor, now);
    const record: ReferralRecord = via ? { ...opened, via } : opened;
    await data.transact(actorOf(actor), async () => {
      await activeActor(data, actor);
      await data.records(REFERRALS).add(record);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: record.id, action: 'referral.import', after: { sender: referral.sender.name, referralKind: referral.kind, category: referral.category, fingerprint256: read.signer?.fingerprint256 ?? '' } });
    });
    return { record, registered: read.registered };
  });
}

/** Registers the signer of a received referral, once its fingerprint was compared with the sender. */
export function registerSender(data: DataStore, actor: User, id: string, now = new Date()): Promise<StoreResult<RegisteredSender[]>> {
  return asResult(async () => {
    if (actor.role !== 'admin' && actor.role !== 'mediator' && actor.role !== 'lawyer' && actor.role !== 'clerk') throw new StoreError('auth.forbidden', 'Your role may not register senders.');
    const record = await readRecord(data, id);
    const signer = record.direction === 'incoming' ? record.signer : record.answerSigner;
    if (!signer) throw new StoreError('referral.no_signer', 'There is no signer to register.');
    return data.transact(actorOf(actor), async () => {
      await activeActor(data, actor);
      const list = await registeredSenders(data);
      if (list.some((s) => s.fingerprint256 === signer.fingerprint256)) return list;
      const next = [...list, { ...signer, at: now.toISOString(), by: personOf(actor) }];
      await data.meta.put(REGISTERED_SENDERS_KEY, next);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: record.id, action: 'referral.trust_sender', after: { name: signer.name, fingerprint256: signer.fingerprint256 } });
      return next;
    });
  });
}

/** Saves which categories this institution takes on (an administrator's setting). */
export function saveHandledCategories(data: DataStore, actor: User, categories: readonly string[], now = new Date()): Promise<StoreResult<string[]>> {
  return asResult(async () => {
    if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator sets which disputes the institution takes on.');
    const list = [...new Set(categories)].filter(isCategoryCode).sort();
    return data.transact(actorOf(actor), async () => {
      await activeActor(data, actor);
      await data.meta.put(HANDLED_CATEGORIES_KEY, list);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'settings', entityId: HANDLED_CATEGORIES_KEY, action: 'settings.update', after: { category: list.join(', ') } });
      return list;
    });
  });
}

async function institutionName(data: DataStore): Promise<{ name: string; creditCode: string }> {
  const institution = await data.institution.get();
  if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
  return { name: institution.name, creditCode: institution.creditCode };
}

function answerOf(record: ReferralRecord, answerer: { name: string; creditCode: string }, now: Date, over: Partial<ReferralAnswer>): ReferralAnswer {
  return {
    format: ANSWER_FORMAT,
    referralId: record.id,
    referralSha256: record.jsonSha256,
    answerer,
    answer: 'accepted',
    reason: '',
    caseNumber: null,
    termination: null,
    agreement: null,
    issuedAt: now.toISOString(),
    ...over,
  };
}

function requireReceived(record: ReferralRecord): void {
  if (record.direction !== 'incoming') throw new StoreError('referral.not_incoming', 'Only a received referral is accepted or declined.');
  if (record.status !== 'received') throw new StoreError('referral.decided', 'This referral has been answered already.', { status: record.status });
}

export interface AcceptInput {
  passphrase?: string;
  categoryFields?: Record<string, unknown>;
}

/**
 * Accepts a received referral: the case is registered from it (its parties, category, claims and
 * facts as sent; the source a referral or a court's entrustment with the sender) and accepted —
 * with the court's deadline for an entrusted dispute — in one transaction with the referral's new
 * status; then the signed answer names the case.
 */
export function acceptReferral(data: DataStore, platform: Platform, actor: User, id: string, input: AcceptInput, today: string, now = new Date()): Promise<StoreResult<SignedFile>> {
  return asResult(async () => {
    requireWorker(actor);
    if (!canRegisterCase(actor)) throw new StoreError('auth.forbidden', 'Your role may not register cases.');
    const before = await readRecord(data, id);
    requireReceived(before);
    const { key, summary } = await institutionPdfKey(data, platform, input.passphrase, now);
    const r = before.referral;
    const intake = { parties: r.parties, category: r.category, categoryFields: { ...r.categoryFields, ...(input.categoryFields ?? {}) }, source: sourceOf(r.kind), claims: r.claims, amountYuan: r.amountYuan, description: r.facts };
    const origin = { referralId: r.id, kind: r.kind, sender: r.sender.name, senderFingerprint256: before.signer?.fingerprint256 ?? '0'.repeat(64) };
    const accepted = await data.transact(actorOf(actor), async () => {
      const current = await readRecord(data, id);
      requireReceived(current);
      const registered = await registerCase(data, actor, intake, { today, now, origin });
      if (!registered.ok) throw registered.error;
      const moved = await transitionCase(data, actor, registered.value.case.id, registered.value.case.version, 'accepted', { today, now, ...(r.deadline ? { mediationDeadline: r.deadline } : {}) });
      if (!moved.ok) throw moved.error;
      const record: ReferralRecord = { ...current, status: 'accepted', caseId: moved.value.id, updatedAt: now.toISOString() };
      await data.records(REFERRALS).put(record);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: id, caseId: moved.value.id, action: 'referral.accept', after: { sender: r.sender.name, referralKind: r.kind, number: moved.value.number } });
      return { record, number: moved.value.number };
    });
    const answer = answerOf(accepted.record, { name: summary.subject, creditCode: (await institutionName(data)).creditCode }, now, { answer: 'accepted', caseNumber: accepted.number });
    return storeAnswer(data, platform, actor, accepted.record, await signAnswer(answer, key, now, null), now);
  });
}

/** Why a referral cannot be declined with `reason` (none given); null when it can. Checked before the passphrase is asked for. */
export function declineRefusal(reason: string): StoreError | null {
  const errors = checkDecline(reason);
  return errors.length > 0 ? new StoreError(errors[0]!.code, 'A referral is declined only with a reason.', {}, errors) : null;
}

export function declineReferral(data: DataStore, platform: Platform, actor: User, id: string, input: { reason: string; passphrase?: string }, now = new Date()): Promise<StoreResult<SignedFile>> {
  return asResult(async () => {
    requireWorker(actor);
    const refused = declineRefusal(input.reason);
    if (refused) throw refused;
    const before = await readRecord(data, id);
    requireReceived(before);
    const { key, summary } = await institutionPdfKey(data, platform, input.passphrase, now);
    const answer = answerOf(before, { name: summary.subject, creditCode: (await institutionName(data)).creditCode }, now, { answer: 'declined', reason: input.reason.trim() });
    const signed = await signAnswer(answer, key, now, null);
    const fileSha256 = await platform.blobs.put(signed.bytes);
    const record = await data.transact(actorOf(actor), async () => {
      const current = await readRecord(data, id);
      requireReceived(current);
      const next: ReferralRecord = { ...current, status: 'declined', answer: signed.value, answerFileSha256: fileSha256, updatedAt: now.toISOString() };
      await data.records(REFERRALS).put(next);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: id, action: 'referral.decline', after: { sender: current.referral.sender.name, reason: answer.reason } });
      return next;
    });
    return { record, name: fileName('转介答复', record.referral.sender.name, '.mwanswer'), bytes: signed.bytes };
  });
}

/** Keeps a signed answer with its referral and hands the file back for saving. */
async function storeAnswer(data: DataStore, platform: Platform, actor: User, record: ReferralRecord, signed: { value: ReferralAnswer; bytes: Uint8Array }, now: Date): Promise<SignedFile> {
  const fileSha256 = await platform.blobs.put(signed.bytes);
  const next = await data.transact(actorOf(actor), async () => {
    const current = await readRecord(data, record.id);
    const updated: ReferralRecord = { ...current, answer: signed.value, answerFileSha256: fileSha256, updatedAt: now.toISOString() };
    await data.records(REFERRALS).put(updated);
    return updated;
  });
  return { record: next, name: fileName('转介答复', record.referral.sender.name, '.mwanswer'), bytes: signed.bytes };
}

export { storeAnswer as keepAnswer };

/** The stored file of a referral or of its answer, to save again. */
export async function storedFile(platform: Platform, record: ReferralRecord, which: 'referral' | 'answer'): Promise<{ name: string; bytes: Uint8Array } | null> {
  const sha256 = which === 'referral' ? record.fileSha256 : record.answerFileSha256;
  const bytes = sha256 ? await platform.blobs.get(sha256) : null;
  if (!bytes) return null;
  return which === 'referral' ? { name: fileName('转介函', record.referral.receiver.name, '.mwreferral'), bytes } : { name: fileName('转介答复', record.referral.sender.name, '.mwanswer'), bytes };
}

// ---------------------------------------------------------------- the sender reads the answer

export function importAnswer(data: DataStore, platform: Platform, actor: User, bytes: Uint8Array, now = new Date()): Promise<StoreResult<{ record: ReferralRecord; registered: boolean }>> {
  return asResult(async () => {
    requireWorker(actor);
    const senders = new Set((await registeredSenders(data)).map((s) => s.fingerprint256));
    // Which referral it claims to answer, then read again against that referral.
    const peek = readAnswerFile(bytes, { id: '', jsonSha256: '', receiverName: '' }, senders).value;
    const sent = peek ? await data.records(REFERRALS).get(peek.referralId) : undefined;
    if (!peek || !sent || sent.direction !== 'outgoing') {
      const read = readAnswerFile(bytes, { id: '', jsonSha256: '', receiverName: '' }, senders);
      const problems = read.value ? [] : read.problems;
      throw new StoreError('referral.answer_unknown', 'This answer is not about a referral sent from this workstation.', {}, [], problems);
    }
    const read = readAnswerFile(bytes, { id: sent.id, jsonSha256: sent.jsonSha256, receiverName: sent.referral.receiver.name }, senders);
    if (!read.ok || !read.value || !read.signer) throw new StoreError('referral.file_refused', 'The answer file was refused.', {}, [], read.problems);
    const answer = read.value;
    const signer = { name: read.signer.name, fingerprint256: read.signer.fingerprint256 };
    const fileSha256 = await platform.blobs.put(bytes);
    const record = await data.transact(actorOf(actor), async () => {
      const current = await readRecord(data, sent.id);
      const status = statusAfterAnswer(current.status, current.referral.kind, answer.answer);
      if (status === null) throw new StoreError('referral.answer_out_of_turn', 'This answer does not follow where the referral stands.', { status: current.status, answer: answer.answer });
      const next: ReferralRecord = { ...current, status, answer, answerFileSha256: fileSha256, answerSigner: signer, updatedAt: now.toISOString() };
      await data.records(REFERRALS).put(next);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: current.id, action: 'referral.answer_import', after: { receiver: answer.answerer.name, answer: answer.answer, ...(answer.reason ? { reason: answer.reason } : {}), fingerprint256: signer.fingerprint256 } });
      return next;
    });
    return { record, registered: read.registered };
  });
}

// ---------------------------------------------------------------- through the center server

/** The receiver's answer reached the server's row (its new version): not sent again. */
export function markAnswerSent(data: DataStore, actor: User, id: string, version: number, now = new Date()): Promise<StoreResult<ReferralRecord>> {
  return asResult(async () => {
    requireWorker(actor);
    return data.transact(actorOf(actor), async () => {
      const current = await readRecord(data, id);
      if (!current.via || current.direction !== 'incoming') throw new StoreError('referral.not_incoming', 'Only a referral received through the center server is answered there.');
      const next: ReferralRecord = { ...current, via: { ...current.via, version, answerSent: true }, updatedAt: now.toISOString() };
      await data.records(REFERRALS).put(next);
      return next;
    });
  });
}

/**
 * The server's row of a referral sent through it was answered without an answer file this
 * workstation could read: its status and reason as the row says them (the server authenticated
 * the receiver), with an audit event.
 */
export function recordServerAnswer(data: DataStore, actor: User, id: string, row: { status: 'accepted' | 'declined'; reason: string; version: number }, now = new Date()): Promise<StoreResult<ReferralRecord>> {
  return asResult(async () => {
    requireWorker(actor);
    return data.transact(actorOf(actor), async () => {
      const current = await readRecord(data, id);
      if (current.direction !== 'outgoing' || !current.via) throw new StoreError('referral.answer_unknown', 'This answer is not about a referral sent from this workstation.');
      if (!mayMove(current.status, row.status)) throw new StoreError('referral.answer_out_of_turn', 'This answer does not follow where the referral stands.', { status: current.status, answer: row.status });
      const next: ReferralRecord = { ...current, status: row.status, via: { ...current.via, version: row.version, reason: row.reason }, updatedAt: now.toISOString() };
      await data.records(REFERRALS).put(next);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: id, action: 'referral.answer_import', after: { receiver: current.referral.receiver.name, answer: row.status, ...(row.reason ? { reason: row.reason } : {}) } });
      return next;
    });
  });
}
