// A case's mediation agreements in the workstation's store (issue 4): drafts saved whole or not
// at all, finalisation when nothing legally required is missing, hand signatures into the case's
// ledger, and versions — a signed agreement is never changed; a change is a new version that is
// signed again, the old one kept (superseded once the new one is signed).
import { fromCaseRow } from '../../../shared/backup/rows';
import { todayIn, INSTITUTION_TIME_ZONE } from '../../../shared/domain/deadlines';
import type { Case, Party, User } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { agreementContentSchema, agreementId, type AgreementContent, type AgreementRecord } from '../../../shared/agreement/model';
import { cleanContent, finalisationProblems, type AgreementProblem } from '../../../shared/agreement/checks';
import { handSignatureBytes, handSignatureSchema, signatureProblem, type HandSignature } from '../../../shared/agreement/hand-signature';
import type { PlatformPort } from '../../../shared/platform';
import type { AuditAction } from '../../../shared/audit/actions';
import type { CaseRow, DataStore } from '../../data';
import { activeActor, actorOf, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { getParties } from '../case-store';
import { appendLedgerEntry, recordEntry, visibleCase } from '../evidence';
import { mediatorNeedsPassphrase, needsPassphrase, readIdentity, summarizeIdentity } from '../identity';

/** The case's agreements, oldest version first. */
export async function readAgreements(data: DataStore, caseId: string): Promise<AgreementRecord[]> {
  return (await data.agreements.byCase(caseId)).sort((a, b) => a.version - b.version);
}

/** What the agreement tab shows of a case: its agreements, its parties, who signs and whether a key needs its passphrase. */
export interface AgreementView {
  agreements: AgreementRecord[];
  parties: Party[];
  institutionName: string;
  mediator: { id: string; name: string };
  needs: { mediatorPassphrase: boolean; institutionPassphrase: boolean };
}

export async function readAgreementView(data: DataStore, record: Pick<Case, 'id' | 'mediatorId'>, userId: string): Promise<AgreementView> {
  const [agreements, parties, institution, mediatorUser, identity, mediatorPassphrase] = await Promise.all([
    readAgreements(data, record.id),
    getParties(data, record.id),
    data.institution.get(),
    record.mediatorId ? data.accounts.get(record.mediatorId) : Promise.resolve(undefined),
    readIdentity(data),
    mediatorNeedsPassphrase(data, userId),
  ]);
  const institutionPassphrase = identity ? needsPassphrase(identity, (await summarizeIdentity(identity)).keyId) : false;
  return {
    agreements,
    parties,
    institutionName: institution?.name ?? '',
    mediator: { id: record.mediatorId ?? '', name: mediatorUser?.displayName ?? '' },
    needs: { mediatorPassphrase, institutionPassphrase },
  };
}

export const AGREEMENT_CHANGED = 'Someone else changed this agreement meanwhile; reload it and try again.';

async function writableAgreement(data: DataStore, actor: User, id: string, rev: number): Promise<{ record: AgreementRecord; current: User; caseRow: CaseRow }> {
  const current = await activeActor(data, actor);
  const record = await data.agreements.get(id);
  if (!record) throw new StoreError('agreement.not_found', 'The agreement does not exist.');
  const caseRow = await visibleCase(data, current, record.caseId, true);
  if (record.rev !== rev) throw new StoreError('agreement.changed', AGREEMENT_CHANGED);
  return { record, current, caseRow };
}

/** The agreement's audit event (inside the writing transaction). */
export async function auditAgreement(data: DataStore, actor: User, at: string, record: AgreementRecord, action: AuditAction, after: Record<string, unknown> = {}): Promise<void> {
  await data.events.record({ actor: actorOf(actor), at, entity: 'agreement', entityId: record.id, caseId: record.caseId, action, after: { version: record.version, ...after } });
}

/** The first draft of a case: its parties' count of copies, today's date, the intake's texts. */
export function initialContent(record: Case, parties: readonly Party[], today: string): AgreementContent {
  const principals = parties.filter((p) => p.kind !== 'agent').length;
  return {
    agreementDate: today,
    place: '',
    facts: record.description.slice(0, 5000),
    dispute: record.claims.slice(0, 5000),
    responsibility: '',
    terms: [],
    defaultClause: '',
    otherMatters: '',
    copies: Math.min(20, Math.max(2, principals + 1)),
  };
}

/** A new draft: the first of the case, or the next version starting from the latest one's content. */
export async function createDraft(data: DataStore, actor: User, caseId: string, now = new Date()): Promise<StoreResult<AgreementRecord>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      const record = await visibleCase(data, current, caseId, true);
      const versions = await readAgreements(data, caseId);
      const latest = versions.at(-1);
      if (latest && (latest.status === 'draft' || latest.status === 'final')) throw new StoreError('agreement.open_version', 'This case already has an agreement being drafted or signed.', { version: latest.version });
      const at = now.toISOString();
      const today = todayIn(INSTITUTION_TIME_ZONE, now);
      const content = latest ? { ...latest.content, agreementDate: today > latest.content.agreementDate ? today : latest.content.agreementDate } : initialContent(fromCaseRow(record), await getParties(data, caseId), today);
      const draft: AgreementRecord = {
        id: agreementId(caseId, (latest?.version ?? 0) + 1),
        caseId,
        version: (latest?.version ?? 0) + 1,
        status: 'draft',
        content,
        parties: null,
        handSignatures: [],
        finalisedAt: null,
        signed: null,
        createdAt: at,
        createdBy: personOf(current),
        updatedAt: at,
        updatedBy: personOf(current),
        rev: 0,
      };
      await data.agreements.add(draft);
      await auditAgreement(data, current, at, draft, 'agreement.draft', latest ? { from: latest.version } : {});
      return draft;
    }),
  );
}

