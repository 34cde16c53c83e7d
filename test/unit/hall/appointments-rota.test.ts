// Appointments and the duty rota (shared/hall/appointments.ts, rota.ts): every wrong field named,
// slots filled as far as lawyers are on duty, the steps of an appointment, and who is on duty when.
import { describe, expect, it } from 'vitest';
import { arriveAppointment, cancelAppointment, checkAppointment, dayAppointments, halfOfSlot, type BookingContext } from '../../../shared/hall/appointments';
import { appointmentSchema, rotaEntrySchema, type Appointment, type RotaEntry } from '../../../shared/hall/model';
import { dutyLawyerFor, halfDayOf, onDutyAt, rotaDays, setRota } from '../../../shared/hall/rota';

const TODAY = '2026-12-07';
const context = (over: Partial<BookingContext> = {}): BookingContext => ({ today: TODAY, nowTime: '10:10', sameDay: [], dutyLawyers: () => 0, ...over });
const input = { day: '2026-12-08', slot: '09:30', name: '王堃', phone: '139 5531 2345', topic: '劳动合同' };

function booked(over: Partial<Appointment> = {}): Appointment {
  return appointmentSchema.parse({ id: 'ap-1', day: '2026-12-08', slot: '09:30', name: '王堃', phone: '13955312345', status: 'booked', bookedAt: '2026-12-07T02:00:00.000Z', bookedBy: 'u', version: 0, ...over });
}

