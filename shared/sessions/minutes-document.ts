// The minutes (笔录) of a session as they go into the case's ledger: one canonical JSON document
// (RFC 8785) with the sitting's facts written automatically — who was invited in which role, who
// was in which room when, each consent as given — and the mediator's timestamped entries. Its
// SHA-256 is what the ledger entry holds, so any later change to the minutes is detectable.
import canonicalize from 'canonicalize';
import { utf8ToBytes } from '../ledger/hash';
import type { MinutesRecord, VideoSession } from './model';

export const MINUTES_FORMAT = 'mw-minutes/1';
export const MINUTES_MEDIA_TYPE = 'application/json';

export interface MinutesDocumentInput {
  caseNumber: string;
  session: VideoSession;
  minutes: MinutesRecord;
  finalisedAt: string;
  finalisedBy: { id: string; name: string };
}

export function minutesDocument({ caseNumber, session, minutes, finalisedAt, finalisedBy }: MinutesDocumentInput) {
  return {
    format: MINUTES_FORMAT,
    case: { id: session.caseId, number: caseNumber },
    session: {
      id: session.id,
      number: session.number,
      scheduledStart: session.scheduledStart,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
    },
    participants: session.participants.map(({ id, role, name, partyId }) => ({ id, role, name, partyId })),
    consents: session.consents,
    log: session.log,
    recordings: session.recordings.map(({ sha256, size, startedAt, stoppedAt }) => ({ sha256, size, startedAt, stoppedAt })),
    entries: minutes.entries.map(({ at, text, author }) => ({ at, text, author })),
    finalisedAt,
    finalisedBy,
  };
}

export function minutesDocumentBytes(input: MinutesDocumentInput): Uint8Array {
  const text = canonicalize(minutesDocument(input));
  if (text === undefined) throw new TypeError('The minutes have no JSON form.');
  return utf8ToBytes(text);
}
