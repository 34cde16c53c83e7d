// What the consultation register needs of a number taken from the queue: the channel the person
// came by (a walk-in, or an appointment), the number, the topic given at the counter and, for an
// appointment, the name and mobile number booked — read by the ticket's id (the queue links to
// /consultations/new?channel=…&ticket=<id>), so no personal data travels in the address.
import type { ConsultationChannel } from '../../../shared/consultation/model';
import type { User } from '../../../shared/domain/model';
import type { Ticket } from '../../../shared/hall/model';
import type { DataStore } from '../../data';
import { ok, type StoreResult } from '../../kit/result';
import { HALL_APPOINTMENTS, HALL_TICKETS } from './kinds';
import { ticketStep } from './store';

export interface HallVisit {
  ticketId: string;
  number: string;
  channel: Extract<ConsultationChannel, 'walk_in' | 'appointment'>;
  topic?: string;
  /** The person as booked (appointments only; a walk-in gives no name at the counter). */
  person?: { name: string; phone: string };
}

export async function hallVisit(data: DataStore, ticketId: string): Promise<HallVisit | undefined> {
  const ticket = await data.records(HALL_TICKETS).get(ticketId);
  if (!ticket) return undefined;
  const appointment = ticket.appointmentId ? await data.records(HALL_APPOINTMENTS).get(ticket.appointmentId) : undefined;
  return {
    ticketId: ticket.id,
    number: ticket.number,
    channel: ticket.source === 'appointment' ? 'appointment' : 'walk_in',
    ...(ticket.topic !== undefined ? { topic: ticket.topic } : {}),
    ...(appointment ? { person: { name: appointment.name, phone: appointment.phone } } : {}),
  };
}

/** The address of a new consultation for this ticket. */
export function consultationPathFor(ticket: { id: string; source: 'walk_in' | 'appointment' }): string {
  return `/consultations/new?channel=${ticket.source}&ticket=${encodeURIComponent(ticket.id)}`;
}

/**
 * The visit's number ends as served once its consultation is recorded: the desk's own step
 * (ticketStep 'serve', with its audit event and its refusals — a number not called, or gone). A
 * number the desk has already marked served is left as it is.
 */
export async function visitServed(data: DataStore, user: Pick<User, 'id'>, ticketId: string, now = new Date()): Promise<StoreResult<Ticket>> {
  const ticket = await data.records(HALL_TICKETS).get(ticketId);
  if (ticket?.status === 'served') return ok(ticket);
  return ticketStep(data, user, ticketId, ticket?.version ?? 0, 'serve', now);
}
