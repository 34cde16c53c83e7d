// Video sessions in the workstation database: scheduling (who may, what is refused), the sitting's
// log and consents, minutes saved entry by entry and then finalised into the case's ledger as a
// canonical document whose hash the ledger holds; nothing changes after finalisation.
import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { getParties } from '../../../renderer/features/case-store';
import { readLedgerRows } from '../../../renderer/features/evidence/store';
import {
  appendSessionLog,
  cancelSession,
  deleteMinutesEntry,
  endSession,
  finaliseMinutes,
  readMinutes,
  readSessions,
  recordConsent,
  saveMinutesEntry,
  scheduleSession,
  startSession,
} from '../../../renderer/features/sessions/store';
import { participantRole } from '../../../renderer/features/sessions/ScheduleDialog';
import { bytesToHex, sha256Bytes } from '../../../shared/ledger/hash';
import { MINUTES_FORMAT } from '../../../shared/sessions/minutes-document';
import { addUser, caseInMediation, neighbourIntake } from '../db/helpers';
import { world } from '../db/evidence-helpers';

const NOW = new Date('2026-11-24T02:00:00Z');

async function setting() {
  const w = await world();
  const mediator = await addUser(w.db, w.admin, 'zhaotiao', 'mediator');
  const c = await caseInMediation(w.db, w.admin, mediator, neighbourIntake('王堃'));
  const parties = (await getParties(w.db, c.id)).filter((p) => p.kind !== 'agent');
  const invited = parties.map((p) => ({ partyId: p.id, role: participantRole(p), name: p.name, invitation: 'link' as const }));
  return { ...w, mediator, caseRecord: c, invited };
}

