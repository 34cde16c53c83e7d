// The hall's commands: each re-reads the acting account, applies a rule of shared/hall and writes
// the record with its audit event in one transaction (or refuses and writes nothing).
import type { AuditAction } from '../../../shared/audit/actions';
import type { User } from '../../../shared/domain/model';
import { hasHall, mayWorkHall, maySetRota } from '../../../shared/hall/access';
import { arriveAppointment, cancelAppointment, checkAppointment, dayAppointments, type AppointmentInput } from '../../../shared/hall/appointments';
import { rotaEntryId, type Appointment, type HalfDay, type PersonRef, type RotaEntry, type Ticket } from '../../../shared/hall/model';
import { callTicket, closeTicket, hallDayOf, newTicket, nextToCall, recallTicket, type HallStep } from '../../../shared/hall/queue';
import { DUTY_ROLES, dutyLawyerFor, halfDayOf, hallTimeOf, onDutyAt, onDutyIn, setRota } from '../../../shared/hall/rota';
import type { DataStore } from '../../data';
import { activeActor, actorOf, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import { HALL_APPOINTMENTS, HALL_ROTA, HALL_TICKETS } from './kinds';

/** What a hall screen shows of one day. */
export interface HallDay {
  day: string;
  tickets: Ticket[];
  appointments: Appointment[];
  rota: RotaEntry[];
}

export async function loadHallDay(data: DataStore, day: string): Promise<HallDay> {
  const [tickets, appointments, rota] = await Promise.all([data.records(HALL_TICKETS).all(), data.records(HALL_APPOINTMENTS).all(), data.records(HALL_ROTA).all()]);
  return { day, tickets: tickets.filter((t) => t.day === day), appointments: dayAppointments(appointments, day), rota };
}

/** The day's tickets alone (the waiting area's display reads nothing else). */
export async function loadTickets(data: DataStore, day: string): Promise<Ticket[]> {
  return (await data.records(HALL_TICKETS).all()).filter((t) => t.day === day);
}

/** The institution's active lawyer accounts: who may be put on the rota. */
export async function listDutyLawyers(data: DataStore): Promise<PersonRef[]> {
  return (await data.accounts.all())
    .filter((u) => u.active && DUTY_ROLES.includes(u.role))
    .map(personOf)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

function refusal(problem: { key: string; params: Record<string, string | number> }): StoreError {
  return new StoreError(problem.key, `Refused: ${problem.key}`, problem.params);
}

function stepValue<T>(step: HallStep<T>): T {
  if (!step.ok) throw refusal(step.problem);
  return step.value;
}

/** The account acting, re-read, and allowed to do `what` at this institution's hall. */
async function hallActor(data: DataStore, user: Pick<User, 'id'>, may: (role: User['role']) => boolean): Promise<User> {
  const actor = await activeActor(data, user);
  const institution = await data.institution.get();
  if (!institution || !hasHall(institutionKindOf(institution))) throw new StoreError('hall.no_hall', 'This institution keeps no legal-service hall.');
  if (!may(actor.role)) throw new StoreError('auth.forbidden', 'This role may not do this at the hall.');
  return actor;
}

/** Runs `work` as the acting account (allowed by `may`) in one transaction, refusals as results. */
function hallCommand<T>(data: DataStore, user: Pick<User, 'id'>, may: (role: User['role']) => boolean, work: (actor: User) => Promise<T>): Promise<StoreResult<T>> {
  return asResult(async () => {
    const actor = await hallActor(data, user, may);
    return data.transact(actorOf(actor), () => work(actor));
  });
}

/** The audit event of a hall record (outside any case). */
function recordEvent(data: DataStore, actor: User, at: Date, entityId: string, action: AuditAction, after: Record<string, unknown>, before: Record<string, unknown> | null = null) {
  return data.events.record({ actor: actorOf(actor), at, entity: 'hall', entityId, action, before, after });
}

async function ticketOf(data: DataStore, id: string, expectedVersion?: number): Promise<Ticket> {
  const ticket = await data.records(HALL_TICKETS).get(id);
  if (!ticket) throw new StoreError('hall.ticket_not_found', `No ticket ${id}.`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) throw new StoreError('hall.ticket_changed', `Ticket ${ticket.number} changed meanwhile.`, { number: ticket.number });
  return ticket;
}

/** A walk-in takes a number at the counter. */
export function takeTicket(data: DataStore, user: Pick<User, 'id'>, input: { topic?: string }, now = new Date()): Promise<StoreResult<Ticket>> {
  return hallCommand(data, user, mayWorkHall, async (actor) => {
    const tickets = data.records(HALL_TICKETS);
    const ticket = stepValue(newTicket(await tickets.all(), { day: hallDayOf(now), source: 'walk_in', topic: input.topic, at: now, by: actor.id }));
    await tickets.add(ticket);
    await recordEvent(data, actor, now, ticket.id, 'hall.ticket_take', { ticket: ticket.number });
    return ticket;
  });
}

export interface CallOptions {
  desk: string;
  /** The duty lawyer chosen at the desk; by default the caller when on duty, or the only one. */
  lawyerId?: string | undefined;
}

/** The duty lawyer a call names, or why none can be named. */
function lawyerForCall(rota: readonly RotaEntry[], actor: User, now: Date, lawyerId: string | undefined): PersonRef {
  const onDuty = onDutyAt(rota, now);
  if (onDuty.length === 0) throw new StoreError('hall.nobody_on_duty', 'Nobody is on the duty rota now.');
  const lawyer = dutyLawyerFor(onDuty, actor, lawyerId);
  if (!lawyer) throw new StoreError(lawyerId === undefined ? 'hall.choose_lawyer' : 'hall.lawyer_not_on_duty', 'Choose the duty lawyer who serves this number.');
  return lawyer;
}

/**
 * Calls a number to a desk: the next in line, or the ticket `ticketId` (at `version`). The
 * ticket names the duty lawyer who serves it.
 */
export function callNumber(data: DataStore, user: Pick<User, 'id'>, options: CallOptions & { ticketId?: string; version?: number }, now = new Date()): Promise<StoreResult<Ticket>> {
  return hallCommand(data, user, mayWorkHall, async (actor) => {
    const lawyer = lawyerForCall(await data.records(HALL_ROTA).all(), actor, now, options.lawyerId);
    let ticket: Ticket | undefined;
    if (options.ticketId !== undefined) ticket = await ticketOf(data, options.ticketId, options.version);
    else ticket = nextToCall(await data.records(HALL_TICKETS).all(), hallDayOf(now));
    if (!ticket) throw new StoreError('hall.queue_empty', 'Nobody is waiting.');
    const called = stepValue(callTicket(ticket, { at: now, desk: options.desk, lawyer, by: actor.id }));
    await data.records(HALL_TICKETS).put(called);
    await recordEvent(data, actor, now, called.id, 'hall.ticket_call', { ticket: called.number, desk: called.desk, lawyer: lawyer.name });
    return called;
  });
}

type TicketStep = 'recall' | 'serve' | 'no_show';
const STEP_ACTIONS = { recall: 'hall.ticket_recall', serve: 'hall.ticket_serve', no_show: 'hall.ticket_no_show' } as const;

/** Calls a called number again, or ends it as served or as not there. */
export function ticketStep(data: DataStore, user: Pick<User, 'id'>, ticketId: string, version: number, step: TicketStep, now = new Date()): Promise<StoreResult<Ticket>> {
  return hallCommand(data, user, mayWorkHall, async (actor) => {
    const ticket = await ticketOf(data, ticketId, version);
    const next = stepValue(step === 'recall' ? recallTicket(ticket, now) : closeTicket(ticket, step === 'serve' ? 'served' : 'no_show', now));
    await data.records(HALL_TICKETS).put(next);
    await recordEvent(data, actor, now, next.id, STEP_ACTIONS[step], { ticket: next.number, desk: next.desk });
    return next;
  });
}

/** Books a person for a slot of a day; every wrong field is named and nothing is kept. */
export function bookAppointment(data: DataStore, user: Pick<User, 'id'>, input: AppointmentInput, now = new Date()): Promise<StoreResult<Appointment>> {
  return hallCommand(data, user, mayWorkHall, async (actor) => {
    const appointments = data.records(HALL_APPOINTMENTS);
    const rota = await data.records(HALL_ROTA).all();
    const checked = checkAppointment(input, {
      today: hallDayOf(now),
      nowTime: hallTimeOf(now),
      sameDay: (await appointments.all()).filter((a) => a.day === input.day),
      dutyLawyers: (half: HalfDay) => onDutyIn(rota, input.day, half).length,
    });
    if (!checked.ok) throw new StoreError('hall.appointment_invalid', 'The appointment has wrong fields.', {}, checked.errors);
    const appointment: Appointment = { id: `${checked.value.day}-${crypto.randomUUID()}`, ...checked.value, status: 'booked', bookedAt: now.toISOString(), bookedBy: actor.id, version: 0 };
    await appointments.add(appointment);
    await recordEvent(data, actor, now, appointment.id, 'hall.appointment_book', { name: appointment.name, day: appointment.day, slot: appointment.slot });
    return appointment;
  });
}

async function appointmentOf(data: DataStore, id: string, version: number): Promise<Appointment> {
  const appointment = await data.records(HALL_APPOINTMENTS).get(id);
  if (!appointment) throw new StoreError('hall.appointment_not_found', `No appointment ${id}.`);
  if (appointment.version !== version) throw new StoreError('hall.appointment_changed', 'The appointment changed meanwhile.', { name: appointment.name });
  return appointment;
}

/** The person of an appointment arrived today: a number (B…) joins the queue. */
export function appointmentArrived(data: DataStore, user: Pick<User, 'id'>, id: string, version: number, now = new Date()): Promise<StoreResult<{ appointment: Appointment; ticket: Ticket }>> {
  return hallCommand(data, user, mayWorkHall, async (actor) => {
    const appointment = await appointmentOf(data, id, version);
    const tickets = data.records(HALL_TICKETS);
    const day = hallDayOf(now);
    const ticket = stepValue(newTicket(await tickets.all(), { day, source: 'appointment', topic: appointment.topic, appointmentId: appointment.id, at: now, by: actor.id }));
    const arrived = stepValue(arriveAppointment(appointment, { today: day, ticketId: ticket.id }));
    await tickets.add(ticket);
    await data.records(HALL_APPOINTMENTS).put(arrived);
    await recordEvent(data, actor, now, arrived.id, 'hall.appointment_arrive', { name: arrived.name, slot: arrived.slot, ticket: ticket.number });
    return { appointment: arrived, ticket };
  });
}

export function appointmentCancelled(data: DataStore, user: Pick<User, 'id'>, id: string, version: number, now = new Date()): Promise<StoreResult<Appointment>> {
  return hallCommand(data, user, mayWorkHall, async (actor) => {
    const cancelled = stepValue(cancelAppointment(await appointmentOf(data, id, version)));
    await data.records(HALL_APPOINTMENTS).put(cancelled);
    await recordEvent(data, actor, now, cancelled.id, 'hall.appointment_cancel', { name: cancelled.name, day: cancelled.day, slot: cancelled.slot });
    return cancelled;
  });
}

/** Sets the lawyers on duty in one half-day (administrators). */
export function setDuty(data: DataStore, user: Pick<User, 'id'>, input: { day: string; half: HalfDay; lawyerIds: readonly string[] }, now = new Date()): Promise<StoreResult<RotaEntry>> {
  return hallCommand(data, user, maySetRota, async (actor) => {
    const eligible = await listDutyLawyers(data);
    const byId = new Map(eligible.map((p) => [p.id, p]));
    const lawyers = input.lawyerIds.map((id) => byId.get(id) ?? { id, name: id });
    const rota = data.records(HALL_ROTA);
    const current = await rota.get(rotaEntryId(input.day, input.half));
    const entry = stepValue(setRota(current, { day: input.day, half: input.half, lawyers, at: now, by: actor.id }, eligible));
    await rota.put(entry);
    const view = (e: RotaEntry) => ({ day: e.day, halfDay: e.half, lawyers: e.lawyers.map((p) => p.name) });
    await recordEvent(data, actor, now, entry.id, 'hall.rota_set', view(entry), current ? view(current) : null);
    return entry;
  });
}

/** Who is on duty at `now` (the desk's header). */
export function onDutyNow(rota: readonly RotaEntry[], now: Date): { half: HalfDay; lawyers: PersonRef[] } {
  return { half: halfDayOf(now).half, lawyers: onDutyAt(rota, now) };
}
