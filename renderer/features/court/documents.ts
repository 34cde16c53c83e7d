// The documents the court signs with its key (the workstation's institution identity, which on a
// court's workstation is the court's): the 补正 request, the ruling (民事裁定书) as a signed PDF, and
// the receipt that answers the center. The key is unlocked first, so a wrong passphrase is found
// before any work; the documents' bytes go into the blob store and the filing records their hashes
// in the same step, so a failure leaves the filing as it was. The court's name in every document is
// its certificate's, which is what a verifier compares the signer with.
import type { User } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { addDays } from '../../../shared/domain/deadlines';
import { courtClock, courtToday } from '../../../shared/confirmation/court/court-clock';
import type { CourtFiling, SupplementRecord } from '../../../shared/confirmation/court/filing';
import { buildReceipt, RECEIPT_FILES } from '../../../shared/confirmation/court/receipt';
import { composeRuling, renderRulingPdf, signRulingPdf } from '../../../shared/confirmation/court/ruling-document';
import { REJECTION_GROUNDS, rulingSchema, type RejectionGround, type Ruling, type RulingOutcome } from '../../../shared/confirmation/court/ruling';
import { buildSupplementRequest, SUPPLEMENT_FILES, type SupplementRequest } from '../../../shared/confirmation/court/supplement';
import { examinePdfSignatures } from '../../../shared/agreement/pdf-signature/verify';
import { GlyphMissingError } from '../../../shared/agreement/pdf/typesetter';
import type { PlatformPort } from '../../../shared/platform';
import { summarizeCertificate } from '../../../shared/identity/certificate';
import type { DataStore } from '../../data';
import { agreementFonts } from '../../kit/pdf-fonts';
import { personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { installNodeBuffer } from '../agreements';
import { institutionPdfKey, readIdentity } from '../identity';
import { changeFiling, readFiling, refuseSuperseded, requireCourtUser } from './filings';
import { docketSettingsOf } from './settings-store';

installNodeBuffer();

type Platform = Pick<PlatformPort, 'keys' | 'blobs'>;

/** The court as its documents state it: its certificate's name, and its code. */
async function courtOf(data: DataStore, subject: string): Promise<{ name: string; code: string }> {
  const code = (await docketSettingsOf(data))?.courtCode ?? (await data.institution.get())?.court.code ?? '';
  return { name: subject, code };
}

/** The court's signing key and its name and code as the documents state them. */
async function courtSigner(data: DataStore, platform: Platform, passphrase: string | undefined, now: Date) {
  const { key, summary } = await institutionPdfKey(data, platform, passphrase, now);
  return { key, court: await courtOf(data, summary.subject) };
}

async function currentFiling(data: DataStore, id: string, rev: number): Promise<CourtFiling> {
  const filing = await readFiling(data, id);
  if (!filing) throw new StoreError('court.filing_not_found', 'The received package is not on this workstation.');
  if (filing.rev !== rev) throw new StoreError('court.filing_changed', 'Someone else changed this filing meanwhile; it was reloaded. Look at it again and repeat your step.');
  refuseSuperseded(filing);
  return filing;
}

// ---------------------------------------------------------------- 补正

export interface SupplementInput {
  missing: { item: SupplementRequest['missing'][number]['item']; detail: string }[];
  dueOn: string;
  passphrase?: string;
}

export interface SignedFiles {
  filing: CourtFiling;
  files: { name: string; bytes: Uint8Array }[];
}

export function requestSupplement(data: DataStore, platform: Platform, actor: User, id: string, rev: number, input: SupplementInput, now = new Date()): Promise<StoreResult<SignedFiles>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const filing = await currentFiling(data, id, rev);
    const stage = courtClock(filing.clock, courtToday(now)).stage;
    if (filing.verdict !== 'verified' || !filing.package || (stage !== 'awaiting_acceptance' && stage !== 'awaiting_decision')) {
      throw new StoreError('court.supplement_stage', 'Supplementary materials are asked for while the package awaits acceptance or the ruling.');
    }
    const missing = input.missing.map((m) => ({ item: m.item, detail: m.detail.trim() })).filter((m) => m.detail !== '');
    if (missing.length === 0) throw new StoreError('court.supplement_empty', 'Name at least one missing item and say what is needed.', {}, [{ path: 'missing', code: 'court.supplement_empty' }]);
    if (missing.some((m) => [...m.detail].length > 1000)) throw new StoreError('court.supplement_long', 'Each description has at most 1000 characters.', {}, [{ path: 'missing', code: 'court.supplement_long' }]);
    const today = courtToday(now);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn) || input.dueOn <= today || input.dueOn > addDays(today, 90)) {
      throw new StoreError('court.supplement_due', 'The due date is a day after today and within 90 days.', {}, [{ path: 'dueOn', code: 'court.supplement_due' }]);
    }
    const { key, court } = await courtSigner(data, platform, input.passphrase, now);
    const signed = await buildSupplementRequest(
      { packageId: filing.package.packageId, packageSha256: filing.packageSha256, caseId: filing.caseId, court, docketNumber: filing.docketNumber, missing, dueOn: input.dueOn },
      key,
      now,
    );
    const [jsonSha256, p7sSha256] = [await platform.blobs.put(signed.json), await platform.blobs.put(signed.p7s)];
    const record: SupplementRecord = { requestedAt: now.toISOString(), requestedBy: personOf(actor), dueOn: input.dueOn, missing, jsonSha256, p7sSha256 };
    const next = await changeFiling(data, actor, { id, rev, now, action: 'court_filing.supplement' }, (f) => ({ ...f, supplements: [...f.supplements, record] }), () => ({ dueOn: record.dueOn, items: missing.map((m) => m.item), jsonSha256 }));
    return { filing: next, files: [{ name: SUPPLEMENT_FILES.json, bytes: signed.json }, { name: SUPPLEMENT_FILES.signature, bytes: signed.p7s }] };
  });
}