function invalid(problems: AgreementProblem[]): StoreError {
  return new StoreError(
    'agreement.invalid',
    'The agreement has problems to fix first.',
    { count: problems.length },
    problems.map((p) => ({ path: p.path, code: p.code, ...(p.params ? { params: p.params } : {}) })),
  );
}

/** Saves a draft whole; a draft with a problem (a 10,000-character clause) is not saved at all. */
export async function saveDraft(data: DataStore, actor: User, id: string, rev: number, content: AgreementContent, now = new Date()): Promise<StoreResult<AgreementRecord>> {
  return asResult(async () => {
    const { content: cleaned, problems } = cleanContent(content);
    if (problems.length > 0) throw invalid(problems);
    const parsed = agreementContentSchema.safeParse(cleaned);
    if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => ({ path: issue.path as (string | number)[], code: 'value.invalid' })));
    return data.transact(actorOf(actor), async () => {
      const { record, current } = await writableAgreement(data, actor, id, rev);
      if (record.status !== 'draft') throw new StoreError('agreement.locked', 'Only a draft can be edited; a finalised or signed agreement changes by a new version.');
      const at = now.toISOString();
      const next: AgreementRecord = { ...record, content: parsed.data, updatedAt: at, updatedBy: personOf(current), rev: record.rev + 1 };
      await data.agreements.put(next);
      await auditAgreement(data, current, at, next, 'agreement.save');
      return next;
    });
  });
}

/**
 * Locks the text for signing. Refused, with every problem listed, while legally required content
 * is missing or a character cannot be printed by the shipped fonts (`covers`).
 */
export async function finaliseAgreement(data: DataStore, actor: User, id: string, rev: number, covers: (codePoint: number) => boolean, now = new Date()): Promise<StoreResult<AgreementRecord>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { record, current, caseRow } = await writableAgreement(data, actor, id, rev);
      if (record.status !== 'draft') throw new StoreError('agreement.locked', 'This version is already finalised.');
      const parties = await getParties(data, record.caseId);
      const institution = await data.institution.get();
      const mediator = caseRow.mediatorId ? await data.accounts.get(caseRow.mediatorId) : undefined;
      const problems = finalisationProblems(record.content, parties, covers, [
        { path: ['institution'], text: institution?.name ?? '' },
        { path: ['mediator'], text: mediator?.displayName ?? '' },
      ]);
      if (problems.length > 0) throw invalid(problems);
      const at = now.toISOString();
      const next: AgreementRecord = { ...record, status: 'final', parties, finalisedAt: at, updatedAt: at, updatedBy: personOf(current), rev: record.rev + 1 };
      await data.agreements.put(next);
      await auditAgreement(data, current, at, next, 'agreement.finalise');
      return next;
    }),
  );
}

