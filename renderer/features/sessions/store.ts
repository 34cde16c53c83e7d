// A case's video sessions in the workstation database (issue 5): scheduling, the sitting's
// automatic log and consents, minutes saved entry by entry as they are typed (nothing typed is
// lost if the window closes), and at the end the minutes finalised into the case's ledger.
import type { User } from '../../../shared/domain/model';
import type { OpenedFile, PlatformPort } from '../../../shared/platform';
import { newParticipantId } from '../../../shared/protocol/session-token';
import {
  minutesRecordSchema,
  sessionId,
  videoSessionSchema,
  MAX_LOG_EVENTS,
  type Consent,
  type InvitedParticipant,
  type LogEntry,
  type MinutesEntry,
  type MinutesRecord,
  type VideoSession,
} from '../../../shared/sessions/model';
import { MINUTES_MEDIA_TYPE, minutesDocumentBytes } from '../../../shared/sessions/minutes-document';
import type { AuditActionUnder } from '../../../shared/audit/actions';
import type { AuditInput, DataStore } from '../../data';
import { activeActor, actorOf, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { appendLedgerEntry, recordEntry, visibleCase } from '../evidence';

export interface ScheduleInput {
  scheduledStart: string;
  durationMinutes: number;
  /** Everyone but the mediator, who is the user scheduling. */
  participants: Omit<InvitedParticipant, 'id'>[];
}

export async function readSessions(data: DataStore, caseId: string): Promise<VideoSession[]> {
  return (await data.sessions.byCase(caseId)).sort((a, b) => a.number - b.number);
}

export async function readMinutes(data: DataStore, id: string): Promise<MinutesRecord | null> {
  return (await data.minutes.get(id)) ?? null;
}

async function writableSession(data: DataStore, actor: User, id: string): Promise<{ session: VideoSession; current: User }> {
  const current = await activeActor(data, actor);
  const session = await data.sessions.get(id);
  if (!session) throw new StoreError('session.not_found', 'The session does not exist.');
  await visibleCase(data, current, session.caseId, true);
  return { session, current };
}

/** The audit event of a session's step, for data.events.record. */
function sessionEvent(actor: User, at: string, session: VideoSession, action: AuditActionUnder<'video_session'>, after: Record<string, unknown> = {}): AuditInput {
  return {
    actor: actorOf(actor),
    at,
    entity: 'video_session',
    entityId: session.id,
    caseId: session.caseId,
    action: `video_session.${action}`,
    after: { number: session.number, ...after },
  };
}

function checked(session: VideoSession): VideoSession {
  const parsed = videoSessionSchema.safeParse(session);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // zod's English message is for the log; the user reads which field.
    throw new StoreError('session.invalid', `The session cannot be saved as it is (${issue?.message ?? ''}).`, { field: issue?.path.join('.') ?? '' });
  }
  return parsed.data;
}

export async function scheduleSession(data: DataStore, actor: User, caseId: string, input: ScheduleInput, now = new Date()): Promise<StoreResult<VideoSession>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      await visibleCase(data, current, caseId, true);
      if (current.role !== 'mediator' && current.role !== 'lawyer') throw new StoreError('session.mediator_only', 'Only a mediator can hold a video session.');
      if (input.participants.length === 0) throw new StoreError('session.no_parties', 'Invite at least one party.');
      const existing = await readSessions(data, caseId);
      const number = (existing.at(-1)?.number ?? 0) + 1;
      const at = now.toISOString();
      const session = checked({
        id: sessionId(caseId, number),
        caseId,
        number,
        scheduledStart: input.scheduledStart,
        durationMinutes: input.durationMinutes,
        participants: [
          { id: newParticipantId(), role: 'mediator', name: current.displayName.slice(0, 64), partyId: null, invitation: 'link' },
          ...input.participants.map((p) => ({ ...p, id: newParticipantId() })),
        ],
        status: 'scheduled',
        startedAt: null,
        endedAt: null,
        consents: [],
        log: [],
        recordings: [],
        createdAt: at,
        createdBy: personOf(current),
        updatedAt: at,
        rev: 1,
      });
      await data.sessions.add(session);
      await data.minutes.add({ id: session.id, caseId, entries: [], finalised: null, rev: 1 });
      await data.events.record(sessionEvent(current, at, session, 'schedule', { scheduledStart: session.scheduledStart, participants: session.participants.map((p) => `${p.name}（${p.role}）`).join('、') }));
      return session;
    }),
  );
}

