// The referral file's contents (issue 18 item 5) as zod schemas: a dispute one institution sends
// another — a legal-service hall's consultation referred to a mediation committee (referral), or a
// dispute a court entrusts before filing (court_entrusted, with its deadline) — with the parties as
// the receiving case intake will register them (nothing retyped), the category, the facts, and the
// person's recorded consent. The answer file goes back: accepted (with the case number) or
// declined (with the reason), and for a court-entrusted dispute the result — terminated, with the
// termination record and the materials, or agreement reached, pointing to the confirmation package.
import { z } from 'zod';
import { legalPartyInputSchema, naturalPartyInputSchema } from '../domain/intake';
import { institutionKindSchema } from '../domain/institution-kinds';
import { dateSchema, instantSchema } from '../domain/model';
import { sha256HexSchema } from '../ledger/entry';
import { terminationSummarySchema } from '../termination/model';

export const REFERRAL_FORMAT = 'mw-referral/1';
export const ANSWER_FORMAT = 'mw-referral-answer/1';
export const REFERRAL_FILES = { json: 'referral.json', signature: 'referral.p7s' } as const;
export const ANSWER_FILES = { json: 'answer.json', signature: 'answer.p7s', termination: 'termination.pdf' } as const;
/** The file names' extensions the import dialogs offer. */
export const REFERRAL_EXTENSION = '.mwreferral';
export const ANSWER_EXTENSION = '.mwanswer';

export const REFERRAL_KINDS = ['referral', 'court_entrusted'] as const;
export const referralKindSchema = z.enum(REFERRAL_KINDS);
export type ReferralKind = z.infer<typeof referralKindSchema>;

/** How the person's consent to the referral was recorded (个人信息保护法: their data goes to another institution). */
export const CONSENT_METHODS = ['written', 'oral', 'online'] as const;
export const consentMethodSchema = z.enum(CONSENT_METHODS);

const text = (max: number) => z.string().max(max);
const name = z.string().trim().min(1).max(100);

export const referralPartySchema = z.discriminatedUnion('kind', [naturalPartyInputSchema.strict(), legalPartyInputSchema.strict()]);
export type ReferralParty = z.infer<typeof referralPartySchema>;

export const referralSchema = z
  .strictObject({
    format: z.literal(REFERRAL_FORMAT),
    id: z.uuid(),
    kind: referralKindSchema,
    sender: z.strictObject({ name, creditCode: text(18), kind: institutionKindSchema }),
    receiver: z.strictObject({ name, creditCode: text(18) }),
    category: z.string().length(3),
    categoryFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    claims: text(5000),
    amountYuan: text(30),
    facts: text(20000),
    parties: z.array(referralPartySchema).min(2).max(20),
    /** The person's consent: without it nothing is sent (the schema itself requires it). */
    consent: z.strictObject({ given: z.literal(true), by: name, method: consentMethodSchema, at: instantSchema, recordedBy: name }),
    /** The day by which a court-entrusted mediation must end (委派调解, commonly 30 days). */
    deadline: dateSchema.nullable(),
    /** The court's own reference (诉前调解案号), '' when none. */
    courtReference: text(60),
    /** The consultation this was referred from, null for a blank form. */
    consultationId: z.string().max(100).nullable(),
    createdAt: instantSchema,
    createdBy: name,
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'court_entrusted' && r.deadline === null) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'a court-entrusted dispute has a deadline' });
    if (r.kind === 'court_entrusted' && r.sender.kind !== 'court') ctx.addIssue({ code: 'custom', path: ['sender', 'kind'], message: 'only a court entrusts a dispute' });
  });
export type Referral = z.infer<typeof referralSchema>;

export const ANSWERS = ['accepted', 'declined', 'terminated', 'agreement_reached'] as const;
export const answerKindSchema = z.enum(ANSWERS);
export type AnswerKind = z.infer<typeof answerKindSchema>;

export const referralAnswerSchema = z
  .strictObject({
    format: z.literal(ANSWER_FORMAT),
    referralId: z.uuid(),
    /** SHA-256 of the referral.json answered: the answer is about exactly that file. */
    referralSha256: sha256HexSchema,
    answerer: z.strictObject({ name, creditCode: text(18) }),
    answer: answerKindSchema,
    /** Why it was declined; '' otherwise. */
    reason: text(2000),
    /** The case the receiver registered; null when declined. */
    caseNumber: z.string().max(200).nullable(),
    /** A failed mediation: the termination record's particulars, its PDF (termination.pdf) by SHA-256. */
    termination: terminationSummarySchema.nullable(),
    /** An agreement: when it took effect, and the confirmation package that carries it (null: not built yet). */
    agreement: z.strictObject({ effectiveOn: dateSchema.nullable(), packageId: z.string().max(100).nullable(), packageSha256: sha256HexSchema.nullable() }).nullable(),
    issuedAt: instantSchema,
  })
  .superRefine((a, ctx) => {
    if (a.answer === 'declined' && a.reason.trim() === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a refusal gives its reason' });
    if ((a.answer === 'declined') !== (a.caseNumber === null)) ctx.addIssue({ code: 'custom', path: ['caseNumber'], message: 'every answer but a refusal names the case' });
    if ((a.answer === 'terminated') !== (a.termination !== null)) ctx.addIssue({ code: 'custom', path: ['termination'], message: 'a termination, and only a termination, carries its record' });
    if ((a.answer === 'agreement_reached') !== (a.agreement !== null)) ctx.addIssue({ code: 'custom', path: ['agreement'], message: 'an agreement, and only an agreement, carries its particulars' });
  });
export type ReferralAnswer = z.infer<typeof referralAnswerSchema>;
