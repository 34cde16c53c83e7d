// A package as the court received it (a "filing"): one row of the workstation's `packages` table,
// id `court:<packageSha256>`, marked `side: 'court'` so that the mediation center's own rows in the
// same table (`side: 'center'`) are never read as the court's. The row holds what the clerk needs
// without reopening the zip — the verification report, the particulars the ruling is written from,
// the court's clock — and the hashes of the documents the court made (补正 requests, the ruling PDF,
// the receipt), whose bytes live in the blob store.
import { z } from 'zod';
import { dateSchema, instantSchema, partySideSchema } from '../../domain/model';
import { sha256HexSchema } from '../../ledger/entry';
import { checkDetailSchema, checkResultSchema } from '../check-detail';
import { deadlineCheck } from '../checklist';
import { courtClock, courtRecordSchema, type CourtStage } from './court-clock';
import { docketNumberSchema } from './docket-number';
import { rejectionGroundSchema, RULING_OUTCOMES } from './ruling';
import { SUPPLEMENT_ITEMS } from './supplement-items';

export const FILING_ID_PREFIX = 'court:';

export function filingIdOf(packageSha256: string): string {
  return `${FILING_ID_PREFIX}${packageSha256}`;
}

/** The caseId of a package whose manifest could not be read: the row still needs one. */
export function unknownCaseId(packageSha256: string): string {
  return `unknown:${packageSha256}`;
}

const actorSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(50) });

/** A check as verified on receipt; its detail (the text for the clerk's language) is absent in rows from before. */
const checkSchema = checkResultSchema.extend({ id: z.string().min(1).max(60), message: z.string().max(4000), detail: checkDetailSchema.optional() });

/**
 * verified: every layer holds; failed: a readable package with at least one failed check;
 * unusable: not a package at all (a zip the reader refuses, no manifest).
 */
export const FILING_VERDICTS = ['verified', 'failed', 'unusable'] as const;

/** The particulars the ruling and the receipt are written from, taken from the verified manifest. */
export const filingPackageSchema = z.strictObject({
  packageId: z.string().min(1).max(100),
  createdAt: instantSchema,
  caseNumber: z.string().min(1).max(200),
  category: z.string().length(3),
  court: z.strictObject({ name: z.string().min(1).max(100), code: z.string().max(20) }),
  jurisdiction: z.string().max(60),
  institution: z.strictObject({
    name: z.string().min(1).max(100),
    creditCode: z.string().max(18),
    subject: z.string().max(200).nullable(),
    fingerprint256: z.string().max(200).nullable(),
    /** The certificate matched one the court registered; null when the court had none registered. */
    pinned: z.boolean().nullable(),
  }),
  parties: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(100),
        side: partySideSchema,
        kind: z.enum(['natural', 'legal', 'agent']),
        idNumberMasked: z.string().max(40),
        /** The full number, printed only in the ruling (docs/identity-numbers.md); absent for packages from before. */
        idNumber: z.string().min(1).max(40).optional(),
      }),
    )
    .max(50),
  agreementEffectiveOn: dateSchema,
  confirmationDeadline: dateSchema,
  /** SHA-256 of agreement.pdf as the manifest lists it, or null when it lists none. */
  agreementSha256: sha256HexSchema.nullable(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  supersedes: z.strictObject({ packageId: z.string().min(1).max(100), packageSha256: sha256HexSchema }).nullable(),
});
export type FilingPackage = z.infer<typeof filingPackageSchema>;

export const supplementRecordSchema = z.strictObject({
  requestedAt: instantSchema,
  requestedBy: actorSchema,
  dueOn: dateSchema,
  missing: z.array(z.strictObject({ item: z.enum(SUPPLEMENT_ITEMS), detail: z.string().min(1).max(1000) })).min(1).max(50),
  jsonSha256: sha256HexSchema,
  p7sSha256: sha256HexSchema,
});
export type SupplementRecord = z.infer<typeof supplementRecordSchema>;

