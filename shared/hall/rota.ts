// The duty rota (issue 18 item 2), pure: which lawyer accounts are on duty in each half-day, who
// is on duty at a moment (Beijing time: the morning ends at noon), and whom a call names.
import { addDays, INSTITUTION_TIME_ZONE } from '../domain/deadlines';
import type { Role } from '../domain/roles';
import type { HalfDay, PersonRef, RotaEntry } from './model';
import { rotaEntryId } from './model';
import { hallDayOf, type HallStep } from './queue';

const hourFormat = new Intl.DateTimeFormat('en-US', { timeZone: INSTITUTION_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 'HH:MM' of an instant in Beijing. */
export function hallTimeOf(at: Date): string {
  const parts = hourFormat.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/** The day and half-day of an instant in Beijing. */
export function halfDayOf(at: Date): { day: string; half: HalfDay } {
  return { day: hallDayOf(at), half: hallTimeOf(at) < '12:00' ? 'am' : 'pm' };
}

/** The lawyers on duty in the half-day of `at`. */
export function onDutyAt(entries: readonly RotaEntry[], at: Date): PersonRef[] {
  const { day, half } = halfDayOf(at);
  return entries.find((e) => e.id === rotaEntryId(day, half))?.lawyers ?? [];
}

/** The lawyers on duty in one half-day. */
export function onDutyIn(entries: readonly RotaEntry[], day: string, half: HalfDay): PersonRef[] {
  return entries.find((e) => e.id === rotaEntryId(day, half))?.lawyers ?? [];
}

/** `count` days from `start`, for the rota's week. */
export function rotaDays(start: string, count = 7): string[] {
  return Array.from({ length: count }, (_, i) => addDays(start, i));
}

/** The roles whose accounts may be put on the rota: the institution's lawyers. */
export const DUTY_ROLES: readonly Role[] = ['lawyer'];

export interface RotaChange {
  day: string;
  half: HalfDay;
  lawyers: readonly PersonRef[];
  at: Date;
  by: string;
}

/**
 * The entry of a half-day after a change. `eligible` are the active lawyer accounts: anyone else
 * is refused by name; a lawyer listed twice is listed once.
 */
export function setRota(current: RotaEntry | undefined, change: RotaChange, eligible: readonly PersonRef[]): HallStep<RotaEntry> {
  const known = new Set(eligible.map((p) => p.id));
  const stranger = change.lawyers.find((p) => !known.has(p.id));
  if (stranger) return { ok: false, problem: { key: 'hall.rota_not_lawyer', params: { name: stranger.name } } };
  const seen = new Set<string>();
  const lawyers = change.lawyers.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  if (lawyers.length > 20) return { ok: false, problem: { key: 'hall.rota_too_many', params: { max: 20 } } };
  return {
    ok: true,
    value: {
      id: rotaEntryId(change.day, change.half),
      day: change.day,
      half: change.half,
      lawyers: lawyers.map((p) => ({ id: p.id, name: p.name })),
      updatedAt: change.at.toISOString(),
      updatedBy: change.by,
      version: current ? current.version + 1 : 0,
    },
  };
}

/**
 * Whom a call names: the chosen lawyer if on duty now; otherwise the caller if on duty; otherwise
 * the only lawyer on duty. Null when none can be named (nobody on duty, or several to choose from).
 */
export function dutyLawyerFor(onDuty: readonly PersonRef[], caller: { id: string }, chosenId?: string): PersonRef | null {
  if (chosenId !== undefined) return onDuty.find((p) => p.id === chosenId) ?? null;
  const self = onDuty.find((p) => p.id === caller.id);
  if (self) return self;
  return onDuty.length === 1 ? (onDuty[0] ?? null) : null;
}
