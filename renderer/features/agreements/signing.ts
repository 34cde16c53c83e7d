// Signing a finalised agreement (issue 4 items 5–6): the PDF is rendered with the hand
// signatures, signed by the mediator and then by the institution (an incremental update that keeps
// the first signature valid), checked as a reader would check it, stored, recorded in the case's
// ledger with a signed checkpoint, and the case moves to "agreement reached" from today, which
// starts the 30-day window for judicial confirmation. Nothing is recorded unless every step works.
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import type { User } from '../../../shared/domain/model';
import { agreementRecordSchema, type AgreementRecord } from '../../../shared/agreement/model';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import { verifyAgreementSignatures } from '../../../shared/agreement/pdf-signature/verify';
import { renderAgreementPdf } from '../../../shared/agreement/pdf/render';
import { GlyphMissingError } from '../../../shared/agreement/pdf/typesetter';
import type { PlatformPort } from '../../../shared/platform';
import { recordEvent } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import { getParties, recordAgreementEffective } from '../cases/store';
import { withFullIdNumbers } from '../cases/store/full-id-numbers';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { signCaseCheckpoint } from '../evidence/checkpoints';
import { appendLedgerEntry, visibleCase } from '../evidence/store';
import { institutionPdfKey, mediatorPdfKey } from '../identity/mediators';
import { readIdentity } from '../identity/store';
import { agreementFonts } from '../../kit/pdf-fonts';
import { installNodeBuffer } from './node-buffer';
import type { SigningStep } from './signing-steps';
import { readAgreements, requiredSigners } from './store';

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

export async function signAgreement(db: WorkstationDb, platform: Pick<PlatformPort, 'keys' | 'blobs'>, actor: User, id: string, rev: number, input: SigningInput = {}): Promise<StoreResult<AgreementRecord>> {
  return asResult(async () => {
    const now = input.now ?? new Date();
    const step = input.onStep ?? (() => undefined);
    const row = await db.agreements.get(id);
    const parsed = row ? agreementRecordSchema.safeParse(row) : null;
    if (!parsed?.success) throw new StoreError('agreement.not_found', 'The agreement does not exist.');
    const record = parsed.data;
    if (record.rev !== rev) throw new StoreError('agreement.changed', 'Someone else changed this agreement meanwhile; reload it and try again.');
    if (record.status !== 'final') throw new StoreError('agreement.not_final', 'Only a finalised agreement with every hand signature can be signed.');
    const caseRow = await visibleCase(db, actor, record.caseId, true);
    if (actor.role !== 'mediator' || caseRow.mediatorId !== actor.id) throw new StoreError('agreement.not_case_mediator', 'The agreement is signed by the case’s mediator.');
    if (caseRow.status !== 'in_mediation' && caseRow.status !== 'agreement_reached') throw new StoreError('agreement.case_status', 'The case must be in mediation to sign an agreement.', { status: caseRow.status });
    // The parties as finalised: the hand signatures were given on that text.
    const parties = record.parties ?? (await getParties(db, record.caseId));
    const missing = requiredSigners(parties, { id: actor.id, name: signerName(actor) }).filter((s) => !record.handSignatures.some((h) => h.signature.signerId === s.id));
    if (missing.length > 0) throw new StoreError('agreement.signatures_missing', 'Some people have not signed by hand yet.', { names: missing.map((s) => s.name).join('、') });
    const institution = await db.institution.get('institution');
    const identity = await readIdentity(db);
    if (!institution || !identity) throw new StoreError('identity.missing', 'The institution has no signing identity yet; an administrator sets it up under Settings.');

    // Keys first: a wrong passphrase is found before any work is done.
    const mediatorKey = await mediatorPdfKey(db, platform, actor, input.mediatorPassphrase, [identity.certificatePem, ...identity.chainPems], now);
    const institutionKeyPair = await institutionPdfKey(db, platform, input.institutionPassphrase, now);

    step('render');
    const fonts = await agreementFonts();
    // The signed agreement identifies each party by the full number of their identity document
    // (docs/identity-numbers.md); taking each out of the case is audited.
    const printed = await withFullIdNumbers(db, actor, record.caseId, parties);
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
    const result = await db.transaction('rw', [db.users, db.caseBuckets, db.caseCatalog, db.counters, db.eventPages, db.settings, db.agreements, db.ledgerEntries], async () => {
      const fresh = agreementRecordSchema.safeParse(await db.agreements.get(id));
      if (!fresh.success || fresh.data.rev !== rev || fresh.data.status !== 'final') throw new StoreError('agreement.changed', 'Someone else changed this agreement meanwhile; reload it and try again.');
      const entry = await appendLedgerEntry(
        db,
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
          author: { id: actor.id, name: actor.displayName },
          submittedBy: null,
          shownToOtherParty: true,
          createdAt: at,
        },
        { agreement: record.id },
      );
      for (const earlier of await readAgreements(db, record.caseId)) {
        if (earlier.status === 'signed') await db.agreements.put({ ...earlier, status: 'superseded', rev: earlier.rev + 1 } as unknown as Parameters<typeof db.agreements.put>[0]);
      }
      const next: AgreementRecord = {
        ...fresh.data,
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
        updatedBy: { id: actor.id, name: actor.displayName },
        rev: fresh.data.rev + 1,
      };
      await db.agreements.put(next as unknown as Parameters<typeof db.agreements.put>[0]);
      await recordAgreementEffective(db, actor, record.caseId, today, today, now);
      await recordEvent(db, {
        actor: { id: actor.id, displayName: actor.displayName },
        at,
        entity: 'agreement',
        entityId: next.id,
        caseId: next.caseId,
        action: 'agreement.sign',
        after: { version: next.version, pdfSha256, effectiveOn: today, ledgerSeq: entry.seq, pages: rendered.pages },
      });
      return next;
    });
    step('checkpoint');
    // The keys are unlocked by now, so the checkpoint needs no second prompt; a failure here
    // leaves the signed agreement recorded and is reported (a checkpoint can be signed later).
    const checkpoint = await signCaseCheckpoint(db, platform, actor, record.caseId, 'agreement_signed', { ...(input.institutionPassphrase ? { passphrase: input.institutionPassphrase } : {}), now });
    if (!checkpoint.ok) throw new StoreError('agreement.checkpoint_failed', 'The agreement is signed and recorded, but the evidence checkpoint could not be signed; sign one from the evidence tab.', { detail: checkpoint.error.message });
    return result;
  });
}
