// Signing a finalised agreement (issue 4 items 5–6): the PDF is rendered with the hand
// signatures, signed by the mediator and then by the institution (an incremental update that keeps
// the first signature valid), checked as a reader would check it, stored, recorded in the case's
// ledger with a signed checkpoint, and the case moves to "agreement reached" from today, which
// starts the 30-day window for judicial confirmation. Nothing is recorded unless every step works.
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import type { User } from '../../../shared/domain/model';
import type { AgreementRecord } from '../../../shared/agreement/model';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import { verifyAgreementSignatures } from '../../../shared/agreement/pdf-signature/verify';
import { renderAgreementPdf } from '../../../shared/agreement/pdf/render';
import { GlyphMissingError } from '../../../shared/agreement/pdf/typesetter';
import type { PlatformPort } from '../../../shared/platform';
import type { DataStore } from '../../data';
import { actorOf, personOf } from '../../kit/acting-user';
import { agreementFonts } from '../../kit/pdf-fonts';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { getParties, recordAgreementEffective, withFullIdNumbers } from '../case-store';
import { appendLedgerEntry, signCaseCheckpoint, visibleCase } from '../evidence';
import { institutionPdfKey, mediatorPdfKey, readIdentity } from '../identity';
import { installNodeBuffer } from './node-buffer';
import type { SigningStep } from './signing-steps';
import { AGREEMENT_CHANGED, auditAgreement, readAgreements, requiredSigners } from './store';

installNodeBuffer();


export interface SigningInput {
  mediatorPassphrase?: string;
  institutionPassphrase?: string;
  onStep?: (step: SigningStep) => void;
  now?: Date;
}

function signerName(user: User): string {
  return user.displayName;
}

/** What signing needs, checked before any key is unlocked: the agreement, its case, every hand signature, the identity. */
async function signable(data: DataStore, actor: User, id: string, rev: number) {
  const record = await data.agreements.get(id);
  if (!record) throw new StoreError('agreement.not_found', 'The agreement does not exist.');
  if (record.rev !== rev) throw new StoreError('agreement.changed', AGREEMENT_CHANGED);
  if (record.status !== 'final') throw new StoreError('agreement.not_final', 'Only a finalised agreement with every hand signature can be signed.');
  const caseRow = await visibleCase(data, actor, record.caseId, true);
  if (actor.role !== 'mediator' || caseRow.mediatorId !== actor.id) throw new StoreError('agreement.not_case_mediator', 'The agreement is signed by the case’s mediator.');
  if (caseRow.status !== 'in_mediation' && caseRow.status !== 'agreement_reached') throw new StoreError('agreement.case_status', 'The case must be in mediation to sign an agreement.', { status: caseRow.status });
  // The parties as finalised: the hand signatures were given on that text.
  const parties = record.parties ?? (await getParties(data, record.caseId));
  const missing = requiredSigners(parties, { id: actor.id, name: signerName(actor) }).filter((s) => !record.handSignatures.some((h) => h.signature.signerId === s.id));
  if (missing.length > 0) throw new StoreError('agreement.signatures_missing', 'Some people have not signed by hand yet.', { names: missing.map((s) => s.name).join('、') });
  const institution = await data.institution.get();
  const identity = await readIdentity(data);
  if (!institution || !identity) throw new StoreError('identity.missing', 'The institution has no signing identity yet; an administrator sets it up under Settings.');
  return { record, caseRow, parties, institution, identity };
}

