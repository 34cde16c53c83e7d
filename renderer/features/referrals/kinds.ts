// The referral feature's records, as kinds of the data layer: each referral this workstation sent
// or received (the signed file's content, where it stands, the answer), the termination records
// of its cases, and the senders it registered after comparing their fingerprints.
import { z } from 'zod';
import { instantSchema } from '../../../shared/domain/model';
import { sha256HexSchema } from '../../../shared/ledger/entry';
import { referralAnswerSchema, referralSchema, REFERRAL_STATUSES } from '../../../shared/referral';
import { terminationRecordSchema } from '../../../shared/termination';
import { defineRecordKind } from '../../data';

const personSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(100) });
const signerSchema = z.strictObject({ name: z.string().max(200), fingerprint256: sha256HexSchema });

export const viaServerSchema = z.strictObject({ kind: z.literal('server'), version: z.number().int().nonnegative(), answerSent: z.boolean(), reason: z.string().max(2000) });
export type ViaServer = z.infer<typeof viaServerSchema>;

export const referralRecordSchema = z.strictObject({
  /** The referral's own id (the same on both workstations). */
  id: z.string().min(1),
  direction: z.enum(['outgoing', 'incoming']),
  referral: referralSchema,
  /** SHA-256 of referral.json: what an answer names. */
  jsonSha256: sha256HexSchema,
  /** The signed file as sent or received (blob store), to hand over again. */
  fileSha256: sha256HexSchema,
  /** Who signed the received file (incoming), as its certificate names it. */
  signer: signerSchema.nullable(),
  status: z.enum(REFERRAL_STATUSES),
  /** The case registered from it (incoming, once accepted). */
  caseId: z.string().nullable(),
  /** The last answer: made here (incoming) or imported (outgoing), its file in the blob store. */
  answer: referralAnswerSchema.nullable(),
  answerFileSha256: sha256HexSchema.nullable(),
  answerSigner: signerSchema.nullable(),
  at: instantSchema,
  by: personSchema,
  updatedAt: instantSchema,
  /**
   * Sent or received through the center server rather than by file: the row's version there,
   * whether this workstation's answer reached the row (incoming), and a decline's reason as the row
   * says it (outgoing, when no answer file came with it).
   */
  via: viaServerSchema.optional(),
});
export type ReferralRecord = z.infer<typeof referralRecordSchema>;

export const REFERRALS = defineRecordKind('referrals', referralRecordSchema);

export const terminationRowSchema = terminationRecordSchema;
export const TERMINATIONS = defineRecordKind('terminations', terminationRowSchema);

/** Senders registered here (meta), after their fingerprint was compared with them. */
export const REGISTERED_SENDERS_KEY = 'referrals.registeredSenders';
export const registeredSendersSchema = z.array(z.strictObject({ name: z.string().max(200), fingerprint256: sha256HexSchema, at: instantSchema, by: personSchema })).max(500);
export type RegisteredSender = z.infer<typeof registeredSendersSchema>[number];

/** The dispute categories this institution takes on (meta); empty: all of them. */
export const HANDLED_CATEGORIES_KEY = 'referrals.handledCategories';
export const handledCategoriesSchema = z.array(z.string().length(3)).max(50);
