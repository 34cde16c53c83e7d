// The records of the system of record (design.md §3), as zod schemas; the TypeScript types are
// derived from them. Field-level rules (ID check digits, credit codes, amounts) live in their own
// modules beside this one and are applied by the intake validators, so that the UI can name the
// exact field that is wrong.
import { z } from 'zod';
import { institutionKindSchema } from './institution-kinds';
import { languageSchema } from './language';
import { roleSchema } from './roles';
import { videoSettingsFields } from './video-settings';

/**
 * A text of at most `max` characters, counted as the intake counts them (code points), so a name
 * with a rare character outside the BMP (𠀀, two UTF-16 units) that intake accepted also restores.
 */
function chars(max: number, required = false) {
  return z.string().refine(
    // UTF-16 length bounds the code-point count from above: only a long text needs counting.
    (s) => (!required || s.length > 0) && (s.length <= max || [...s].length <= max),
    { message: `${required ? 'between 1 and' : 'at most'} ${max} characters` },
  );
}

export { ROLES, roleSchema, type Role } from './roles';

export const CASE_STATUSES = [
  'registered',
  'accepted',
  'declined',
  'in_mediation',
  'agreement_reached',
  'failed',
  'withdrawn',
  'confirmation_applied',
  'confirmed',
  'rejected',
  'archived',
] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/**
 * The acts that make a legal status true (see ./lifecycle.ts ACT_STATUSES): a written agreement
 * signed in the app or an oral agreement recorded with its content (人民调解法 art. 28); the package
 * handed to the court (its intake accepted it, or it was exported for delivery) or a paper filing
 * recorded from the court's acknowledgement; the court's verified receipt or a paper ruling
 * registered from its scan; the termination record (调解终结书, 人民调解法 art. 26) that ends a
 * mediation without agreement (shared/termination).
 */
export const LEGAL_ACTS = ['signed_agreement', 'oral_agreement', 'package_handed_over', 'paper_filing', 'court_receipt', 'paper_ruling', 'termination_record'] as const;
export const legalActSchema = z.enum(LEGAL_ACTS);
export type LegalAct = z.infer<typeof legalActSchema>;

export const CASE_SOURCES = [
  'walk_in',
  'application',
  'mediator_initiated',
  'hotline_12345',
  'court_entrusted',
  'police',
  'petition',
  'procuratorate',
  /** Referred by another institution (a legal-service hall, another committee) with the person's consent (shared/referral). */
  'referral',
  'other',
] as const;
export const caseSourceSchema = z.enum(CASE_SOURCES);
export type CaseSource = z.infer<typeof caseSourceSchema>;

/**
 * What the people's-mediation statistical report counts beyond the status (issue 19 item 2;
 * shared/statistics/report): the agreement's form (人民调解法 art. 28 — written or oral, taken from
 * the act that made it), the escalations the mediation prevented with the persons involved, and
 * the kinds of escalation the report has columns for.
 */
export const AGREEMENT_FORMS = ['written', 'oral'] as const;
export const agreementFormSchema = z.enum(AGREEMENT_FORMS);
export type AgreementForm = z.infer<typeof agreementFormSchema>;

/** 防止民间纠纷转化为刑事案件 / 引起自杀 / 群体性上访 / 群体性械斗. */
export const ESCALATION_KINDS = ['criminal', 'suicide', 'group_petition', 'group_fight'] as const;
export const escalationKindSchema = z.enum(ESCALATION_KINDS);
export type EscalationKind = z.infer<typeof escalationKindSchema>;

/** Each kind of escalation the mediation prevented, with the number of persons involved. */
export const escalationPreventedSchema = z.partialRecord(escalationKindSchema, z.number().int().min(1).max(100_000));
export type EscalationPrevented = z.infer<typeof escalationPreventedSchema>;

/** A mark that the dispute risks escalating, with why and who marked it when. */
export const escalationRiskSchema = z.object({
  reason: chars(500, true),
  markedAt: z.iso.datetime({ offset: true }),
  markedBy: z.string().min(1),
});
export type EscalationRisk = z.infer<typeof escalationRiskSchema>;

