// The hall's commands through the data layer: records kept as kinds of their own (surviving a
// reopened store), each step with its audit event readable in both languages, refusals that write
// nothing, and the roles and institutions that may use the hall.
import { describe, expect, it } from 'vitest';
import { auditTexts } from '../../../shared/audit/texts';
import { isAuditAction } from '../../../shared/audit/actions';
import { openDataStore, type DataStore } from '../../../renderer/data';
import { setupInstitution } from '../../../renderer/features/auth/accounts';
import { appointmentArrived, bookAppointment, callNumber, loadHallDay, setDuty, takeTicket, ticketStep } from '../../../renderer/features/hall/store';
import { consultationPathFor, hallVisit, visitServed } from '../../../renderer/features/hall';
import type { User } from '../../../shared/domain/model';
import { addUser, creditCode } from '../db/helpers';

// 09:00 and later in Beijing on 2026-12-07.
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute));
const DAY = '2026-12-07';
let counter = 0;

async function hall(kind: 'legal_service' | 'mediation' = 'legal_service'): Promise<{ data: DataStore; admin: User; lawyer: User; mediator: User; director: User }> {
  counter += 1;
  const data = openDataStore(`hall-${process.pid}-${counter}`);
  const result = await setupInstitution(data, {
    institution: { kind, name: '芜湖市镜湖区公共法律服务中心', creditCode: creditCode(), address: '芜湖市镜湖区', court: { name: '芜湖市镜湖区人民法院', code: '皖0202' }, caseNumberPrefix: '芜法' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin2026pass' },
  });
  if (!result.ok) throw new Error(result.error.code);
  const admin = result.value.admin;
  return { data, admin, lawyer: await addUser(data, admin, 'lawyerli', 'lawyer'), mediator: await addUser(data, admin, 'counter', 'mediator'), director: await addUser(data, admin, 'boss', 'director') };
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value;
}

describe('the hall through the data layer', () => {
  it('takes numbers, calls the next with the duty lawyer named, and keeps it all in the store', async () => {
    const { data, admin, lawyer, mediator } = await hall();
    value(await setDuty(data, admin, { day: DAY, half: 'am', lawyerIds: [lawyer.id] }, at(0)));
    const a1 = value(await takeTicket(data, mediator, { topic: '工资' }, at(1)));
    const a2 = value(await takeTicket(data, mediator, {}, at(2)));
    expect([a1.number, a2.number]).toEqual(['A001', 'A002']);
    // The counter's account calls; the ticket names the only lawyer on duty.
    const called = value(await callNumber(data, mediator, { desk: '1' }, at(5)));
    expect(called).toMatchObject({ number: 'A001', status: 'called', desk: '1', lawyer: { id: lawyer.id, name: 'lawyerli' } });
    value(await ticketStep(data, lawyer, called.id, called.version, 'serve', at(20)));
    const reopened = openDataStore(data.name);
    const day = await loadHallDay(reopened, DAY);
    expect(day.tickets.map((t) => `${t.number}:${t.status}`)).toEqual(['A001:served', 'A002:waiting']);
    const actions = (await reopened.events.all()).filter((e) => e.entity === 'hall').map((e) => e.action);
    expect(actions).toEqual(['hall.rota_set', 'hall.ticket_take', 'hall.ticket_take', 'hall.ticket_call', 'hall.ticket_serve']);
    for (const action of actions) {
      expect(isAuditAction(action)).toBe(true);
      if (isAuditAction(action)) expect([auditTexts['zh-CN'].action[action], auditTexts['en-US'].action[action]].every((text) => text.length > 0)).toBe(true);
    }
  });

  it('refuses a call with nobody on duty, a stale ticket, and an empty queue, writing nothing', async () => {
    const { data, admin, lawyer } = await hall();
    const ticket = value(await takeTicket(data, lawyer, {}, at(1)));
    expect(await callNumber(data, lawyer, { desk: '1' }, at(2))).toMatchObject({ ok: false, error: { code: 'hall.nobody_on_duty' } });
    value(await setDuty(data, admin, { day: DAY, half: 'am', lawyerIds: [lawyer.id] }, at(2)));
    const called = value(await callNumber(data, lawyer, { desk: '3', ticketId: ticket.id, version: ticket.version }, at(3)));
    expect(called.lawyer?.id).toBe(lawyer.id);
    expect(await callNumber(data, lawyer, { desk: '3', ticketId: ticket.id, version: ticket.version }, at(4))).toMatchObject({ ok: false, error: { code: 'hall.ticket_changed' } });
    expect(await callNumber(data, lawyer, { desk: '3' }, at(4))).toMatchObject({ ok: false, error: { code: 'hall.queue_empty' } });
    expect(await ticketStep(data, lawyer, ticket.id, called.version, 'recall', at(5))).toMatchObject({ ok: true, value: { calls: 2 } });
    const events = (await data.events.all()).filter((e) => e.entity === 'hall').map((e) => e.action);
    expect(events).toEqual(['hall.ticket_take', 'hall.rota_set', 'hall.ticket_call', 'hall.ticket_recall']);
  });

  it('books an appointment, names a wrong phone, and gives a B number when the person arrives', async () => {
    const { data, lawyer } = await hall();
    const refused = await bookAppointment(data, lawyer, { day: DAY, slot: '10:00', name: '王堃', phone: '1395531234' }, at(0));
    expect(refused).toMatchObject({ ok: false, error: { code: 'hall.appointment_invalid', fieldErrors: [{ path: ['phone'], code: 'phone.invalid' }] } });
    const booked = value(await bookAppointment(data, lawyer, { day: DAY, slot: '10:00', name: '王堃', phone: '+86 139-5531-2345', topic: '租房押金' }, at(0)));
    expect(booked).toMatchObject({ phone: '13955312345', status: 'booked' });
    // One lawyer on duty or none: the slot takes one person.
    expect(await bookAppointment(data, lawyer, { day: DAY, slot: '10:00', name: '李四', phone: '13900000000' }, at(1))).toMatchObject({ ok: false, error: { fieldErrors: [{ path: ['slot'], code: 'hall.slot_full' }] } });
    const { ticket, appointment } = value(await appointmentArrived(data, lawyer, booked.id, booked.version, at(50)));
    expect(ticket).toMatchObject({ number: 'B001', source: 'appointment', appointmentId: booked.id, topic: '租房押金' });
    expect(appointment).toMatchObject({ status: 'arrived', ticketId: ticket.id });
    expect(await appointmentArrived(data, lawyer, booked.id, booked.version, at(51))).toMatchObject({ ok: false, error: { code: 'hall.appointment_changed' } });
    // The consultation register takes the person as booked, by the ticket's id alone.
    expect(await hallVisit(data, ticket.id)).toEqual({ ticketId: ticket.id, number: 'B001', channel: 'appointment', topic: '租房押金', person: { name: '王堃', phone: '13955312345' } });
    expect(consultationPathFor(ticket)).toBe(`/consultations/new?channel=appointment&ticket=${ticket.id}`);
    const walkIn = value(await takeTicket(data, lawyer, {}, at(52)));
    expect(await hallVisit(data, walkIn.id)).toEqual({ ticketId: walkIn.id, number: 'A001', channel: 'walk_in' });
    expect(await hallVisit(data, 'no-such-ticket')).toBeUndefined();
    const day = await loadHallDay(data, DAY);
    expect(day.appointments).toHaveLength(1);
    expect(day.tickets.map((t) => t.number).sort()).toEqual(['A001', 'B001']);
  });

  it('ends the number of a consultation recorded from the queue as served, once, through the desk\'s own step', async () => {
    const { data, admin, lawyer } = await hall();
    value(await setDuty(data, admin, { day: DAY, half: 'am', lawyerIds: [lawyer.id] }, at(0)));
    const ticket = value(await takeTicket(data, lawyer, {}, at(1)));
    // Not called yet: refused, and the number still waits.
    expect(await visitServed(data, lawyer, ticket.id, at(2))).toMatchObject({ ok: false, error: { code: 'hall.ticket_not_called' } });
    const called = value(await callNumber(data, lawyer, { desk: '1' }, at(3)));
    const served = value(await visitServed(data, lawyer, ticket.id, at(4)));
    expect(served).toMatchObject({ id: ticket.id, status: 'served', version: called.version + 1, closedAt: at(4).toISOString() });
    // Already served (at the desk, or by another consultation): left as it is, nothing written.
    expect(value(await visitServed(data, lawyer, ticket.id, at(5)))).toEqual(served);
    expect(await visitServed(data, lawyer, 'no-such-ticket', at(6))).toMatchObject({ ok: false, error: { code: 'hall.ticket_not_found' } });
    const actions = (await data.events.all()).filter((e) => e.entity === 'hall').map((e) => e.action);
    expect(actions).toEqual(['hall.rota_set', 'hall.ticket_take', 'hall.ticket_call', 'hall.ticket_serve']);
  });

  it('lets only an administrator set the rota, only with lawyers, and no director work the queue', async () => {
    const { data, admin, lawyer, mediator, director } = await hall();
    expect(await setDuty(data, lawyer, { day: DAY, half: 'pm', lawyerIds: [lawyer.id] }, at(0))).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await setDuty(data, admin, { day: DAY, half: 'pm', lawyerIds: [mediator.id] }, at(0))).toMatchObject({ ok: false, error: { code: 'hall.rota_not_lawyer' } });
    expect(await takeTicket(data, director, {}, at(0))).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect((await data.events.all()).filter((e) => e.entity === 'hall')).toEqual([]);
  });

  it('has no hall in a mediation institution', async () => {
    const { data, lawyer } = await hall('mediation');
    expect(await takeTicket(data, lawyer, {}, at(0))).toMatchObject({ ok: false, error: { code: 'hall.no_hall' } });
  });
});