export const filingRulingSchema = z.strictObject({
  outcome: z.enum(RULING_OUTCOMES),
  grounds: z.array(rejectionGroundSchema).max(5),
  reasoning: z.string().max(4000),
  judge: z.string().min(1).max(50),
  clerk: z.string().min(1).max(50),
  decidedOn: dateSchema,
  pdfSha256: sha256HexSchema,
  pdfSize: z.number().int().positive(),
  signedAt: instantSchema,
  /**
   * A confirmation of a package whose institution's certificate the court had not registered (or
   * did not match the one registered): the clerk acknowledged it explicitly before signing, and
   * this is what was acknowledged. Absent when the identity was authenticated, and in rows from before.
   */
  identityAcknowledged: z.strictObject({ institution: z.string().max(100), fingerprint256: z.string().max(200).nullable(), mismatch: z.boolean() }).optional(),
});
export type FilingRuling = z.infer<typeof filingRulingSchema>;

/**
 * What became of the package a new version names in `manifest.supersedes` (the center's answer to a
 * 补正 request), decided when the new version is received:
 * carried_over: the earlier one was accepted and awaits its ruling — the new one has its court case
 *   number and its clock (receipt, acceptance, extension), so it is under review at once;
 * receipt_kept: the earlier one still awaited acceptance — the new one keeps its receipt date;
 * unknown: this court never received it; decided / refused: it was ruled on or refused already;
 * superseded: a newer version replaced it already; mismatch: another case or organisation;
 * not_verified: the new version itself failed verification. Only the first two supersede it.
 */
export const PREDECESSOR_OUTCOMES = ['carried_over', 'receipt_kept', 'unknown', 'decided', 'refused', 'superseded', 'mismatch', 'not_verified'] as const;
export type PredecessorOutcome = (typeof PREDECESSOR_OUTCOMES)[number];

export function carriesOver(outcome: PredecessorOutcome): boolean {
  return outcome === 'carried_over' || outcome === 'receipt_kept';
}

