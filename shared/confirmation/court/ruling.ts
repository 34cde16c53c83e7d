// The court's ruling (民事裁定书) on an application for judicial confirmation (民事诉讼法 art. 206):
// the agreement confirmed valid (确认有效), or the application rejected (驳回) on the grounds the law
// names (最高人民法院《关于人民调解协议司法确认程序的若干规定》 and the 民诉法解释; domain.md).
import { z } from 'zod';
import { dateSchema } from '../../domain/model';
import { sha256HexSchema } from '../../ledger/entry';
import { docketNumberSchema } from './docket-number';

export const RULING_OUTCOMES = ['confirmed', 'rejected'] as const;
export type RulingOutcome = (typeof RULING_OUTCOMES)[number];

/** Grounds for rejecting the application, in the words of the ruling. */
export const REJECTION_GROUNDS = {
  violates_mandatory_law: '违反法律、行政法规强制性规定',
  harms_others: '损害国家利益、社会公共利益或者案外人合法权益',
  violates_public_order: '违背公序良俗',
  not_voluntary: '违反自愿原则',
  content_unclear: '内容不明确，无法确认',
} as const;
export type RejectionGround = keyof typeof REJECTION_GROUNDS;
export const rejectionGroundSchema = z.enum(Object.keys(REJECTION_GROUNDS) as [RejectionGround, ...RejectionGround[]]);

const partySchema = z.strictObject({
  name: z.string().min(1).max(100),
  side: z.enum(['applicant', 'respondent']),
  /** As the application states them: ID number masked, address. */
  particulars: z.string().max(400),
});

export const rulingSchema = z
  .strictObject({
    court: z.strictObject({ name: z.string().min(1).max(100), code: z.string().max(20) }),
    docketNumber: docketNumberSchema,
    applicants: z.array(partySchema).min(2).max(20),
    institutionName: z.string().min(1).max(100),
    agreement: z.strictObject({ number: z.string().min(1).max(200), signedOn: dateSchema, pdfSha256: sha256HexSchema }),
    receivedOn: dateSchema,
    acceptedOn: dateSchema,
    decidedOn: dateSchema,
    outcome: z.enum(RULING_OUTCOMES),
    grounds: z.array(rejectionGroundSchema).max(5),
    /** The court's reasoning in its own words (may be empty for a confirmation). */
    reasoning: z.string().max(4000),
    judge: z.string().min(1).max(50),
    clerk: z.string().min(1).max(50),
  })
  .superRefine((r, ctx) => {
    if (r.outcome === 'rejected' && r.grounds.length === 0) ctx.addIssue({ code: 'custom', path: ['grounds'], message: 'a rejection names at least one ground' });
    if (r.outcome === 'confirmed' && r.grounds.length > 0) ctx.addIssue({ code: 'custom', path: ['grounds'], message: 'a confirmation has no grounds for rejection' });
    if (new Set(r.grounds).size !== r.grounds.length) ctx.addIssue({ code: 'custom', path: ['grounds'], message: 'a ground is named twice' });
    if (r.acceptedOn < r.receivedOn) ctx.addIssue({ code: 'custom', path: ['acceptedOn'], message: 'accepted before it was received' });
    if (r.decidedOn < r.acceptedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'decided before it was accepted' });
    if (!r.applicants.some((a) => a.side === 'applicant') || !r.applicants.some((a) => a.side === 'respondent')) ctx.addIssue({ code: 'custom', path: ['applicants'], message: 'both sides apply jointly' });
  });
export type Ruling = z.infer<typeof rulingSchema>;