export const ID_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other'] as const;
export const idTypeSchema = z.enum(ID_TYPES);
export type IdType = z.infer<typeof idTypeSchema>;

export const PARTY_SIDES = ['applicant', 'respondent', 'third_party'] as const;
export const partySideSchema = z.enum(PARTY_SIDES);
export type PartySide = z.infer<typeof partySideSchema>;

/** ISO-8601 instant, e.g. 2026-11-22T08:30:00.000Z. */
export const instantSchema = z.iso.datetime({ offset: true });
/** Calendar date in the institution's time zone, e.g. 2026-11-22. */
export const dateSchema = z.iso.date();

/** Money is kept as an integer number of fen (0.01 yuan): exact, never a float of yuan. */
export const fenSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const passwordHashSchema = z.object({
  algorithm: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(310_000),
  salt: z.string().min(16),
  hash: z.string().min(32),
});
export type PasswordHash = z.infer<typeof passwordHashSchema>;

export const courtSchema = z.object({
  name: chars(100, true),
  /** The court's code in case numbers, e.g. 皖0202. */
  code: chars(20).default(''),
  /** The court's intake endpoint for packages (shared/protocol/intake.ts), '' when it has none. */
  intakeUrl: z.string().max(2000).default(''),
});
export type Court = z.infer<typeof courtSchema>;

export const institutionSchema = z.object({
  id: z.literal('institution'),
  /**
   * Optional so rows and backups from before kinds existed stay valid byte for byte; readers take
   * institutionKindOf (./institution-kinds), which reads a missing kind as a mediation institution.
   */
  kind: institutionKindSchema.optional(),
  name: chars(100, true),
  creditCode: z.string().length(18),
  address: chars(200, true),
  court: courtSchema,
  /** Short name used in case numbers, e.g. 芜解. */
  caseNumberPrefix: chars(20, true),
  /** e.g. （{year}）{prefix}字第{seq:5}号 — see shared/domain/case-number.ts. */
  caseNumberPattern: chars(100, true),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().nonnegative(),
});
export type Institution = z.infer<typeof institutionSchema>;