/** Back to a draft before it is signed (a party asks for a change); the signatures so far lapse. */
export async function reopenAgreement(data: DataStore, actor: User, id: string, rev: number, now = new Date()): Promise<StoreResult<AgreementRecord>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { record, current } = await writableAgreement(data, actor, id, rev);
      if (record.status !== 'final') throw new StoreError('agreement.locked', 'Only a finalised, unsigned agreement can go back to a draft.');
      const at = now.toISOString();
      const next: AgreementRecord = { ...record, status: 'draft', parties: null, finalisedAt: null, handSignatures: [], updatedAt: at, updatedBy: personOf(current), rev: record.rev + 1 };
      await data.agreements.put(next);
      await auditAgreement(data, current, at, next, 'agreement.reopen', { lapsedSignatures: record.handSignatures.length });
      return next;
    }),
  );
}

/** Who must sign by hand: every party and agent of the case, and the case's mediator. */
export function requiredSigners(parties: readonly Party[], mediator: { id: string; name: string }): { id: string; role: HandSignature['signerRole']; name: string; side: Party['side'] | null }[] {
  return [
    ...orderParties(parties).map((p) => ({ id: p.id, role: p.kind === 'agent' ? ('agent' as const) : ('party' as const), name: p.name, side: p.side })),
    { id: mediator.id, role: 'mediator' as const, name: mediator.name, side: null },
  ];
}

/**
 * Records one hand signature on a finalised agreement: the stroke data (canonical JSON) goes into
 * the blob store and the case's ledger as a `signature` entry, and onto the agreement.
 */
export async function addHandSignature(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs'>,
  actor: User,
  id: string,
  rev: number,
  signature: HandSignature,
): Promise<StoreResult<AgreementRecord>> {
  return asResult(async () => {
    const parsed = handSignatureSchema.safeParse(signature);
    if (!parsed.success) throw new StoreError('signature.invalid', 'The signature could not be read; please sign again.');
    const problem = signatureProblem(parsed.data);
    if (problem) throw new StoreError(problem, 'This does not look like a signature yet.');
    const bytes = handSignatureBytes(parsed.data);
    const sha256 = await platform.blobs.put(bytes);
    return data.transact(actorOf(actor), async () => {
      const { record, current, caseRow } = await writableAgreement(data, actor, id, rev);
      if (record.status !== 'final') throw new StoreError('agreement.not_final', 'Signatures are collected once the agreement is finalised and before it is signed digitally.');
      const signers = requiredSigners(record.parties ?? [], { id: caseRow.mediatorId ?? '', name: current.displayName });
      const signer = signers.find((s) => s.id === parsed.data.signerId && s.role === parsed.data.signerRole);
      if (!signer || (signer.role === 'mediator' && caseRow.mediatorId !== current.id)) throw new StoreError('signature.signer', 'This person is not a signer of the agreement.');
      if (record.handSignatures.some((h) => h.signature.signerId === signer.id)) throw new StoreError('signature.duplicate', 'This person has signed already.', { name: signer.name });
      const entry = await appendLedgerEntry(
        data,
        current,
        record.caseId,
        recordEntry({ kind: 'signature', title: `签名：${signer.name}（协议书第 ${record.version} 版）`, mediaType: 'application/json', size: bytes.length, sha256, author: current, at: parsed.data.capturedAt, submittedBy: signer.side }),
        { agreement: record.id, signer: signer.name },
      );
      const at = new Date().toISOString();
      const next: AgreementRecord = {
        ...record,
        handSignatures: [...record.handSignatures, { signature: parsed.data, ledgerSeq: entry.seq, sha256 }],
        updatedAt: at,
        updatedBy: personOf(current),
        rev: record.rev + 1,
      };
      await data.agreements.put(next);
      await auditAgreement(data, current, at, next, 'agreement.hand_signature', { signer: signer.name, role: signer.role, ledgerSeq: entry.seq });
      return next;
    });
  });
}
