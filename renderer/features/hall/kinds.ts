// The hall's records as kinds of the data layer (kept in its generic records table, backed up
// with everything else): the day's tickets, the appointments, the duty rota's half-days.
import { defineRecordKind } from '../../data';
import { appointmentSchema, rotaEntrySchema, ticketSchema } from '../../../shared/hall/model';

export const HALL_TICKETS = defineRecordKind('hallTickets', ticketSchema);
export const HALL_APPOINTMENTS = defineRecordKind('hallAppointments', appointmentSchema);
export const HALL_ROTA = defineRecordKind('hallRota', rotaEntrySchema);

/** The kinds whose changes a hall screen reloads on (from this window or another). */
export const HALL_KIND_NAMES: ReadonlySet<string> = new Set([HALL_TICKETS.name, HALL_APPOINTMENTS.name, HALL_ROTA.name]);
