// The mediation agreement (人民调解协议书) as data (人民调解法 art. 28–29, domain.md): the facts,
// the matters in dispute and each side's responsibility as text; what was agreed as terms that are
// data — who pays whom how much by when — so the document, the performance tracking and the
// checks below read the same numbers. Parties are referred to by their id in the case; their
// particulars come from the case when the document is rendered, never copied here.
import { z } from 'zod';
import { dateSchema, fenSchema, instantSchema, partySchema } from '../domain/model';
import { handSignatureSchema } from './hand-signature';

/** A clause or a free-text section longer than this is refused, with its length named. */
export const CLAUSE_MAX = 2000;
/** The facts and the matters in dispute may run longer than one clause. */
export const NARRATIVE_MAX = 5000;
export const MAX_TERMS = 50;
export const MAX_INSTALMENTS = 60;
export const MAX_COPIES = 20;

const text = (max: number) => z.string().max(max * 2).refine((s) => [...s].length <= max, { message: `at most ${max} characters` });
const partyRef = z.string().min(1).max(100);
const amount = fenSchema.refine((fen) => fen > 0, { message: 'a positive amount' });

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'mobile_payment', 'other'] as const;
export const APOLOGY_FORMS = ['written', 'oral', 'in_person'] as const;

const termBase = { id: z.string().min(1).max(40) };

export const paymentTermSchema = z.strictObject({
  ...termBase,
  kind: z.literal('payment'),
  payerId: partyRef,
  payeeId: partyRef,
  amountFen: amount,
  dueDate: dateSchema,
  method: z.enum(PAYMENT_METHODS),
  /** Account or place of payment, as the parties gave it. */
  account: text(200),
  note: text(CLAUSE_MAX),
});

export const instalmentsTermSchema = z.strictObject({
  ...termBase,
  kind: z.literal('instalments'),
  payerId: partyRef,
  payeeId: partyRef,
  instalments: z.array(z.strictObject({ amountFen: amount, dueDate: dateSchema })).min(2).max(MAX_INSTALMENTS),
  method: z.enum(PAYMENT_METHODS),
  account: text(200),
  /** Whether missing one instalment makes the whole remainder due at once (加速到期). */
  accelerateOnDefault: z.boolean(),
  note: text(CLAUSE_MAX),
});

export const performanceTermSchema = z.strictObject({
  ...termBase,
  kind: z.literal('performance'),
  obligorId: partyRef,
  obligeeId: partyRef,
  action: text(CLAUSE_MAX),
  dueDate: dateSchema,
  place: text(200),
});

export const returnPropertyTermSchema = z.strictObject({
  ...termBase,
  kind: z.literal('return_property'),
  obligorId: partyRef,
  obligeeId: partyRef,
  items: text(CLAUSE_MAX),
  dueDate: dateSchema,
  place: text(200),
});

export const apologyTermSchema = z.strictObject({
  ...termBase,
  kind: z.literal('apology'),
  obligorId: partyRef,
  obligeeId: partyRef,
  form: z.enum(APOLOGY_FORMS),
  dueDate: dateSchema,
});

export const otherTermSchema = z.strictObject({
  ...termBase,
  kind: z.literal('other'),
  text: text(CLAUSE_MAX),
});

export const termSchema = z.discriminatedUnion('kind', [
  paymentTermSchema,
  instalmentsTermSchema,
  performanceTermSchema,
  returnPropertyTermSchema,
  apologyTermSchema,
  otherTermSchema,
]);
export type Term = z.infer<typeof termSchema>;
export type TermKind = Term['kind'];
export const TERM_KINDS = ['payment', 'instalments', 'performance', 'return_property', 'apology', 'other'] as const satisfies readonly TermKind[];

export const agreementContentSchema = z.strictObject({
  /** The date the parties sign; no term may fall due before it. */
  agreementDate: dateSchema,
  place: text(100),
  /** 纠纷的主要事实. */
  facts: text(NARRATIVE_MAX),
  /** 争议事项. */
  dispute: text(NARRATIVE_MAX),
  /** 各方当事人的责任. */
  responsibility: text(CLAUSE_MAX),
  terms: z.array(termSchema).max(MAX_TERMS),
  /** 违约责任: what happens when a party does not perform. */
  defaultClause: text(CLAUSE_MAX),
  /** 其他约定 such as costs and the waiver of further claims. */
  otherMatters: text(CLAUSE_MAX),
  /** 协议书份数: one for each party and one for the committee (art. 29). */
  copies: z.number().int().min(2).max(MAX_COPIES),
});
export type AgreementContent = z.infer<typeof agreementContentSchema>;

export const AGREEMENT_STATUSES = ['draft', 'final', 'signed', 'superseded'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

const actorSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(100) });

/** A hand signature as collected, with the ledger entry that holds its strokes. */
export const collectedSignatureSchema = z.strictObject({
  signature: handSignatureSchema,
  /** seq of the ledger entry (kind 'signature') holding the stroke data. */
  ledgerSeq: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CollectedSignature = z.infer<typeof collectedSignatureSchema>;

export const agreementRecordSchema = z.strictObject({
  /** `${caseId}#v${version}`, so a case's versions sort together. */
  id: z.string().min(1),
  caseId: z.string().min(1),
  version: z.number().int().min(1).max(999),
  status: z.enum(AGREEMENT_STATUSES),
  content: agreementContentSchema,
  /**
   * The parties as they were when the text was finalised: what the hand signatures were given on.
   * Later edits of the case's parties do not change a finalised or signed agreement; null in a draft.
   */
  parties: z.array(partySchema).max(40).nullable(),
  /** Collected after finalisation, in the order signed; a draft has none. */
  handSignatures: z.array(collectedSignatureSchema).max(30),
  finalisedAt: instantSchema.nullable(),
  /** The signed PDF in the blob store, with its ledger entry. */
  signed: z
    .strictObject({
      pdfSha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().positive(),
      ledgerSeq: z.number().int().nonnegative(),
      signedAt: instantSchema,
      effectiveOn: dateSchema,
      mediatorFingerprint: z.string(),
      institutionFingerprint: z.string(),
    })
    .nullable(),
  createdAt: instantSchema,
  createdBy: actorSchema,
  updatedAt: instantSchema,
  updatedBy: actorSchema,
  /** Optimistic concurrency, as for cases. */
  rev: z.number().int().nonnegative(),
});
export type AgreementRecord = z.infer<typeof agreementRecordSchema>;

export function agreementId(caseId: string, version: number): string {
  return `${caseId}#v${String(version).padStart(3, '0')}`;
}

/** Total of a payment or instalment term, in fen. */
export function termTotalFen(term: Term): number | null {
  if (term.kind === 'payment') return term.amountFen;
  if (term.kind === 'instalments') return term.instalments.reduce((sum, i) => sum + i.amountFen, 0);
  return null;
}
