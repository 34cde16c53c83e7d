// The case side of a mediation that fails (issue 18 item 6): the termination record — the legal
// act that ends the mediation — made from the case page, its PDF typeset like the agreement and
// kept in the blob store, the case moved to 'failed' by that act (closed, its outcome for the
// statistics) in the same transaction as the record; and, for a court-entrusted dispute, the
// result going back to the court as a signed answer file (not reached: the record with its
// reasons and materials; reached: the agreement and the confirmation package that carries it).
import { getCategory } from '../../../shared/domain/categories';
import type { Case, User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import { bytesToHex, sha256Bytes } from '../../../shared/ledger/hash';
import { signAnswer, type ReferralAnswer } from '../../../shared/referral';
import { checkTermination, renderTerminationPdf, type TerminationDraft, type TerminationRecord } from '../../../shared/termination';
import { GlyphMissingError } from '../../../shared/agreement/pdf/typesetter';
import type { DataStore } from '../../data';
import { actorOf, personOf } from '../../kit/acting-user';
import { agreementFonts } from '../../kit/pdf-fonts';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { getCase, getParties, transitionCase } from '../case-store';
import { institutionPdfKey } from '../identity';
import { REFERRALS, TERMINATIONS, type ReferralRecord } from './kinds';
import { keepAnswer, type SignedFile } from './store';

type Platform = Pick<PlatformPort, 'keys' | 'blobs'>;

export async function terminationOf(data: DataStore, caseId: string): Promise<TerminationRecord | null> {
  return (await data.records(TERMINATIONS).byCase(caseId))[0] ?? null;
}

/** The received referral a case was registered from, if any. */
export async function referralOfCase(data: DataStore, record: Case): Promise<ReferralRecord | null> {
  if (!record.origin) return null;
  return (await data.records(REFERRALS).get(record.origin.referralId)) ?? null;
}

/**
 * Ends the mediation by the termination record: checked (the case in mediation, the reason, the
 * party, the paths), typeset and stored, then the record and the case's move to 'failed' by the
 * act termination_record in one transaction; a case changed meanwhile is refused, nothing saved.
 */
export function terminateMediation(data: DataStore, platform: Platform, actor: User, caseId: string, version: number, draft: TerminationDraft, today: string, now = new Date()): Promise<StoreResult<{ record: TerminationRecord; case: Case }>> {
  return asResult(async () => {
    const current = await getCase(data, caseId, actor);
    if (!current) throw new StoreError('case.not_found', 'The case does not exist or is not visible to you.');
    const parties = await getParties(data, caseId);
    const checked = checkTermination(current, parties, draft, today);
    if (!checked.ok) {
      const whole = checked.errors.find((e) => e.path.length === 0);
      throw new StoreError(whole?.code ?? 'termination.invalid', 'The termination record needs correcting.', whole?.params ?? { count: checked.errors.length }, checked.errors.filter((e) => e.path.length > 0));
    }
    const institution = await data.institution.get();
    if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
    const content = {
      id: `termination:${caseId}`,
      caseId,
      caseNumber: current.number,
      institutionName: institution.name,
      category: getCategory(current.category)?.code ?? current.category,
      parties: parties.filter((p) => p.kind !== 'agent').map((p) => ({ name: p.name, side: p.side })),
      registeredOn: current.registeredAt.slice(0, 10),
      endedAt: now.toISOString(),
      endedBy: personOf(actor),
      ...checked.value,
    };
    let pdf: Uint8Array;
    try {
      pdf = (await renderTerminationPdf(content, await agreementFonts(), { creationDate: now })).bytes;
    } catch (error) {
      if (error instanceof GlyphMissingError) throw new StoreError('termination.glyph_missing', 'A character of the record is not in the document font.', { char: error.message });
      throw error;
    }
    const pdfSha256 = await platform.blobs.put(pdf);
    const record: TerminationRecord = { ...content, pdfSha256, answeredAt: null };
    return data.transact(actorOf(actor), async () => {
      const moved = await transitionCase(data, actor, caseId, version, 'failed', {
        today,
        now,
        reason: record.explanation,
        act: 'termination_record',
        actOn: record.endedOn,
        actDetails: { terminationReason: record.reason, paths: record.paths.join(', '), pdfSha256 },
      });
      if (!moved.ok) throw moved.error;
      await data.records(TERMINATIONS).add(record);
      return { record, case: moved.value };
    });
  });
}

/** The bytes of the stored termination record. */
export async function terminationPdf(platform: Platform, record: TerminationRecord): Promise<Uint8Array | null> {
  const bytes = await platform.blobs.get(record.pdfSha256);
  return bytes && bytesToHex(sha256Bytes(bytes)) === record.pdfSha256 ? bytes : null;
}

const AGREEMENT_STATUSES: readonly Case['status'][] = ['agreement_reached', 'confirmation_applied', 'confirmed', 'rejected'];

/**
 * The result of a court-entrusted mediation, signed for the court: the termination record with its
 * PDF, or the agreement with the confirmation package built for it (if one was built yet).
 */
export function answerEntrustingCourt(data: DataStore, platform: Platform, actor: User, caseId: string, passphrase: string | undefined, now = new Date()): Promise<StoreResult<SignedFile>> {
  return asResult(async () => {
    const current = await getCase(data, caseId, actor);
    if (!current) throw new StoreError('case.not_found', 'The case does not exist or is not visible to you.');
    const referral = await referralOfCase(data, current);
    if (!referral || referral.referral.kind !== 'court_entrusted') throw new StoreError('referral.not_entrusted', 'This case was not entrusted by a court.');
    const termination = current.status === 'failed' ? await terminationOf(data, caseId) : null;
    const reached = AGREEMENT_STATUSES.includes(current.status);
    if (!termination && !reached) throw new StoreError('referral.no_result', 'The mediation has no result yet: an agreement, or the termination record.');
    const { key, summary } = await institutionPdfKey(data, platform, passphrase, now);
    const institution = await data.institution.get();
    let over: Partial<ReferralAnswer>;
    let pdf: Uint8Array | null = null;
    if (termination) {
      pdf = await terminationPdf(platform, termination);
      if (!pdf) throw new StoreError('termination.pdf_missing', 'The termination record’s PDF is not on this workstation.');
      const { endedOn, reason, partyName, explanation, paths, materials, pdfSha256 } = termination;
      over = { answer: 'terminated', termination: { endedOn, reason, partyName, explanation, paths, materials, pdfSha256 } };
    } else {
      const built = (await data.centerApplications.byCase(caseId)).map((a) => a.built).filter((b) => b !== null).pop() ?? null;
      over = { answer: 'agreement_reached', agreement: { effectiveOn: current.agreementEffectiveOn, packageId: built?.packageId ?? null, packageSha256: built?.sha256 ?? null } };
    }
    const answer: ReferralAnswer = {
      format: 'mw-referral-answer/1',
      referralId: referral.id,
      referralSha256: referral.jsonSha256,
      answerer: { name: summary.subject, creditCode: institution?.creditCode ?? '' },
      reason: '',
      caseNumber: current.number,
      termination: null,
      agreement: null,
      issuedAt: now.toISOString(),
      answer: 'accepted',
      ...over,
    };
    const signed = await signAnswer(answer, key, now, pdf);
    const kept = await keepAnswer(data, platform, actor, referral, signed, now);
    await data.transact(actorOf(actor), async () => {
      const status = answer.answer === 'terminated' ? 'terminated' : 'agreement_reached';
      await data.records(REFERRALS).put({ ...kept.record, status, updatedAt: now.toISOString() });
      if (termination) await data.records(TERMINATIONS).put({ ...termination, answeredAt: now.toISOString() });
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'referral', entityId: referral.id, caseId, action: 'referral.result_send', after: { receiver: referral.referral.sender.name, answer: answer.answer } });
    });
    return { ...kept, name: `调解结果-${current.number.replace(/[\\/:*?"<>|\s]+/g, '_')}.mwanswer` };
  });
}