describe('video sessions in the database', () => {
  it('schedules with the mediator included, refuses those who may not, and numbers sessions', async () => {
    const s = await setting();
    const refused = await scheduleSession(s.db, s.clerk, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 60, participants: s.invited }, NOW);
    expect(refused.ok).toBe(false);
    const empty = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 60, participants: [] }, NOW);
    expect(!empty.ok && empty.error.code).toBe('session.no_parties');
    const tooShort = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 5, participants: s.invited }, NOW);
    expect(!tooShort.ok && tooShort.error.code).toBe('session.invalid');
    const tooMany = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 60, participants: [...s.invited, ...s.invited, ...s.invited] }, NOW);
    expect(tooMany.ok).toBe(false);

    const first = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 60, participants: s.invited }, NOW);
    if (!first.ok) throw first.error;
    expect(first.value.participants[0]?.role).toBe('mediator');
    expect(first.value.participants.map((p) => p.role).sort()).toEqual(['applicant', 'mediator', 'respondent']);
    expect(new Set(first.value.participants.map((p) => p.id)).size).toBe(3);
    const second = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 30, participants: s.invited.slice(0, 1) }, NOW);
    if (!second.ok) throw second.error;
    expect(second.value.number).toBe(2);
    expect(second.value.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*\.s002$/);
    const cancelled = await cancelSession(s.db, s.mediator, second.value.id, second.value.rev);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    expect((await readSessions(s.db, s.caseRecord.id)).map((x) => x.status)).toEqual(['scheduled', 'cancelled']);
  });

  it('logs the sitting, records consents once, keeps minutes, and finalises them into the ledger', async () => {
    const s = await setting();
    const scheduled = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 60, participants: s.invited }, NOW);
    if (!scheduled.ok) throw scheduled.error;
    const id = scheduled.value.id;
    const applicant = scheduled.value.participants.find((p) => p.role === 'applicant')!;
    const started = await startSession(s.db, s.mediator, id);
    expect(started.ok && started.value.status).toBe('live');
    await appendSessionLog(s.db, s.mediator, id, [{ at: NOW.toISOString(), event: 'joined', participantId: applicant.id, name: applicant.name, room: 'waiting' }]);
    const consent = { participantId: applicant.id, name: 'spoofed name', role: 'observer' as const, kind: 'online_mediation' as const, statement: '我同意', givenAt: NOW.toISOString(), receivedAt: NOW.toISOString() };
    await recordConsent(s.db, s.mediator, id, consent);
    const again = await recordConsent(s.db, s.mediator, id, consent);
    if (!again.ok) throw again.error;
    // The name and role are the invitation's, whatever the participant's page claimed.
    expect(again.value.consents).toEqual([{ ...consent, name: applicant.name, role: 'applicant' }]);
    const stranger = await recordConsent(s.db, s.mediator, id, { ...consent, participantId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(!stranger.ok && stranger.error.code).toBe('session.unknown_participant');

    const entry = await saveMinutesEntry(s.db, s.mediator, id, { id: 'e1', at: NOW.toISOString(), text: '  申请人称邻居漏水三次。 ' });
    if (!entry.ok) throw entry.error;
    expect(entry.value.entries[0]?.text).toBe('申请人称邻居漏水三次。');
    const tooLong = await saveMinutesEntry(s.db, s.mediator, id, { id: 'e2', at: NOW.toISOString(), text: '长'.repeat(2001) });
    expect(!tooLong.ok && tooLong.error.code).toBe('minutes.too_long');
    const blank = await saveMinutesEntry(s.db, s.mediator, id, { id: 'e3', at: NOW.toISOString(), text: '   ' });
    expect(!blank.ok && blank.error.code).toBe('minutes.empty');
    await saveMinutesEntry(s.db, s.mediator, id, { id: 'e4', at: NOW.toISOString(), text: '删掉的' });
    await deleteMinutesEntry(s.db, s.mediator, id, 'e4');
    expect((await readMinutes(s.db, id))?.entries.map((e) => e.id)).toEqual(['e1']);

    const open = await finaliseMinutes(s.db, s.platform, s.mediator, id, s.caseRecord.number, NOW);
    expect(!open.ok && open.error.code).toBe('minutes.session_open');
    await endSession(s.db, s.mediator, id);
    const final = await finaliseMinutes(s.db, s.platform, s.mediator, id, s.caseRecord.number, NOW);
    if (!final.ok) throw final.error;
    const finalised = final.value.finalised!;

    const rows = await readLedgerRows(s.db, s.caseRecord.id);
    const ledgerEntry = rows[finalised.ledgerSeq]!.entry;
    expect(ledgerEntry.kind).toBe('minutes');
    expect(ledgerEntry.contentSha256).toBe(finalised.sha256);
    const bytes = (await s.platform.blobs.get(finalised.sha256))!;
    expect(bytesToHex(sha256Bytes(bytes))).toBe(finalised.sha256);
    const document = JSON.parse(new TextDecoder().decode(bytes));
    expect(canonicalize(document)).toBe(new TextDecoder().decode(bytes));
    expect(document.format).toBe(MINUTES_FORMAT);
    expect(document.case.number).toBe(s.caseRecord.number);
    expect(document.entries.map((e: { text: string }) => e.text)).toEqual(['申请人称邻居漏水三次。']);
    expect(document.log.map((e: { event: string }) => e.event)).toEqual(['started', 'joined', 'ended']);
    expect(document.consents).toHaveLength(1);

    const after = await saveMinutesEntry(s.db, s.mediator, id, { id: 'e5', at: NOW.toISOString(), text: '定稿后' });
    expect(!after.ok && after.error.code).toBe('minutes.finalised');
    const twice = await finaliseMinutes(s.db, s.platform, s.mediator, id, s.caseRecord.number, NOW);
    expect(!twice.ok && twice.error.code).toBe('minutes.finalised');

    const actions = (await s.db.events.all()).filter((e) => e.entity === 'video_session').map((e) => e.action);
    expect(actions).toEqual(['video_session.schedule', 'video_session.start', 'video_session.consent', 'video_session.end', 'video_session.minutes_finalise']);
  });

  it('refuses finalising empty minutes', async () => {
    const s = await setting();
    const scheduled = await scheduleSession(s.db, s.mediator, s.caseRecord.id, { scheduledStart: NOW.toISOString(), durationMinutes: 60, participants: s.invited }, NOW);
    if (!scheduled.ok) throw scheduled.error;
    await startSession(s.db, s.mediator, scheduled.value.id);
    await endSession(s.db, s.mediator, scheduled.value.id);
    const empty = await finaliseMinutes(s.db, s.platform, s.mediator, scheduled.value.id, s.caseRecord.number, NOW);
    expect(!empty.ok && empty.error.code).toBe('minutes.no_entries');
    expect(await readLedgerRows(s.db, s.caseRecord.id)).toHaveLength(0);
  });
});