// ---------------------------------------------------------------- the ruling

export interface RulingInput {
  outcome: RulingOutcome;
  grounds: RejectionGround[];
  reasoning: string;
  judge: string;
  passphrase?: string;
  /**
   * The ruling's text as the clerk read it before signing (previewRuling). It is signed only while
   * it is still the text composed now; otherwise nothing is signed and the clerk reads it again.
   */
  shownText: string;
  /** The clerk's explicit acknowledgement that the institution's identity is not authenticated. */
  acknowledgeUnauthenticated?: boolean;
}

/** The ruling's words, one block a line, as the PDF lays them out. */
export function rulingText(ruling: Ruling): string {
  return composeRuling(ruling)
    .flatMap((block) => ('text' in block ? [block.text] : []))
    .join('\n');
}

/** The institution whose identity the court could not authenticate, or null when it was authenticated. */
export function unauthenticatedInstitution(filing: CourtFiling): { institution: string; fingerprint256: string | null; mismatch: boolean } | null {
  const institution = filing.package?.institution;
  if (!institution || institution.pinned === true) return null;
  return { institution: institution.name, fingerprint256: institution.fingerprint256, mismatch: institution.pinned === false };
}

/**
 * Confirming the agreement of an institution nobody has shown to be who it says it is needs the
 * clerk to say so explicitly; rejecting does not.
 */
function requireAcknowledgement(filing: CourtFiling, input: Pick<RulingInput, 'outcome' | 'acknowledgeUnauthenticated'>) {
  const unauthenticated = unauthenticatedInstitution(filing);
  if (input.outcome === 'confirmed' && unauthenticated && input.acknowledgeUnauthenticated !== true) {
    throw new StoreError(
      'court.identity_ack_required',
      `The identity of ${unauthenticated.institution} is not authenticated: acknowledge it explicitly to confirm its agreement, or request its certificate (补正).`,
      { name: unauthenticated.institution },
      [{ path: 'acknowledgeUnauthenticated', code: 'court.identity_ack_required', params: { name: unauthenticated.institution } }],
    );
  }
  return input.outcome === 'confirmed' ? unauthenticated : null;
}

/**
 * The text the ruling will have if signed now, for the clerk to read before signing: composed by
 * the same code from the same particulars, with the court's name from its certificate (no key needed).
 */
export function previewRuling(data: DataStore, actor: User, id: string, rev: number, input: Omit<RulingInput, 'shownText' | 'passphrase'>, now = new Date()): Promise<StoreResult<{ text: string }>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const filing = await currentFiling(data, id, rev);
    const today = courtToday(now);
    if (courtClock(filing.clock, today).stage !== 'awaiting_decision') throw new StoreError('court.rule_stage', 'Only an accepted package awaiting its ruling can be ruled on.');
    requireAcknowledgement(filing, input);
    const identity = await readIdentity(data);
    if (!identity) throw new StoreError('identity.missing', 'This workstation has no signing certificate yet.');
    const ruling = rulingOf(filing, input, await courtOf(data, summarizeCertificate(identity.certificatePem).subject), actor.displayName, today);
    return { text: rulingText(ruling) };
  });
}

/**
 * A party as the ruling names them: the signed ruling prints a natural person's full ID number when
 * the package carries it; the text the clerk reads before signing shows it masked
 * (docs/identity-numbers.md).
 */
function particularsOf(p: { kind: string; idNumberMasked: string; idNumber?: string }, numbers: IdNumbers): string {
  const number = numbers === 'full' && p.kind === 'natural' && p.idNumber ? p.idNumber : p.idNumberMasked;
  if (number.trim() === '') return '';
  return p.kind === 'legal' ? `统一社会信用代码${number}` : `身份证件号码${number}`;
}

