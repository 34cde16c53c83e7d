// When a session is shown as happening: a session that ran is shown by when it actually started
// and ended (a session begun late or ended early must not read as its plan in the record); one
// that has not run yet, or was cancelled, by its plan.
import type { VideoSession } from '../../../shared/sessions/model';

export type SessionTimes =
  | { readonly kind: 'ran'; readonly start: string; readonly end: string | null; readonly minutes: number | null }
  | { readonly kind: 'planned'; readonly start: string; readonly minutes: number };

export function sessionTimes(session: Pick<VideoSession, 'scheduledStart' | 'durationMinutes' | 'startedAt' | 'endedAt' | 'status'>): SessionTimes {
  if ((session.status === 'live' || session.status === 'ended') && session.startedAt) {
    const end = session.status === 'ended' ? session.endedAt : null;
    // Rounded up: a two-minute call that ran 61 seconds reads "2 minutes", never "0 minutes".
    const minutes = end ? Math.max(1, Math.ceil((Date.parse(end) - Date.parse(session.startedAt)) / 60_000)) : null;
    return { kind: 'ran', start: session.startedAt, end, minutes };
  }
  return { kind: 'planned', start: session.scheduledStart, minutes: session.durationMinutes };
}
