// The legal-service hall's day as records (issue 18 item 2): the walk-in queue's tickets, the
// appointments booked for a day, and the duty rota by day and half-day. Pure zod schemas; the
// renderer keeps them through the data layer as record kinds of their own.
import { z } from 'zod';
import { dateSchema, instantSchema } from '../domain/model';
import { PERSON_NAME_MAX } from '../domain/text';

/** The longest topic a ticket or an appointment carries ("劳动合同纠纷", "离婚财产分割"). */
export const TOPIC_MAX = 100;
/** The longest desk name ("1", "2号窗口", "Desk 3"). */
export const DESK_MAX = 20;

/** A person named on a record: an account's id and its name at the time. */
export const personRefSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(PERSON_NAME_MAX) });
export type PersonRef = z.infer<typeof personRefSchema>;

/** A walk-in took a number at the counter; an appointment's holder arrived. Each has its own letter. */
export const TICKET_SOURCES = ['walk_in', 'appointment'] as const;
export const ticketSourceSchema = z.enum(TICKET_SOURCES);
export type TicketSource = z.infer<typeof ticketSourceSchema>;

/**
 * waiting → called (a desk called the number; it may be called again) → served or no_show.
 * served and no_show are final.
 */
export const TICKET_STATUSES = ['waiting', 'called', 'served', 'no_show'] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketSchema = z.strictObject({
  /** `<day>-<number>`: one ticket per number and day ('2026-12-07-A001'). */
  id: z.string().regex(/^\d{4}-\d{2}-\d{2}-[AB]\d{3}$/),
  /** The day in Beijing the number belongs to. */
  day: dateSchema,
  source: ticketSourceSchema,
  /** The day's running count of its letter, from 1. */
  seq: z.number().int().min(1).max(999),
  /** What the person and the display read: 'A001'. */
  number: z.string().regex(/^[AB]\d{3}$/),
  topic: z.string().max(TOPIC_MAX).optional(),
  /** The appointment this ticket came from (source 'appointment'). */
  appointmentId: z.string().min(1).optional(),
  status: ticketStatusSchema,
  takenAt: instantSchema,
  takenBy: z.string().min(1),
  /** The last time it was called (a recall moves it). */
  calledAt: instantSchema.optional(),
  /** How many times it has been called (1 once called, more after recalls). */
  calls: z.number().int().nonnegative(),
  /** The desk it was called to. */
  desk: z.string().min(1).max(DESK_MAX).optional(),
  /** The duty lawyer who serves it (never shown on the display). */
  lawyer: personRefSchema.optional(),
  calledBy: z.string().min(1).optional(),
  /** When it was served or marked as not there. */
  closedAt: instantSchema.optional(),
  /** Optimistic concurrency: a change names the version it started from. */
  version: z.number().int().nonnegative(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** booked → arrived (a ticket was given) or cancelled. */
export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'cancelled'] as const;
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const HALF_DAYS = ['am', 'pm'] as const;
export const halfDaySchema = z.enum(HALF_DAYS);
export type HalfDay = z.infer<typeof halfDaySchema>;

/** The half-hour slots a hall gives appointments, morning and afternoon (Beijing time). */
export const APPOINTMENT_SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'] as const;
export const appointmentSlotSchema = z.enum(APPOINTMENT_SLOTS);
export type AppointmentSlot = z.infer<typeof appointmentSlotSchema>;

export const appointmentSchema = z.strictObject({
  id: z.string().min(1).max(80),
  day: dateSchema,
  slot: appointmentSlotSchema,
  name: z.string().min(1).max(PERSON_NAME_MAX),
  /** An 11-digit mainland mobile number, normalised. */
  phone: z.string().regex(/^1\d{10}$/),
  topic: z.string().max(TOPIC_MAX).optional(),
  status: appointmentStatusSchema,
  /** The ticket given when the person arrived. */
  ticketId: z.string().min(1).optional(),
  bookedAt: instantSchema,
  bookedBy: z.string().min(1),
  version: z.number().int().nonnegative(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const rotaEntrySchema = z.strictObject({
  /** `<day>-<half>`: one entry per half-day ('2026-12-07-am'). */
  id: z.string().regex(/^\d{4}-\d{2}-\d{2}-(am|pm)$/),
  day: dateSchema,
  half: halfDaySchema,
  /** The lawyer accounts on duty, in the order chosen. */
  lawyers: z.array(personRefSchema).max(20),
  updatedAt: instantSchema,
  updatedBy: z.string().min(1),
  version: z.number().int().nonnegative(),
});
export type RotaEntry = z.infer<typeof rotaEntrySchema>;

export function rotaEntryId(day: string, half: HalfDay): string {
  return `${day}-${half}`;
}