/** The ruling as the model the PDF is composed from; every rule the schema states is checked here. */
type IdNumbers = 'full' | 'masked';

function rulingOf(filing: CourtFiling, input: Pick<RulingInput, 'outcome' | 'grounds' | 'reasoning' | 'judge'>, court: { name: string; code: string }, clerk: string, decidedOn: string, numbers: IdNumbers = 'masked'): Ruling {
  const pkg = filing.package;
  if (!pkg || !filing.docketNumber || !filing.clock.acceptedOn) throw new StoreError('court.rule_stage', 'Only an accepted package awaiting its ruling can be ruled on.');
  if (!pkg.agreementSha256) throw new StoreError('court.no_agreement', 'The package lists no agreement.pdf, so there is nothing to confirm; request it (补正) or reject.');
  const judge = input.judge.trim();
  if (judge === '' || [...judge].length > 50) throw new StoreError('court.judge_required', 'Give the judge’s name (审判员).', {}, [{ path: 'judge', code: 'court.judge_required' }]);
  const grounds = input.outcome === 'rejected' ? [...new Set(input.grounds)] : [];
  if (input.outcome === 'rejected' && grounds.length === 0) throw new StoreError('court.grounds_required', 'A rejection names at least one ground.', {}, [{ path: 'grounds', code: 'court.grounds_required' }]);
  if (grounds.some((g) => !(g in REJECTION_GROUNDS))) throw new StoreError('court.grounds_required', 'Unknown ground.', {}, [{ path: 'grounds', code: 'court.grounds_required' }]);
  if ([...input.reasoning].length > 4000) throw new StoreError('court.reasoning_long', 'The reasoning has at most 4000 characters.', {}, [{ path: 'reasoning', code: 'court.reasoning_long' }]);
  const applicants = orderParties(pkg.parties)
    .filter((p) => p.kind !== 'agent' && (p.side === 'applicant' || p.side === 'respondent'))
    .map((p) => ({ name: p.name, side: p.side as 'applicant' | 'respondent', particulars: particularsOf(p, numbers) }));
  const candidate = {
    court,
    docketNumber: filing.docketNumber,
    applicants,
    institutionName: pkg.institution.name,
    agreement: { number: pkg.caseNumber, signedOn: pkg.agreementEffectiveOn, pdfSha256: pkg.agreementSha256 },
    receivedOn: filing.clock.receivedOn,
    acceptedOn: filing.clock.acceptedOn,
    decidedOn,
    outcome: input.outcome,
    grounds,
    reasoning: input.reasoning.trim(),
    judge,
    clerk,
  };
  const parsed = rulingSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new StoreError('court.ruling_invalid', `The ruling cannot be written: ${field} ${issue?.message ?? ''}`.trim(), { field });
  }
  return parsed.data;
}

/** Writes, signs and records the ruling; the case's clock stops on the day of the ruling. */
export function ruleOnFiling(data: DataStore, platform: Platform, actor: User, id: string, rev: number, input: RulingInput, now = new Date()): Promise<StoreResult<CourtFiling>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const filing = await currentFiling(data, id, rev);
    const today = courtToday(now);
    if (courtClock(filing.clock, today).stage !== 'awaiting_decision') throw new StoreError('court.rule_stage', 'Only an accepted package awaiting its ruling can be ruled on.');
    const acknowledged = requireAcknowledgement(filing, input);
    const { key, court } = await courtSigner(data, platform, input.passphrase, now);
    if (rulingText(rulingOf(filing, input, court, actor.displayName, today)) !== input.shownText) {
      throw new StoreError('court.ruling_text_changed', 'The ruling’s text is no longer the one shown (the day or the particulars changed); nothing was signed. Read it again and sign.');
    }
    const ruling = rulingOf(filing, input, court, actor.displayName, today, 'full');
    // Whose full ID numbers the signed ruling prints, for the record of who printed them.
    const idNumbersPrinted = (filing.package?.parties ?? []).filter((p) => p.kind === 'natural' && p.idNumber).map((p) => p.name);
    const rendered = await renderRulingPdf(ruling, await agreementFonts(), { creationDate: now }).catch((error: unknown) => {
      if (error instanceof GlyphMissingError) throw new StoreError('court.glyph_missing', error.message, { char: error.char });
      throw error;
    });
    const signed = await signRulingPdf(rendered.bytes, { ...key, name: court.name }, now);
    const scan = examinePdfSignatures(signed);
    const last = scan.signatures.at(-1);
    if (!last || last.problems.length > 0 || !last.coversWholeFile) throw new StoreError('court.ruling_signature', 'The signed ruling did not pass its own check; nothing was recorded.');
    const pdfSha256 = await platform.blobs.put(signed);
    return changeFiling(
      data,
      actor,
      { id, rev, now, action: 'court_filing.rule' },
      (f) => ({
        ...f,
        clock: { ...f.clock, decidedOn: today },
        ruling: {
          outcome: ruling.outcome,
          grounds: ruling.grounds,
          reasoning: ruling.reasoning,
          judge: ruling.judge,
          clerk: ruling.clerk,
          decidedOn: today,
          pdfSha256,
          pdfSize: signed.length,
          signedAt: now.toISOString(),
          ...(acknowledged ? { identityAcknowledged: acknowledged } : {}),
        },
      }),
      (next) => ({ outcome: ruling.outcome, grounds: ruling.grounds, decidedOn: today, pdfSha256, pages: rendered.pages, docketNumber: next.docketNumber, ...(idNumbersPrinted.length > 0 ? { idNumbersPrinted: idNumbersPrinted.join('、') } : {}), ...(acknowledged ? { identityAcknowledged: acknowledged } : {}) }),
    );
  });
}

