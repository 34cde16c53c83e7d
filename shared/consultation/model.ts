// The consultation register's record (咨询登记, issue 18 item 1) as a zod schema; its types derive
// from it. The record belongs to one institution; a person's ID number and phone are stored
// normalised (as the case intake stores them) so that "seen before" can match them exactly.
import { z } from 'zod';
import { idTypeSchema, instantSchema } from '../domain/model';
import { CONSULTATION_TOPICS } from './topics';
import { ARTICLE_MAX, STATUTE_IDS } from './statutes';

/** A text of at most `max` code points (a rare Han character outside the BMP is one character). */
function chars(max: number, required = false) {
  return z.string().refine((s) => (!required || s.length > 0) && (s.length <= max || [...s].length <= max), {
    message: `${required ? 'between 1 and' : 'at most'} ${max} characters`,
  });
}

export const CONSULTATION_CHANNELS = ['walk_in', 'hotline', 'online', 'appointment'] as const;
export const consultationChannelSchema = z.enum(CONSULTATION_CHANNELS);
export type ConsultationChannel = z.infer<typeof consultationChannelSchema>;

/** Where the person was sent; 'answered' when the advice itself was the answer. */
export const CONSULTATION_OUTCOMES = [
  'answered',
  'referred_mediation',
  'referred_legal_aid',
  'referred_arbitration',
  'referred_court',
  'referred_agency',
] as const;
export const consultationOutcomeSchema = z.enum(CONSULTATION_OUTCOMES);
export type ConsultationOutcome = z.infer<typeof consultationOutcomeSchema>;

export const consultationTopicSchema = z.enum(CONSULTATION_TOPICS);
export const statuteIdSchema = z.enum(STATUTE_IDS);

export const LIMITS = {
  name: 50,
  idNumber: 30,
  phone: 20,
  question: 2000,
  facts: 10000,
  advice: 10000,
  basisNote: 500,
  agency: 100,
  followUpNote: 500,
  legalBases: 20,
  minutes: 600,
} as const;

/** One legal basis of the advice: a statute from the list, the article the lawyer typed, and optionally their words. */
export const legalBasisSchema = z.strictObject({
  statute: statuteIdSchema,
  article: chars(ARTICLE_MAX, true),
  note: chars(LIMITS.basisNote),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/** The person who asked. ID number and phone are '' when not given; both normalised when given. */
export const consultationPersonSchema = z.strictObject({
  name: chars(LIMITS.name, true),
  idType: idTypeSchema,
  idNumber: chars(LIMITS.idNumber),
  phone: chars(LIMITS.phone),
});
export type ConsultationPerson = z.infer<typeof consultationPersonSchema>;

export const consultationSchema = z.strictObject({
  id: z.string().min(1),
  /** The institution whose register this is; "seen before" never looks beyond it. */
  institutionId: z.string().min(1),
  /** Register number, e.g. 咨2026-00042 (year and a sequence of the institution). */
  number: chars(40, true),
  year: z.number().int().min(2000).max(2100),
  seq: z.number().int().positive(),
  channel: consultationChannelSchema,
  /** When the consultation took place. */
  receivedAt: instantSchema,
  /** null once the retention period has passed and the record was anonymised. */
  person: consultationPersonSchema.nullable(),
  topic: consultationTopicSchema,
  question: chars(LIMITS.question),
  facts: chars(LIMITS.facts),
  advice: chars(LIMITS.advice),
  legalBases: z.array(legalBasisSchema).max(LIMITS.legalBases),
  outcome: consultationOutcomeSchema,
  /** The agency the person was sent to, for 'referred_agency' (and optionally the others). */
  referredTo: chars(LIMITS.agency),
  minutesSpent: z.number().int().min(1).max(LIMITS.minutes),
  followUp: z.boolean(),
  followUpNote: chars(LIMITS.followUpNote),
  /** The lawyer who answered. */
  lawyerId: z.string().min(1),
  lawyerName: chars(50, true),
  /** Lower-cased search keys (name, number, phone, ID number); emptied on anonymisation. */
  searchTerms: z.array(z.string()),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** When the retention run anonymised this record; absent while it is whole. */
  anonymisedAt: instantSchema.optional(),
  version: z.number().int().nonnegative(),
});
export type Consultation = z.infer<typeof consultationSchema>;

// ---- retention (the institution's setting) ----

export const RETENTION_ACTIONS = ['anonymise', 'remove'] as const;
export const retentionActionSchema = z.enum(RETENTION_ACTIONS);
export type RetentionAction = z.infer<typeof retentionActionSchema>;

/** How long consultation records are kept, in whole months, and what happens after. */
export const consultationRetentionSchema = z.strictObject({
  months: z.number().int().min(1).max(600),
  action: retentionActionSchema,
  updatedAt: instantSchema,
  updatedBy: z.string().min(1),
});
export type ConsultationRetention = z.infer<typeof consultationRetentionSchema>;

/** The meta key under which the institution's retention setting is kept. */
export const CONSULTATION_RETENTION_KEY = 'consultation.retention';
/** Used until the institution sets its own (a product choice: three years, then anonymised). */
export const DEFAULT_RETENTION: Pick<ConsultationRetention, 'months' | 'action'> = { months: 36, action: 'anonymise' };