describe('booking an appointment', () => {
  it('keeps a valid booking normalised (rare characters in the name, the phone as 11 digits)', () => {
    const check = checkAppointment({ ...input, name: '刘䶮' }, context());
    expect(check).toEqual({ ok: true, value: { day: '2026-12-08', slot: '09:30', name: '刘䶮', phone: '13955312345', topic: '劳动合同' } });
  });

  it('names every wrong field: the phone, the name, a past day, a slot that is not the hall’s', () => {
    const check = checkAppointment({ day: '2026-12-06', slot: '12:15', name: '王1', phone: '1234', topic: '' }, context());
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((e) => `${e.path.join('.')}:${e.code}`)).toEqual(['name:name.invalid', 'phone:phone.invalid', 'day:hall.day_past', 'slot:field.option']);
  });

  it('asks for the fields a booking needs', () => {
    const check = checkAppointment({ day: '', slot: '', name: '', phone: '' }, context());
    expect(check.ok ? [] : check.errors.map((e) => `${e.path.join('.')}:${e.code}`)).toEqual(['name:required', 'phone:required', 'day:required', 'slot:required']);
  });

  it('refuses a slot already past today, and a full slot: one person per duty lawyer, one without a rota', () => {
    expect(checkAppointment({ ...input, day: TODAY, slot: '10:00' }, context())).toMatchObject({ ok: false, errors: [{ path: ['slot'], code: 'hall.slot_past' }] });
    const one = [booked()];
    expect(checkAppointment(input, context({ sameDay: one }))).toMatchObject({ ok: false, errors: [{ path: ['slot'], code: 'hall.slot_full', params: { capacity: 1 } }] });
    expect(checkAppointment(input, context({ sameDay: one, dutyLawyers: (half) => (half === 'am' ? 2 : 0) })).ok).toBe(true);
    expect(checkAppointment(input, context({ sameDay: [booked({ status: 'cancelled' })] })).ok).toBe(true);
    expect(halfOfSlot('11:30')).toBe('am');
    expect(halfOfSlot('14:00')).toBe('pm');
  });

  it('an appointment arrives once, on its day, or is cancelled while booked', () => {
    const a = booked({ day: TODAY });
    const arrived = arriveAppointment(a, { today: TODAY, ticketId: '2026-12-07-B001' });
    expect(arrived).toMatchObject({ ok: true, value: { status: 'arrived', ticketId: '2026-12-07-B001', version: 1 } });
    expect(arriveAppointment(booked(), { today: TODAY, ticketId: 'x' })).toMatchObject({ ok: false, problem: { key: 'hall.appointment_not_today', params: { day: '2026-12-08' } } });
    if (!arrived.ok) return;
    expect(arriveAppointment(arrived.value, { today: TODAY, ticketId: 'y' })).toMatchObject({ ok: false, problem: { key: 'hall.appointment_arrived' } });
    expect(cancelAppointment(arrived.value)).toMatchObject({ ok: false, problem: { key: 'hall.appointment_arrived' } });
    expect(cancelAppointment(a)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('lists a day by slot', () => {
    const list = dayAppointments([booked({ id: 'b', slot: '14:00' }), booked({ id: 'a', slot: '09:00' }), booked({ id: 'c', day: TODAY })], '2026-12-08');
    expect(list.map((a) => a.id)).toEqual(['a', 'b']);
  });
});

describe('the duty rota', () => {
  const LI = { id: 'u-li', name: '李律师' };
  const WANG = { id: 'u-wang', name: '王律师' };
  const entry = (day: string, half: 'am' | 'pm', lawyers = [LI]): RotaEntry => {
    const step = setRota(undefined, { day, half, lawyers, at: new Date('2026-12-06T08:00:00Z'), by: 'u-admin' }, [LI, WANG]);
    if (!step.ok) throw new Error(step.problem.key);
    return step.value;
  };

  it('splits the day at noon in Beijing, whatever the clock’s zone', () => {
    expect(halfDayOf(new Date('2026-12-07T03:59:00Z'))).toEqual({ day: TODAY, half: 'am' });
    expect(halfDayOf(new Date('2026-12-07T04:00:00Z'))).toEqual({ day: TODAY, half: 'pm' });
    expect(halfDayOf(new Date('2026-12-06T16:10:00Z'))).toEqual({ day: TODAY, half: 'am' });
  });

  it('says who is on duty at a moment', () => {
    const rota = [entry(TODAY, 'am', [LI, WANG]), entry(TODAY, 'pm', [WANG])];
    for (const e of rota) expect(rotaEntrySchema.parse(e)).toEqual(e);
    expect(onDutyAt(rota, new Date('2026-12-07T02:00:00Z'))).toEqual([LI, WANG]);
    expect(onDutyAt(rota, new Date('2026-12-07T07:00:00Z'))).toEqual([WANG]);
    expect(onDutyAt(rota, new Date('2026-12-08T02:00:00Z'))).toEqual([]);
  });

  it('puts only the institution’s lawyers on duty, each once, and counts versions', () => {
    expect(setRota(undefined, { day: TODAY, half: 'am', lawyers: [{ id: 'u-x', name: '张调解员' }], at: new Date(), by: 'a' }, [LI])).toMatchObject({ ok: false, problem: { key: 'hall.rota_not_lawyer', params: { name: '张调解员' } } });
    const first = entry(TODAY, 'am', [LI, LI, WANG]);
    expect(first.lawyers).toEqual([LI, WANG]);
    expect(setRota(first, { day: TODAY, half: 'am', lawyers: [], at: new Date(), by: 'a' }, [LI])).toMatchObject({ ok: true, value: { lawyers: [], version: 1 } });
    expect(rotaDays('2026-12-30', 3)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });

  it('names the lawyer of a call: the one chosen, else the caller on duty, else the only one', () => {
    expect(dutyLawyerFor([LI, WANG], { id: 'u-wang' })).toEqual(WANG);
    expect(dutyLawyerFor([LI], { id: 'u-counter' })).toEqual(LI);
    expect(dutyLawyerFor([LI, WANG], { id: 'u-counter' })).toBeNull();
    expect(dutyLawyerFor([LI, WANG], { id: 'u-counter' }, 'u-li')).toEqual(LI);
    expect(dutyLawyerFor([LI], { id: 'u-counter' }, 'u-wang')).toBeNull();
    expect(dutyLawyerFor([], { id: 'u-li' })).toBeNull();
  });
});