export const courtFilingSchema = z
  .strictObject({
    id: z.string().startsWith(FILING_ID_PREFIX),
    side: z.literal('court'),
    /** The center's case id from the manifest (unknownCaseId for an unreadable package). */
    caseId: z.string().min(1).max(200),
    packageSha256: sha256HexSchema,
    size: z.number().int().nonnegative(),
    fileName: z.string().max(500),
    receivedAt: instantSchema,
    receivedBy: actorSchema,
    verdict: z.enum(FILING_VERDICTS),
    checks: z.array(checkSchema).max(200),
    /** Files of the package that differ from the manifest (the rest are fine), at most 200 named. */
    badFiles: z.array(z.strictObject({ path: z.string().max(500), problem: z.string().max(1000), detail: checkDetailSchema.optional() })).max(200),
    /** Why the package could not be read at all (verdict unusable), or null. */
    unusableReason: z.string().max(2000).nullable(),
    /** The same, for the clerk's language (absent in rows from before). */
    unusableDetail: checkDetailSchema.optional(),
    package: filingPackageSchema.nullable(),
    clock: courtRecordSchema,
    docketNumber: docketNumberSchema.nullable(),
    refusal: z.strictObject({ reason: z.string().min(1).max(4000), by: actorSchema, at: instantSchema, automatic: z.boolean() }).nullable(),
    supplements: z.array(supplementRecordSchema).max(50),
    ruling: filingRulingSchema.nullable(),
    receipt: z.strictObject({ jsonSha256: sha256HexSchema, p7sSha256: sha256HexSchema, issuedAt: instantSchema }).nullable(),
    /** The package named in manifest.supersedes and what became of it (null when it names none). Absent in rows from before. */
    predecessor: z.strictObject({ packageSha256: sha256HexSchema, outcome: z.enum(PREDECESSOR_OUTCOMES) }).nullable().default(null),
    /** A newer version (补正) replaced this one: its case continues there and nothing more is done here. */
    supersededBy: z.strictObject({ packageSha256: sha256HexSchema, packageId: z.string().min(1).max(100), at: instantSchema }).nullable().default(null),
    updatedAt: instantSchema,
    /** Optimistic concurrency: every action names the revision it started from. */
    rev: z.number().int().nonnegative(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (f.id !== filingIdOf(f.packageSha256)) issue(['id'], 'the id is court: and the package SHA-256');
    if ((f.verdict === 'unusable') !== (f.unusableReason !== null)) issue(['unusableReason'], 'an unusable package, and only one, says why');
    if ((f.clock.refusedOn !== null) !== (f.refusal !== null)) issue(['refusal'], 'a refusal, and only a refusal, gives its reason');
    if ((f.clock.acceptedOn !== null) !== (f.docketNumber !== null)) issue(['docketNumber'], 'an accepted application, and only one, has a court case number');
    if ((f.clock.decidedOn !== null) !== (f.ruling !== null)) issue(['ruling'], 'a decided application, and only one, has its ruling');
    if (f.receipt !== null && f.ruling === null) issue(['receipt'], 'a receipt answers a ruling');
    if (f.verdict !== 'verified' && f.clock.acceptedOn !== null) issue(['clock', 'acceptedOn'], 'only a verified package can be accepted');
    if (f.predecessor !== null && f.predecessor.packageSha256 !== f.package?.supersedes?.packageSha256) issue(['predecessor'], 'the predecessor is the package the manifest supersedes');
    if (f.supersededBy !== null && (f.ruling !== null || f.clock.refusedOn !== null)) issue(['supersededBy'], 'only a filing still under way is superseded');
    if (f.supersededBy?.packageSha256 === f.packageSha256) issue(['supersededBy'], 'a package does not supersede itself');
  });
export type CourtFiling = z.infer<typeof courtFilingSchema>;

/**
 * A new version that continues its predecessor's case (补正) is the same application, filed when the
 * court first received it — the day its carried-over clock holds — so the 30-day limit is judged
 * from that day, not from the new version's arrival. The verifier cannot know this on receipt (it
 * sees one package), hence the check is re-derived from the filing; any other filing keeps its own.
 */
export function deadlineFromFirstFiling(filing: CourtFiling): CourtFiling {
  const outcome = filing.predecessor?.outcome;
  if (!outcome || !carriesOver(outcome) || !filing.package) return filing;
  const check = deadlineCheck(filing.package, filing.clock.receivedOn, 'first_filing');
  return { ...filing, checks: filing.checks.map((c) => (c.id === check.id ? check : c)) };
}

export type FilingStage = CourtStage | 'superseded';

/** The filing's stage on `today`: the court's clock, unless a newer version replaced it. */
export function filingStage(filing: Pick<CourtFiling, 'clock' | 'supersededBy'>, today: string): FilingStage {
  return filing.supersededBy ? 'superseded' : courtClock(filing.clock, today).stage;
}

/**
 * Checks whose failure means the package is not what its institution signed, or cannot be shown to
 * be: the court cannot act on it, so it is refused on receipt. The legal checklist and the 30-day
 * limit are the clerk's to weigh (补正, or refusal with reasons); whether the institution's
 * certificate is one the court registered (institution.pinned) is identity, shown apart.
 */
export function isIntegrityCheck(id: string): boolean {
  return !id.startsWith('checklist.') && id !== 'deadline' && id !== 'institution.pinned';
}

export const CHECK_LAYERS = ['package', 'signature', 'files', 'pdf', 'ledger', 'checklist', 'deadline', 'other'] as const;
export type CheckLayer = (typeof CHECK_LAYERS)[number];

/** The layer of the verification a check belongs to, for showing them grouped. */
export function layerOf(id: string): CheckLayer {
  if (id === 'package.paths' || id === 'manifest.schema' || id === 'package.ambiguity') return 'package';
  if (id === 'institution.certificate' || id === 'manifest.signature' || id === 'manifest.signer' || id === 'institution.pinned') return 'signature';
  if (id.startsWith('files.') || id === 'sha256sums') return 'files';
  if (id.endsWith('.signatures')) return 'pdf';
  if (id.startsWith('ledger.')) return 'ledger';
  if (id.startsWith('checklist.')) return 'checklist';
  if (id === 'deadline') return 'deadline';
  return 'other';
}

/** The checklist items a 补正 request can name for each failed checklist check. */
export const SUPPLEMENT_ITEM_OF_CHECK: Readonly<Record<string, (typeof SUPPLEMENT_ITEMS)[number]>> = {
  'checklist.application': 'application',
  'checklist.agreement': 'agreement',
  'checklist.parties': 'statement',
  'checklist.identity': 'identity',
  'checklist.authority': 'authority',
  'checklist.property': 'property',
};
