// A case's video mediation sessions (issue 5, design.md §7): who is invited in which role, what
// happened (who was in which room when), each party's consent, and the minutes (笔录) typed during
// the sitting. Rows of the `sessions` and `minutes` tables; validated on every read and write.
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { sha256HexSchema } from '../ledger/entry';
import { displayNameSchema, participantIdSchema, roleSchema, roomIdSchema, MAX_PARTICIPANTS_PER_SESSION } from '../protocol/signaling';

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** How a participant receives the invitation (the link itself is minted when it is handed out). */
export const INVITATION_METHODS = ['link', 'qr'] as const;

export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 8 * 60;
export const MAX_LOG_EVENTS = 5000;
export const MAX_MINUTES_ENTRIES = 2000;
export const MAX_MINUTES_ENTRY_LENGTH = 2000;

const actorSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(100) });

export const invitedParticipantSchema = z.strictObject({
  /** The participant's identity on the signaling server; re-minted links keep it, so a seat is kept. */
  id: participantIdSchema,
  role: roleSchema,
  name: displayNameSchema,
  /** The case party this participant is, or null (the mediator, an interpreter, an observer). */
  partyId: z.string().min(1).nullable(),
  invitation: z.enum(INVITATION_METHODS),
});
export type InvitedParticipant = z.infer<typeof invitedParticipantSchema>;

export const CONSENT_KINDS = ['online_mediation', 'recording'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** A participant's consent, as they gave it on their own screen (the statement they agreed to). */
export const consentSchema = z.strictObject({
  participantId: participantIdSchema,
  name: displayNameSchema,
  role: roleSchema,
  kind: z.enum(CONSENT_KINDS),
  statement: z.string().min(1).max(1000),
  /** When the participant agreed, by their device's clock. */
  givenAt: instantSchema,
  /** When this workstation received it. */
  receivedAt: instantSchema,
});
export type Consent = z.infer<typeof consentSchema>;

export const LOG_EVENTS = ['started', 'joined', 'left', 'reconnecting', 'rejoined', 'moved', 'admitted', 'connection_failed', 'recording_started', 'recording_stopped', 'ended'] as const;
export type LogEvent = (typeof LOG_EVENTS)[number];

/** What happened in the sitting, written automatically as it happens. */
export const logEntrySchema = z.strictObject({
  at: instantSchema,
  event: z.enum(LOG_EVENTS),
  participantId: participantIdSchema.nullable(),
  name: z.string().max(64).nullable(),
  room: roomIdSchema.nullable(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const recordingSchema = z.strictObject({
  sha256: sha256HexSchema,
  size: z.number().int().positive(),
  mediaType: z.string().min(1).max(100),
  startedAt: instantSchema,
  stoppedAt: instantSchema,
  ledgerSeq: z.number().int().nonnegative(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const videoSessionSchema = z
  .strictObject({
    id: z.string().min(1).max(128),
    caseId: z.string().min(1),
    /** Session number within the case, from 1. */
    number: z.number().int().min(1).max(999),
    scheduledStart: instantSchema,
    durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
    participants: z.array(invitedParticipantSchema).min(2).max(MAX_PARTICIPANTS_PER_SESSION),
    status: z.enum(SESSION_STATUSES),
    startedAt: instantSchema.nullable(),
    endedAt: instantSchema.nullable(),
    consents: z.array(consentSchema).max(100),
    log: z.array(logEntrySchema).max(MAX_LOG_EVENTS),
    recordings: z.array(recordingSchema).max(50),
    createdAt: instantSchema,
    createdBy: actorSchema,
    updatedAt: instantSchema,
    /** Optimistic concurrency: every write names the revision it started from. */
    rev: z.number().int().min(1),
  })
  .refine((s) => s.participants.filter((p) => p.role === 'mediator').length === 1, { message: 'exactly one mediator', path: ['participants'] })
  .refine((s) => new Set(s.participants.map((p) => p.id)).size === s.participants.length, { message: 'participant ids are unique', path: ['participants'] });
export type VideoSession = z.infer<typeof videoSessionSchema>;

export const minutesEntrySchema = z.strictObject({
  id: z.string().min(1).max(64),
  at: instantSchema,
  text: z.string().trim().min(1).max(MAX_MINUTES_ENTRY_LENGTH),
  author: actorSchema,
});
export type MinutesEntry = z.infer<typeof minutesEntrySchema>;

/** The minutes of one session: saved entry by entry while typed, then finalised into the ledger. */
export const minutesRecordSchema = z.strictObject({
  /** The session's id: one set of minutes per session. */
  id: z.string().min(1).max(128),
  caseId: z.string().min(1),
  entries: z.array(minutesEntrySchema).max(MAX_MINUTES_ENTRIES),
  finalised: z
    .strictObject({
      at: instantSchema,
      by: actorSchema,
      sha256: sha256HexSchema,
      size: z.number().int().positive(),
      ledgerSeq: z.number().int().nonnegative(),
    })
    .nullable(),
  rev: z.number().int().min(1),
});
export type MinutesRecord = z.infer<typeof minutesRecordSchema>;

export function sessionId(caseId: string, number: number): string {
  // The id doubles as the signaling session id, so it keeps to that alphabet.
  const safeCase = caseId.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 100);
  return `${safeCase}.s${String(number).padStart(3, '0')}`;
}

/** The parties (everyone but the mediator) who have not yet consented to online mediation in this session. */
export function missingConsents(participants: readonly InvitedParticipant[], consents: readonly Consent[]): InvitedParticipant[] {
  const given = new Set(consents.filter((c) => c.kind === 'online_mediation').map((c) => c.participantId));
  return participants.filter((p) => p.role !== 'mediator' && !given.has(p.id));
}