export const userSchema = z.object({
  id: z.string().min(1),
  username: chars(50, true),
  displayName: chars(50, true),
  role: roleSchema,
  password: passwordHashSchema,
  /** Lawyers' practising licence number (执业证号). */
  licenseNo: chars(30).optional(),
  active: z.boolean(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().nonnegative(),
});
export type User = z.infer<typeof userSchema>;

const partyCommon = {
  id: z.string().min(1),
  caseId: z.string().min(1),
  side: partySideSchema,
  phone: chars(20).default(''),
  address: chars(200).default(''),
};

export const naturalPartySchema = z.object({
  ...partyCommon,
  kind: z.literal('natural'),
  name: chars(50, true),
  idType: idTypeSchema,
  idNumber: chars(30),
});

export const legalPartySchema = z.object({
  ...partyCommon,
  kind: z.literal('legal'),
  name: chars(100, true),
  creditCode: z.string().length(18),
  legalRepresentative: chars(50, true),
});

/** A lawyer or other agent acting for one party (needs a power of attorney for confirmation). */
export const agentPartySchema = z.object({
  ...partyCommon,
  kind: z.literal('agent'),
  name: chars(50, true),
  /** The party this agent represents. */
  principalId: z.string().min(1),
  licenseNo: chars(30).default(''),
  firm: chars(100).default(''),
});

export const partySchema = z.discriminatedUnion('kind', [naturalPartySchema, legalPartySchema, agentPartySchema]);
export type NaturalParty = z.infer<typeof naturalPartySchema>;
export type LegalParty = z.infer<typeof legalPartySchema>;
export type AgentParty = z.infer<typeof agentPartySchema>;
export type Party = z.infer<typeof partySchema>;

/** Values of the category-specific intake fields (shared/domain/categories.ts defines them). */
export const categoryFieldValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type CategoryFieldValues = z.infer<typeof categoryFieldValuesSchema>;

export const caseSchema = z.object({
  id: z.string().min(1),
  /** Display number, e.g. （2026）芜解字第00042号; room for what a 100-character pattern renders. */
  number: chars(200, true),
  year: z.number().int().min(2000).max(2100),
  seq: z.number().int().positive(),
  category: z.string().length(3),
  categoryFields: categoryFieldValuesSchema,
  source: caseSourceSchema,
  claims: chars(5000),
  amountFen: fenSchema.nullable(),
  description: chars(20000),
  status: caseStatusSchema,
  /**
   * The act that brought the case to its legal status (agreement reached, confirmation applied,
   * confirmed, rejected). Absent in rows from before acts were recorded and after a move by hand:
   * such a legal status was set by hand and is shown so.
   */
  statusAct: legalActSchema.optional(),
  mediatorId: z.string().nullable(),
  /** When the case was registered (intake). */
  registeredAt: instantSchema,
  /**
   * Where a case accepted from a referral file came from (shared/referral): the referral's id and
   * kind and the sending institution as its signature names it. Absent for every other case.
   */
  origin: z
    .strictObject({
      referralId: z.string().min(1).max(100),
      kind: z.enum(['referral', 'court_entrusted']),
      sender: chars(100, true),
      senderFingerprint256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .optional(),
  /** When the mediation time limit runs out, set on acceptance. */
  mediationDeadline: dateSchema.nullable(),
  /** When the agreement took effect (all signatures), which starts the 30-day confirmation window. */
  agreementEffectiveOn: dateSchema.nullable(),
  confirmationDeadline: dateSchema.nullable(),
  /** The deadline currently running, or null when none runs; indexed for the "overdue" filter. */
  activeDeadline: dateSchema.nullable(),
  closedAt: instantSchema.nullable(),
  /** Names for the list ("张三 / 李四"), denormalised from parties. */
  partySummary: chars(500),
  /** Lower-cased search keys derived from names, number and phones (see shared/domain/search.ts). */
  searchTerms: z.array(z.string()),
  createdBy: z.string().min(1),
  updatedAt: instantSchema,
  updatedBy: z.string().min(1),
  /** Optimistic concurrency: a save names the version it started from. */
  version: z.number().int().nonnegative(),
  // The statistical report's fields (issue 19): optional, so rows and backups from before them
  // stay valid byte for byte; absent reads as "not recorded".
  /** The district where the dispute arose (at intake, from the institution's area), e.g. 镜湖区. */
  district: chars(50).optional(),
  /** Whether the agreement was written or oral: set by the act that reached it. */
  agreementForm: agreementFormSchema.optional(),
  /** The escalations this mediation prevented (recorded with the outcome). */
  escalationPrevented: escalationPreventedSchema.optional(),
  /** The dispute is marked at risk of escalating (at any time), with the reason. */
  escalationRisk: escalationRiskSchema.optional(),
});
export type Case = z.infer<typeof caseSchema>;

export const AUDIT_ENTITIES = ['institution', 'user', 'case', 'party', 'settings', 'backup', 'session', 'evidence', 'identity', 'agreement', 'video_session', 'court_filing', 'confirmation', 'referral', 'consultation', 'statistics_report', 'hall'] as const;
export const auditEventSchema = z.object({
  id: z.number().int().positive().optional(),
  at: instantSchema,
  actorId: z.string(),
  actorName: z.string(),
  entity: z.enum(AUDIT_ENTITIES),
  entityId: z.string(),
  /** The case the event belongs to, for the case timeline; null for events outside any case. */
  caseId: z.string().nullable(),
  action: chars(60, true),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export { LANGUAGES, languageSchema, type Language } from './language';

export const settingsSchema = z.object({
  id: z.literal('settings'),
  language: languageSchema,
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Days of the mediation time limit (一个月 by default; court-entrusted cases use their own). */
  mediationLimitDays: z.number().int().min(1).max(365),
  courtEntrustedLimitDays: z.number().int().min(1).max(365),
  /** How many days before a deadline the warning starts. */
  deadlineWarningDays: z.number().int().min(0).max(30),
  ...videoSettingsFields,
  version: z.number().int().nonnegative(),
});
export type Settings = z.infer<typeof settingsSchema>;
