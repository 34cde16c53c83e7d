// What the audit log can say, as data (issue 15 item 7): every action recorded, every field of an
// event the timeline shows, and every coded value it translates. recordEvent takes only an
// AuditAction, so an action cannot be recorded without being here, and test/unit/audit walks these
// enums and fails on any member without zh-CN and en-US text (shared/audit/texts.ts).
import { z } from 'zod';
import { RULING_OUTCOMES } from '../confirmation/court/ruling';
import { CONSENT_KINDS } from '../sessions/model';
import { agreementFormSchema, escalationKindSchema, legalActSchema } from '../domain/model';
import { consultationOutcomeSchema, consultationTopicSchema, retentionActionSchema } from '../consultation/model';

export const auditActionSchema = z.enum([
  // The workstation itself
  'institution.create',
  'institution.update',
  'user.create',
  'user.update',
  'settings.create',
  'settings.update',
  'backup.export',
  'backup.restore',
  'identity.generate',
  'identity.import',
  'identity.mediator_issue',
  'identity.mediator_revoke',
  // A case
  'case.register',
  'case.update',
  'case.transition',
  'case.assign',
  'case.extend',
  'case.agreement_effective',
  'party.reveal_id',
  'evidence.add',
  'evidence.correct',
  'evidence.withdraw',
  'evidence.checkpoint',
  'agreement.draft',
  'agreement.save',
  'agreement.finalise',
  'agreement.reopen',
  'agreement.hand_signature',
  'agreement.sign',
  'video_session.schedule',
  'video_session.cancel',
  'video_session.start',
  'video_session.consent',
  'video_session.end',
  'video_session.minutes_finalise',
  'video_session.recording',
  'confirmation.start',
  'confirmation.hand_signature',
  'confirmation.application_signed',
  'confirmation.build',
  'confirmation.export',
  'confirmation.submit',
  'confirmation.receipt',
  'confirmation.supplement',
  'confirmation.trust_court',
  // A court's workstation
  'court.settings',
  'court.trust_add',
  'court.trust_remove',
  'court_filing.receive',
  'court_filing.refuse',
  'court_filing.carry_over',
  'court_filing.supersede',
  'court_filing.accept',
  'court_filing.extend',
  'court_filing.supplement',
  'court_filing.rule',
  'court_filing.receipt',
  // A legal-service hall's day: the walk-in queue, appointments, the duty rota
  'hall.ticket_take',
  'hall.ticket_call',
  'hall.ticket_recall',
  'hall.ticket_serve',
  'hall.ticket_no_show',
  'hall.appointment_book',
  'hall.appointment_arrive',
  'hall.appointment_cancel',
  'hall.rota_set',
  // Referrals between institutions by signed file, court-entrusted mediation and its result
  'referral.send',
  'referral.import',
  'referral.accept',
  'referral.decline',
  'referral.answer_import',
  'referral.trust_sender',
  'referral.result_send',
  // A legal-service desk's consultation register
  'consultation.record',
  'consultation.opinion',
  'consultation.retention',
  'consultation.retention_set',
  // The statistical report (issue 19): a case's report fields, a period's report filed and answered
  'case.statistics',
  'statistics_report.file',
  'statistics_report.answer',
  // … and through the center server: submitted, accepted or returned by the bureau
  'statistics_report.submit',
  'statistics_report.accept',
  'statistics_report.return',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** Whether a stored event's action is one this version knows (events from a newer backup may not be). */
export function isAuditAction(value: string): value is AuditAction {
  return auditActionSchema.safeParse(value).success;
}

/**
 * The fields of an event the timeline shows, with their label. A field of an event's record that
 * is not here (internal ids, key ids, bookkeeping) is kept in the log and not shown.
 */
export const auditFieldSchema = z.enum([
  // What a case's change touches
  'category',
  'categoryFields',
  'source',
  'claims',
  'amountFen',
  'description',
  'status',
  'statusAct',
  'act',
  'actOn',
  'mediatorId',
  'mediationDeadline',
  'agreementEffectiveOn',
  'confirmationDeadline',
  'closedAt',
  // What an action names
  'name',
  'title',
  'seq',
  'number',
  'version',
  'from',
  'treeSize',
  'rootHash',
  'reason',
  'lapsedSignatures',
  'signer',
  'role',
  'ledgerSeq',
  'effectiveOn',
  'pages',
  'idNumbersPrinted',
  'pdfSha256',
  'scheduledStart',
  'participants',
  'participant',
  'kind',
  'givenAt',
  'sha256',
  'contentSha256',
  'size',
  'packageId',
  'package',
  'receipt',
  'url',
  'verdict',
  'outcome',
  'docket',
  'dueOn',
  'missing',
  'fingerprint256',
  // What the hall's queue, appointments and rota name
  'ticket',
  'desk',
  'lawyer',
  'lawyers',
  'day',
  'slot',
  'halfDay',
  // What a referral and a termination name
  'sender',
  'receiver',
  'referralKind',
  'answer',
  'deadline',
  'terminationReason',
  'paths',
  // What the consultation register names
  'registerNumber',
  'topic',
  'consultationOutcome',
  'anonymisedCount',
  'removedCount',
  'retentionMonths',
  'retentionAction',
  // What the statistical report names
  'district',
  'agreementForm',
  'escalationKinds',
  'escalationPersons',
  'riskReason',
  'period',
  'filingAnswer',
  // What joining a center server names
  'centerServer',
]);
export type AuditField = z.infer<typeof auditFieldSchema>;

export function isAuditField(value: string): value is AuditField {
  return auditFieldSchema.safeParse(value).success;
}

/** Why an evidence checkpoint was signed (renderer/features/evidence/checkpoints.ts), or a key revoked. */
export const auditReasonSchema = z.enum(['on_demand', 'ledger_exported', 'agreement_signed', 'package_exported', 'superseded']);
export type AuditReason = z.infer<typeof auditReasonSchema>;

/**
 * The fields whose values are codes, each with the codes it can hold; the timeline shows their
 * text. A reason that is no code is a person's own words (a transition's reason) and shown as typed.
 */
export const auditCodedValues = {
  reason: auditReasonSchema,
  verdict: z.enum(['valid', 'invalid', 'unusable']),
  outcome: z.enum(RULING_OUTCOMES),
  kind: z.enum(CONSENT_KINDS),
  role: z.enum(['party', 'agent', 'mediator']),
  statusAct: legalActSchema,
  act: legalActSchema,
  halfDay: z.enum(['am', 'pm']),
  referralKind: z.enum(['referral', 'court_entrusted']),
  answer: z.enum(['accepted', 'declined', 'terminated', 'agreement_reached']),
  terminationReason: z.enum(['party_refused', 'party_withdrew', 'no_agreement_in_time', 'other']),
  topic: consultationTopicSchema,
  consultationOutcome: consultationOutcomeSchema,
  retentionAction: retentionActionSchema,
  agreementForm: agreementFormSchema,
  escalationKinds: escalationKindSchema,
  filingAnswer: z.enum(['accepted', 'returned']),
} as const;
export type AuditCodedField = keyof typeof auditCodedValues;

/** Fields holding an instant (shown as a time in Beijing) or a count of bytes, or a 0-based ledger position. */
export const AUDIT_INSTANT_FIELDS: ReadonlySet<AuditField> = new Set(['closedAt', 'scheduledStart', 'givenAt']);
export const AUDIT_LEDGER_POSITION_FIELDS: ReadonlySet<AuditField> = new Set(['seq', 'ledgerSeq']);
export const AUDIT_HASH_FIELDS: ReadonlySet<AuditField> = new Set(['rootHash', 'pdfSha256', 'sha256', 'contentSha256', 'fingerprint256']);

/** The part after "<prefix>." of the actions recorded under it ('video_session' → 'schedule' | 'cancel' | …). */
export type AuditActionUnder<P extends string> = AuditAction extends infer A ? (A extends `${P}.${infer S}` ? S : never) : never;
