// Appointments at the hall (issue 18 item 2), pure: what a booking must hold (a name as names are
// checked everywhere, a mainland mobile number, an optional topic, a day not past and a slot of
// the hall's), how many people a slot takes, and the steps arrived / cancelled.
import { isIsoDate } from '../domain/deadlines';
import type { ErrorCode, ErrorParams } from '../domain/errors';
import { validateMobile } from '../domain/identifiers';
import { cleanText, validatePersonName } from '../domain/text';
import { APPOINTMENT_SLOTS, TOPIC_MAX, type Appointment, type AppointmentSlot, type HalfDay } from './model';
import type { HallStep } from './queue';

/** A refusal beside one field of the booking form: a shared domain code or one of the hall's. */
export interface HallFieldError {
  path: string[];
  code: ErrorCode | 'hall.day_past' | 'hall.slot_past' | 'hall.slot_full';
  params?: ErrorParams;
}

export interface AppointmentInput {
  day: string;
  slot: string;
  name: string;
  phone: string;
  topic?: string | undefined;
}

export type CheckedAppointment = Pick<Appointment, 'day' | 'slot' | 'name' | 'phone'> & { topic?: string };

export type AppointmentCheck = { ok: true; value: CheckedAppointment } | { ok: false; errors: HallFieldError[] };

function isSlot(slot: string): slot is AppointmentSlot {
  return (APPOINTMENT_SLOTS as readonly string[]).includes(slot);
}

/** The half-day a slot falls in. */
export function halfOfSlot(slot: AppointmentSlot): HalfDay {
  return slot < '12:00' ? 'am' : 'pm';
}

/** People one slot takes: one per duty lawyer of its half-day, and one when no rota is set. */
export function slotCapacity(dutyLawyers: number): number {
  return Math.max(1, dutyLawyers);
}

export interface BookingContext {
  /** Today in Beijing ('YYYY-MM-DD'). */
  today: string;
  /** The time of day now in Beijing ('HH:MM'): today's slots before it are past. */
  nowTime: string;
  /** The day's appointments already kept (cancelled ones free their slot). */
  sameDay: readonly Appointment[];
  /** Duty lawyers on the rota for a half-day of that day. */
  dutyLawyers: (half: HalfDay) => number;
}

/** Checks a booking; every wrong field is named, none is guessed. */
export function checkAppointment(input: AppointmentInput, context: BookingContext): AppointmentCheck {
  const errors: HallFieldError[] = [];
  const name = validatePersonName(input.name);
  if (!name.ok) errors.push({ path: ['name'], code: name.code, ...(name.params ? { params: name.params } : {}) });
  const phone = validateMobile(input.phone);
  if (!phone.ok) errors.push({ path: ['phone'], code: phone.code, ...(phone.params ? { params: phone.params } : {}) });
  const topic = cleanText(input.topic ?? '', { maxLength: TOPIC_MAX });
  if (!topic.ok) errors.push({ path: ['topic'], code: topic.code, ...(topic.params ? { params: topic.params } : {}) });
  const dayValid = isIsoDate(input.day);
  if (!input.day) errors.push({ path: ['day'], code: 'required' });
  else if (!dayValid) errors.push({ path: ['day'], code: 'date.invalid' });
  else if (input.day < context.today) errors.push({ path: ['day'], code: 'hall.day_past' });
  if (!input.slot) errors.push({ path: ['slot'], code: 'required' });
  else if (!isSlot(input.slot)) errors.push({ path: ['slot'], code: 'field.option' });
  else if (dayValid && input.day === context.today && input.slot < context.nowTime) errors.push({ path: ['slot'], code: 'hall.slot_past' });
  else if (dayValid) {
    const taken = context.sameDay.filter((a) => a.day === input.day && a.slot === input.slot && a.status !== 'cancelled').length;
    const capacity = slotCapacity(context.dutyLawyers(halfOfSlot(input.slot)));
    if (taken >= capacity) errors.push({ path: ['slot'], code: 'hall.slot_full', params: { capacity } });
  }
  if (errors.length > 0 || !name.ok || !phone.ok || !topic.ok || !isSlot(input.slot)) return { ok: false, errors };
  return { ok: true, value: { day: input.day, slot: input.slot, name: name.value, phone: phone.normalized, ...(topic.value ? { topic: topic.value } : {}) } };
}

/** The person came on the day of the appointment: it is marked arrived with the ticket given. */
export function arriveAppointment(appointment: Appointment, input: { today: string; ticketId: string }): HallStep<Appointment> {
  if (appointment.status !== 'booked') return { ok: false, problem: { key: `hall.appointment_${appointment.status}`, params: { name: appointment.name } } };
  if (appointment.day !== input.today) return { ok: false, problem: { key: 'hall.appointment_not_today', params: { day: appointment.day } } };
  return { ok: true, value: { ...appointment, status: 'arrived', ticketId: input.ticketId, version: appointment.version + 1 } };
}

/** The person will not come: the slot is free again. */
export function cancelAppointment(appointment: Appointment): HallStep<Appointment> {
  if (appointment.status !== 'booked') return { ok: false, problem: { key: `hall.appointment_${appointment.status}`, params: { name: appointment.name } } };
  return { ok: true, value: { ...appointment, status: 'cancelled', version: appointment.version + 1 } };
}

/** The day's appointments in slot order, then in the order they were booked. */
export function dayAppointments(appointments: readonly Appointment[], day: string): Appointment[] {
  return appointments.filter((a) => a.day === day).sort((a, b) => a.slot.localeCompare(b.slot) || a.bookedAt.localeCompare(b.bookedAt));
}