export async function signAgreement(data: DataStore, platform: Pick<PlatformPort, 'keys' | 'blobs'>, actor: User, id: string, rev: number, input: SigningInput = {}): Promise<StoreResult<AgreementRecord>> {
  return asResult(async () => {
    const now = input.now ?? new Date();
    const step = input.onStep ?? (() => undefined);
    const { record, caseRow, parties, institution, identity } = await signable(data, actor, id, rev);

    // Keys first: a wrong passphrase is found before any work is done.
    const mediatorKey = await mediatorPdfKey(data, platform, actor, input.mediatorPassphrase, [identity.certificatePem, ...identity.chainPems], now);
    const institutionKeyPair = await institutionPdfKey(data, platform, input.institutionPassphrase, now);

    step('render');
    const fonts = await agreementFonts();
    // The signed agreement identifies each party by the full number of their identity document
    // (docs/identity-numbers.md); taking each out of the case is audited.
    const printed = await withFullIdNumbers(data, actor, record.caseId, parties);
    const rendered = await renderAgreementPdf(
      {
        caseNumber: caseRow.number,
        parties: printed,
        content: record.content,
        institutionName: institution.name,
        mediator: { id: actor.id, name: signerName(actor) },
        signatures: record.handSignatures.map((h) => h.signature),
        version: record.version,
        draft: false,
        language: 'zh-CN',
      },
      fonts,
      { creationDate: now },
    ).catch((error: unknown) => {
      if (error instanceof GlyphMissingError) throw new StoreError('agreement.glyph_missing', error.message, { char: error.char, codePoint: error.codePoint });
      throw error;
    });
    step('mediator');
    const byMediator = await addPdfSignature(rendered.bytes, mediatorKey.key, { name: signerName(actor), reason: '人民调解员签名', location: institution.name, signingTime: now });
    step('institution');
    const signed = await addPdfSignature(byMediator, institutionKeyPair.key, { name: institution.name, reason: '人民调解委员会印章', location: institution.name, signingTime: now });
    step('verify');
    const report = verifyAgreementSignatures(signed, { trustedInstitutionPems: [identity.certificatePem] });
    if (!report.ok) throw new StoreError('agreement.signature_check', 'The signed document did not pass its own check; nothing was recorded.', { problems: report.problems.map((p) => p.code).join(', ') });

    step('record');
    const pdfSha256 = await platform.blobs.put(signed);
    const today = todayIn(INSTITUTION_TIME_ZONE, now);
    const at = now.toISOString();
    const result = await data.transact(actorOf(actor), async () => {
      const fresh = await data.agreements.get(id);
      if (!fresh || fresh.rev !== rev || fresh.status !== 'final') throw new StoreError('agreement.changed', AGREEMENT_CHANGED);
      const entry = await appendLedgerEntry(
        data,
        actor,
        record.caseId,
        {
          action: 'add',
          refersTo: null,
          kind: 'agreement',
          title: `人民调解协议书（第 ${record.version} 版，已签署）`,
          mediaType: 'application/pdf',
          size: signed.length,
          contentSha256: pdfSha256,
          author: personOf(actor),
          submittedBy: null,
          shownToOtherParty: true,
          createdAt: at,
        },
        { agreement: record.id },
      );
      for (const earlier of await readAgreements(data, record.caseId)) {
        if (earlier.status === 'signed') await data.agreements.put({ ...earlier, status: 'superseded', rev: earlier.rev + 1 });
      }
      const next: AgreementRecord = {
        ...fresh,
        status: 'signed',
        signed: {
          pdfSha256,
          size: signed.length,
          ledgerSeq: entry.seq,
          signedAt: at,
          effectiveOn: today,
          mediatorFingerprint: mediatorKey.summary.fingerprint256,
          institutionFingerprint: institutionKeyPair.summary.fingerprint256,
        },
        updatedAt: at,
        updatedBy: personOf(actor),
        rev: fresh.rev + 1,
      };
      await data.agreements.put(next);
      await recordAgreementEffective(data, actor, record.caseId, today, today, now);
      await auditAgreement(data, actor, at, next, 'agreement.sign', { pdfSha256, effectiveOn: today, ledgerSeq: entry.seq, pages: rendered.pages });
      return next;
    });
    step('checkpoint');
    // The keys are unlocked by now, so the checkpoint needs no second prompt; a failure here
    // leaves the signed agreement recorded and is reported (a checkpoint can be signed later).
    const checkpoint = await signCaseCheckpoint(data, platform, actor, record.caseId, 'agreement_signed', { ...(input.institutionPassphrase ? { passphrase: input.institutionPassphrase } : {}), now });
    if (!checkpoint.ok) {
      throw new StoreError('agreement.checkpoint_failed', `The agreement is signed and recorded, but the evidence checkpoint could not be signed (${checkpoint.error.message}); sign one from the evidence tab.`, {}, [], [checkpoint.error.problem]);
    }
    return result;
  });
}
