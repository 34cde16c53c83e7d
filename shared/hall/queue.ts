// The walk-in queue's rules (issue 18 item 2), pure: numbering per day, who is next, the steps of
// a ticket (call, recall, served, no-show), the waiting time, and what the waiting area's display
// may show — the numbers called and their desks, never a name or a topic.
import { INSTITUTION_TIME_ZONE, todayIn } from '../domain/deadlines';
import { cleanText } from '../domain/text';
import type { Problem } from '../problem';
import { DESK_MAX, TOPIC_MAX, type PersonRef, type Ticket, type TicketSource, type TicketStatus } from './model';

/** A step's outcome: the changed record, or why it was refused (a key of the hall's texts). */
export type HallStep<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const refused = <T>(key: string, params: Problem['params'] = {}): HallStep<T> => ({ ok: false, problem: { key, params } });

export const TICKET_LETTERS: Readonly<Record<TicketSource, 'A' | 'B'>> = { walk_in: 'A', appointment: 'B' };
/** Numbers a letter can give in one day (A001–A999). */
export const MAX_TICKETS_PER_LETTER = 999;

/** The calendar day in Beijing of an instant: the day a ticket's number belongs to. */
export function hallDayOf(at: Date): string {
  return todayIn(INSTITUTION_TIME_ZONE, at);
}

/** 'A001' for the first walk-in of a day, 'B002' for the second appointment that arrived. */
export function ticketNumber(source: TicketSource, seq: number): string {
  return `${TICKET_LETTERS[source]}${String(seq).padStart(3, '0')}`;
}

export function ticketId(day: string, number: string): string {
  return `${day}-${number}`;
}

/** A topic as typed (one line, up to TOPIC_MAX characters), or a refusal. Empty is no topic. */
export function cleanTopic(topic: string | undefined): HallStep<string | undefined> {
  const cleaned = cleanText(topic ?? '', { maxLength: TOPIC_MAX });
  if (!cleaned.ok) return refused('hall.topic_invalid', { max: TOPIC_MAX });
  return { ok: true, value: cleaned.value === '' ? undefined : cleaned.value };
}

export interface NewTicketInput {
  day: string;
  source: TicketSource;
  topic?: string | undefined;
  appointmentId?: string | undefined;
  at: Date;
  by: string;
}

/** The next ticket of `input.source` on `input.day`, numbered after the day's `existing` tickets. */
export function newTicket(existing: readonly Ticket[], input: NewTicketInput): HallStep<Ticket> {
  const topic = cleanTopic(input.topic);
  if (!topic.ok) return topic;
  const last = existing.filter((t) => t.day === input.day && t.source === input.source).reduce((max, t) => Math.max(max, t.seq), 0);
  const seq = last + 1;
  if (seq > MAX_TICKETS_PER_LETTER) return refused('hall.queue_full', { max: MAX_TICKETS_PER_LETTER });
  const number = ticketNumber(input.source, seq);
  return {
    ok: true,
    value: {
      id: ticketId(input.day, number),
      day: input.day,
      source: input.source,
      seq,
      number,
      ...(topic.value !== undefined ? { topic: topic.value } : {}),
      ...(input.appointmentId !== undefined ? { appointmentId: input.appointmentId } : {}),
      status: 'waiting',
      takenAt: input.at.toISOString(),
      takenBy: input.by,
      calls: 0,
      version: 0,
    },
  };
}

/** The day's waiting tickets in the order they are called: first taken, first called. */
export function waitingLine(tickets: readonly Ticket[], day: string): Ticket[] {
  return tickets
    .filter((t) => t.day === day && t.status === 'waiting')
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.number.localeCompare(b.number));
}

/** The ticket "call next" calls, if anyone is waiting. */
export function nextToCall(tickets: readonly Ticket[], day: string): Ticket | undefined {
  return waitingLine(tickets, day)[0];
}

/** Whole minutes a ticket has waited by `now` (0 in its first minute; never negative). */
export function waitedMinutes(ticket: Pick<Ticket, 'takenAt'>, now: Date): number {
  const ms = now.getTime() - Date.parse(ticket.takenAt);
  return ms > 0 ? Math.floor(ms / 60_000) : 0;
}

function expect(ticket: Ticket, status: TicketStatus): HallStep<never> | null {
  if (ticket.status === status) return null;
  return refused(`hall.ticket_not_${status}`, { number: ticket.number });
}

export interface CallInput {
  at: Date;
  /** The desk the person is asked to come to. */
  desk: string;
  /** The duty lawyer who will serve the person. */
  lawyer: PersonRef;
  by: string;
}

/** Calls a waiting ticket to a desk, naming the duty lawyer who serves it. */
export function callTicket(ticket: Ticket, input: CallInput): HallStep<Ticket> {
  const wrong = expect(ticket, 'waiting');
  if (wrong) return wrong;
  const desk = cleanText(input.desk, { maxLength: DESK_MAX, required: true });
  if (!desk.ok) return refused('hall.desk_invalid', { max: DESK_MAX });
  return {
    ok: true,
    value: { ...ticket, status: 'called', calledAt: input.at.toISOString(), calls: 1, desk: desk.value, lawyer: input.lawyer, calledBy: input.by, version: ticket.version + 1 },
  };
}

/** Calls a called ticket again (the person did not come yet): the display shows it anew. */
export function recallTicket(ticket: Ticket, at: Date): HallStep<Ticket> {
  const wrong = expect(ticket, 'called');
  if (wrong) return wrong;
  return { ok: true, value: { ...ticket, calledAt: at.toISOString(), calls: ticket.calls + 1, version: ticket.version + 1 } };
}

/** Ends a called ticket: the person was served, or did not come (no-show). */
export function closeTicket(ticket: Ticket, outcome: 'served' | 'no_show', at: Date): HallStep<Ticket> {
  const wrong = expect(ticket, 'called');
  if (wrong) return wrong;
  return { ok: true, value: { ...ticket, status: outcome, closedAt: at.toISOString(), version: ticket.version + 1 } };
}

/** What the waiting area's display may show of a call: the number and the desk, nothing else. */
export interface DisplayedCall {
  readonly number: string;
  readonly desk: string;
  readonly calledAt: string;
  /** Grows with each recall, so the display can announce a number called again. */
  readonly calls: number;
}

/**
 * The numbers being called on `day`, latest first (at most `limit`): tickets called and not yet
 * served or marked absent. Only the number, the desk and when: the display is seen by everyone
 * in the room and by whoever opens it without signing in.
 */
export function displayedCalls(tickets: readonly Ticket[], day: string, limit = 8): DisplayedCall[] {
  return tickets
    .filter((t) => t.day === day && t.status === 'called' && t.calledAt !== undefined && t.desk !== undefined)
    .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '') || b.number.localeCompare(a.number))
    .slice(0, limit)
    .map((t) => ({ number: t.number, desk: t.desk ?? '', calledAt: t.calledAt ?? '', calls: t.calls }));
}

/** The day's counts for the desk's summary. */
export function queueCounts(tickets: readonly Ticket[], day: string): Record<TicketStatus, number> {
  const counts: Record<TicketStatus, number> = { waiting: 0, called: 0, served: 0, no_show: 0 };
  for (const t of tickets) if (t.day === day) counts[t.status] += 1;
  return counts;
}