async function change(data: DataStore, actor: User, id: string, rev: number | null, edit: (session: VideoSession, current: User, at: string) => VideoSession | Promise<VideoSession>, action: AuditActionUnder<'video_session'> | null, now = new Date()): Promise<StoreResult<VideoSession>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { session, current } = await writableSession(data, actor, id);
      if (rev !== null && session.rev !== rev) throw new StoreError('session.changed', 'The session was changed meanwhile; reload it and try again.');
      const at = now.toISOString();
      const next = checked({ ...(await edit(session, current, at)), updatedAt: at, rev: session.rev + 1 });
      await data.sessions.put(next);
      if (action) await data.events.record(sessionEvent(current, at, next, action));
      return next;
    }),
  );
}

export function cancelSession(data: DataStore, actor: User, id: string, rev: number): Promise<StoreResult<VideoSession>> {
  return change(data, actor, id, rev, (s) => {
    if (s.status !== 'scheduled') throw new StoreError('session.not_scheduled', 'Only a session that has not started can be cancelled.');
    return { ...s, status: 'cancelled' };
  }, 'cancel');
}

export function startSession(data: DataStore, actor: User, id: string): Promise<StoreResult<VideoSession>> {
  return change(data, actor, id, null, (s, _current, at) => {
    if (s.status === 'live') return s;
    if (s.status !== 'scheduled') throw new StoreError('session.over', 'This session has ended; schedule a new one.');
    return { ...s, status: 'live', startedAt: at, log: [...s.log, { at, event: 'started', participantId: null, name: null, room: null }] };
  }, 'start');
}

/** Appends what happened; the log is append-only and needs no revision (events arrive while the mediator types). */
export function appendSessionLog(data: DataStore, actor: User, id: string, entries: readonly LogEntry[]): Promise<StoreResult<VideoSession>> {
  return change(data, actor, id, null, (s) => {
    if (s.log.length + entries.length > MAX_LOG_EVENTS) return s;
    return { ...s, log: [...s.log, ...entries] };
  }, null);
}

export function recordConsent(data: DataStore, actor: User, id: string, consent: Consent): Promise<StoreResult<VideoSession>> {
  return change(data, actor, id, null, async (s, current, at) => {
    const invited = s.participants.find((p) => p.id === consent.participantId);
    if (!invited) throw new StoreError('session.unknown_participant', 'That participant was not invited to this session.');
    if (s.consents.some((c) => c.participantId === consent.participantId && c.kind === consent.kind)) return s;
    await data.events.record(sessionEvent(current, at, s, 'consent', { participant: invited.name, kind: consent.kind, givenAt: consent.givenAt }));
    return { ...s, consents: [...s.consents, { ...consent, name: invited.name, role: invited.role }] };
  }, null);
}

export function endSession(data: DataStore, actor: User, id: string): Promise<StoreResult<VideoSession>> {
  return change(data, actor, id, null, (s, _current, at) => {
    if (s.status === 'ended') return s;
    return { ...s, status: 'ended', endedAt: at, log: [...s.log, { at, event: 'ended', participantId: null, name: null, room: null }] };
  }, 'end');
}

async function writableMinutes(data: DataStore, actor: User, id: string): Promise<{ minutes: MinutesRecord; session: VideoSession; current: User }> {
  const { session, current } = await writableSession(data, actor, id);
  const minutes = await readMinutes(data, id);
  if (!minutes) throw new StoreError('session.not_found', 'The session does not exist.');
  if (minutes.finalised) throw new StoreError('minutes.finalised', 'The minutes are finalised and can no longer be changed.');
  return { minutes, session, current };
}

/** Saves one entry (new or edited) at once, so nothing typed is lost. */
export async function saveMinutesEntry(data: DataStore, actor: User, id: string, entry: Omit<MinutesEntry, 'author'>): Promise<StoreResult<MinutesRecord>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { minutes, current } = await writableMinutes(data, actor, id);
      const full: MinutesEntry = { ...entry, text: entry.text.trim(), author: personOf(current) };
      const entries = minutes.entries.some((e) => e.id === entry.id) ? minutes.entries.map((e) => (e.id === entry.id ? { ...full, at: e.at } : e)) : [...minutes.entries, full];
      const parsed = minutesRecordSchema.safeParse({ ...minutes, entries, rev: minutes.rev + 1 });
      if (!parsed.success) {
        const tooLong = parsed.error.issues.some((i) => i.code === 'too_big');
        throw new StoreError(tooLong ? 'minutes.too_long' : 'minutes.empty', 'The entry cannot be saved.', { length: [...full.text].length });
      }
      await data.minutes.put(parsed.data);
      return parsed.data;
    }),
  );
}