// ---------------------------------------------------------------- the receipt

export const RULING_FILE = 'ruling.pdf';

/** The signed files a filing keeps in the blob store, as the clerk's texts name them (court:blobs.<what>). */
export type KeptFile = 'ruling' | 'receipt' | 'receipt_signature' | 'supplement' | 'supplement_signature';

async function blob(platform: Platform, sha256: string, what: KeptFile): Promise<Uint8Array> {
  const bytes = await platform.blobs.get(sha256);
  if (!bytes) throw new StoreError('court.blob_missing', `The ${what} file is missing from this workstation’s file store; restore it from a backup.`, { what });
  return bytes;
}

/**
 * The signed receipt with the ruling PDF: made and recorded the first time, the same files every
 * time after (a receipt is issued once; exporting it again must not make a second one).
 */
export function exportReceipt(data: DataStore, platform: Platform, actor: User, id: string, rev: number, input: { passphrase?: string }, now = new Date()): Promise<StoreResult<SignedFiles>> {
  return asResult(async () => {
    requireCourtUser(actor);
    let filing = await currentFiling(data, id, rev);
    const { ruling, docketNumber } = filing;
    if (!ruling || !docketNumber || !filing.package) throw new StoreError('court.receipt_stage', 'A receipt answers a ruling: rule on the package first.');
    const pdf = await blob(platform, ruling.pdfSha256, 'ruling');
    let json: Uint8Array;
    let p7s: Uint8Array;
    if (filing.receipt) {
      json = await blob(platform, filing.receipt.jsonSha256, 'receipt');
      p7s = await blob(platform, filing.receipt.p7sSha256, 'receipt_signature');
    } else {
      const { key, court } = await courtSigner(data, platform, input.passphrase, now);
      const signed = await buildReceipt(
        { packageId: filing.package.packageId, packageSha256: filing.packageSha256, caseId: filing.caseId, court, docketNumber, ruling: { outcome: ruling.outcome, grounds: ruling.grounds, decidedOn: ruling.decidedOn, pdfSha256: ruling.pdfSha256 } },
        key,
        now,
      );
      json = signed.json;
      p7s = signed.p7s;
      const receipt = { jsonSha256: await platform.blobs.put(json), p7sSha256: await platform.blobs.put(p7s), issuedAt: now.toISOString() };
      filing = await changeFiling(data, actor, { id, rev, now, action: 'court_filing.receipt' }, (f) => {
        if (f.receipt) throw new StoreError('court.filing_changed', 'A receipt was issued meanwhile in another window; it was reloaded.');
        return { ...f, receipt };
      }, () => receipt);
    }
    return { filing, files: [{ name: RECEIPT_FILES.json, bytes: json }, { name: RECEIPT_FILES.signature, bytes: p7s }, { name: RULING_FILE, bytes: pdf }] };
  });
}

/** The signed ruling PDF of a decided filing. */
export async function rulingPdf(platform: Platform, filing: CourtFiling): Promise<Uint8Array | null> {
  return filing.ruling ? platform.blobs.get(filing.ruling.pdfSha256) : null;
}

/** The 补正 request's two files, as they were signed. */
export function supplementFiles(platform: Platform, record: SupplementRecord): Promise<StoreResult<{ name: string; bytes: Uint8Array }[]>> {
  return asResult(async () => [
    { name: SUPPLEMENT_FILES.json, bytes: await blob(platform, record.jsonSha256, 'supplement') },
    { name: SUPPLEMENT_FILES.signature, bytes: await blob(platform, record.p7sSha256, 'supplement_signature') },
  ]);
}