export async function deleteMinutesEntry(data: DataStore, actor: User, id: string, entryId: string): Promise<StoreResult<MinutesRecord>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const { minutes } = await writableMinutes(data, actor, id);
      const next = { ...minutes, entries: minutes.entries.filter((e) => e.id !== entryId), rev: minutes.rev + 1 };
      await data.minutes.put(next);
      return next;
    }),
  );
}

/** A record the mediator made of the sitting (minutes, recording), added to the case's ledger. */
function recordInLedger(data: DataStore, actor: User, session: VideoSession, record: { kind: 'minutes' | 'recording'; title: string; mediaType: string; size: number; sha256: string; at: string }) {
  return appendLedgerEntry(data, actor, session.caseId, recordEntry({ ...record, author: actor, shownToOtherParty: false }), { session: session.id });
}

/**
 * Ends the minutes for good: the document (participants, rooms and times, consents, entries) is
 * stored and recorded in the case's ledger; from then on it cannot change.
 */
export async function finaliseMinutes(data: DataStore, platform: Pick<PlatformPort, 'blobs'>, actor: User, id: string, caseNumber: string, now = new Date()): Promise<StoreResult<MinutesRecord>> {
  return asResult(async () => {
    const { minutes, session, current } = await writableMinutes(data, actor, id);
    if (session.status !== 'ended') throw new StoreError('minutes.session_open', 'End the session before finalising its minutes.');
    if (minutes.entries.length === 0) throw new StoreError('minutes.no_entries', 'The minutes have no entries yet.');
    const at = now.toISOString();
    const by = personOf(current);
    const bytes = minutesDocumentBytes({ caseNumber, session, minutes, finalisedAt: at, finalisedBy: by });
    const sha256 = await platform.blobs.put(bytes);
    return data.transact(actorOf(current), async () => {
      const again = await writableMinutes(data, actor, id);
      if (again.minutes.rev !== minutes.rev) throw new StoreError('minutes.changed', 'The minutes changed while they were being finalised; try again.');
      const entry = await recordInLedger(data, current, session, { kind: 'minutes', title: `调解笔录（第 ${session.number} 次视频调解）`, mediaType: MINUTES_MEDIA_TYPE, size: bytes.length, sha256, at });
      const next: MinutesRecord = { ...minutes, finalised: { at, by, sha256, size: bytes.length, ledgerSeq: entry.seq }, rev: minutes.rev + 1 };
      await data.minutes.put(next);
      await data.events.record(sessionEvent(current, at, session, 'minutes_finalise', { sha256, ledgerSeq: entry.seq + 1 }));
      return next;
    });
  });
}

/** Stores a local recording made with everyone's consent and records its hash in the ledger. */
export async function addRecording(data: DataStore, platform: Pick<PlatformPort, 'blobs'>, actor: User, id: string, recording: { file: OpenedFile; mediaType: string; startedAt: string; stoppedAt: string }): Promise<StoreResult<VideoSession>> {
  return asResult(async () => {
    const { session, current } = await writableSession(data, actor, id);
    // An hour of video is hundreds of megabytes: streamed into the store, never held whole.
    const sha256 = await platform.blobs.putFile(recording.file);
    const size = recording.file.size;
    const title = `视频调解录像（第 ${session.number} 次，${recording.startedAt.slice(0, 16).replace('T', ' ')}）`;
    const entry = await recordInLedger(data, current, session, { kind: 'recording', title, mediaType: recording.mediaType.slice(0, 100), size, sha256, at: recording.stoppedAt });
    const result = await change(data, actor, id, null, (s) => ({ ...s, recordings: [...s.recordings, { sha256, size, mediaType: recording.mediaType.slice(0, 100), startedAt: recording.startedAt, stoppedAt: recording.stoppedAt, ledgerSeq: entry.seq }] }), 'recording');
    if (!result.ok) throw result.error;
    return result.value;
  });
}
