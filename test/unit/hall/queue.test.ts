// The queue's rules (shared/hall/queue.ts): numbers per day and letter, first come first called,
// the steps of a ticket, the waiting time, and what the display may show.
import { describe, expect, it } from 'vitest';
import { ticketSchema, type Ticket } from '../../../shared/hall/model';
import { callTicket, closeTicket, displayedCalls, hallDayOf, newTicket, nextToCall, queueCounts, recallTicket, ticketNumber, waitedMinutes, waitingLine } from '../../../shared/hall/queue';

const DAY = '2026-12-07';
// 09:00 in Beijing.
const NINE = new Date('2026-12-07T01:00:00Z');
const minutes = (n: number) => new Date(NINE.getTime() + n * 60_000);
const LAWYER = { id: 'u-lawyer', name: '李律师' };

function take(existing: Ticket[], at: Date, source: Ticket['source'] = 'walk_in', topic?: string): Ticket {
  const step = newTicket(existing, { day: hallDayOf(at), source, topic, at, by: 'u-counter' });
  if (!step.ok) throw new Error(step.problem.key);
  existing.push(step.value);
  return step.value;
}

function must<T>(step: { ok: true; value: T } | { ok: false; problem: { key: string } }): T {
  if (!step.ok) throw new Error(step.problem.key);
  return step.value;
}

describe('numbers', () => {
  it('counts walk-ins A001, A002 … and arrivals by appointment B001 … per day, as valid records', () => {
    const tickets: Ticket[] = [];
    expect(take(tickets, NINE).number).toBe('A001');
    expect(take(tickets, minutes(1), 'appointment').number).toBe('B001');
    expect(take(tickets, minutes(2), 'walk_in', '  劳动报酬  ').number).toBe('A002');
    expect(tickets[2]?.topic).toBe('劳动报酬');
    expect(tickets.map((t) => t.id)).toEqual(['2026-12-07-A001', '2026-12-07-B001', '2026-12-07-A002']);
    for (const t of tickets) expect(ticketSchema.parse(t)).toEqual(t);
  });

  it('starts again from 001 the next day (in Beijing: 16:30 UTC is already the next day)', () => {
    const tickets: Ticket[] = [];
    take(tickets, NINE);
    take(tickets, minutes(5));
    const nextDay = take(tickets, new Date('2026-12-07T16:30:00Z'));
    expect(nextDay).toMatchObject({ day: '2026-12-08', number: 'A001' });
  });

  it('refuses a topic too long rather than cutting it, and a 1000th number of a letter', () => {
    expect(newTicket([], { day: DAY, source: 'walk_in', topic: '字'.repeat(101), at: NINE, by: 'u' })).toMatchObject({ ok: false, problem: { key: 'hall.topic_invalid' } });
    const full = [{ ...must(newTicket([], { day: DAY, source: 'walk_in', at: NINE, by: 'u' })), seq: 999, number: 'A999', id: `${DAY}-A999` }];
    expect(newTicket(full, { day: DAY, source: 'walk_in', at: NINE, by: 'u' })).toMatchObject({ ok: false, problem: { key: 'hall.queue_full' } });
    expect(must(newTicket(full, { day: DAY, source: 'appointment', at: NINE, by: 'u' })).number).toBe('B001');
    expect(ticketNumber('walk_in', 7)).toBe('A007');
  });
});

describe('calling', () => {
  it('calls the one who took a number first, whatever the letter, and only the day’s waiting', () => {
    const tickets: Ticket[] = [];
    const first = take(tickets, NINE, 'appointment');
    const second = take(tickets, minutes(1));
    take(tickets, new Date('2026-12-06T02:00:00Z')); // yesterday's, never called today
    expect(nextToCall(tickets, DAY)?.number).toBe(first.number);
    const called = must(callTicket(first, { at: minutes(3), desk: ' 2 ', lawyer: LAWYER, by: 'u-desk' }));
    expect(called).toMatchObject({ status: 'called', desk: '2', lawyer: LAWYER, calls: 1, calledBy: 'u-desk', version: 1 });
    const after = tickets.map((t) => (t.id === called.id ? called : t));
    expect(nextToCall(after, DAY)?.number).toBe(second.number);
    expect(waitingLine(after, DAY).map((t) => t.number)).toEqual(['A001']);
  });

  it('recalls a called number, then ends it served or not there; a finished one cannot be called again', () => {
    const ticket = take([], NINE);
    const called = must(callTicket(ticket, { at: minutes(4), desk: '1', lawyer: LAWYER, by: 'u' }));
    expect(callTicket(called, { at: minutes(5), desk: '1', lawyer: LAWYER, by: 'u' })).toMatchObject({ ok: false, problem: { key: 'hall.ticket_not_waiting', params: { number: 'A001' } } });
    const recalled = must(recallTicket(called, minutes(6)));
    expect(recalled).toMatchObject({ calls: 2, calledAt: minutes(6).toISOString(), version: 2 });
    const served = must(closeTicket(recalled, 'served', minutes(20)));
    expect(served).toMatchObject({ status: 'served', closedAt: minutes(20).toISOString() });
    expect(recallTicket(served, minutes(21))).toMatchObject({ ok: false, problem: { key: 'hall.ticket_not_called' } });
    expect(closeTicket(ticket, 'no_show', minutes(21))).toMatchObject({ ok: false, problem: { key: 'hall.ticket_not_called' } });
    expect(must(closeTicket(called, 'no_show', minutes(9))).status).toBe('no_show');
  });

  it('refuses a call without a desk', () => {
    expect(callTicket(take([], NINE), { at: NINE, desk: '   ', lawyer: LAWYER, by: 'u' })).toMatchObject({ ok: false, problem: { key: 'hall.desk_invalid' } });
  });
});

describe('waiting time and the display', () => {
  it('counts whole minutes waited, never less than nothing', () => {
    const ticket = take([], NINE);
    expect(waitedMinutes(ticket, minutes(0.5))).toBe(0);
    expect(waitedMinutes(ticket, minutes(12.9))).toBe(12);
    expect(waitedMinutes(ticket, minutes(-3))).toBe(0);
  });

  it('shows the numbers being called, latest first, with their desks and nothing else', () => {
    const tickets: Ticket[] = [];
    const a = take(tickets, NINE, 'walk_in', '离婚财产');
    const b = take(tickets, minutes(1));
    take(tickets, minutes(2));
    expect(displayedCalls(tickets, DAY)).toEqual([]);
    const calledA = must(callTicket(a, { at: minutes(5), desk: '1', lawyer: LAWYER, by: 'u' }));
    const calledB = must(callTicket(b, { at: minutes(6), desk: '2', lawyer: { id: 'u2', name: '王律师' }, by: 'u' }));
    const now = [calledA, calledB, tickets[2]!];
    const shown = displayedCalls(now, DAY);
    expect(shown).toEqual([
      { number: 'A002', desk: '2', calledAt: minutes(6).toISOString(), calls: 1 },
      { number: 'A001', desk: '1', calledAt: minutes(5).toISOString(), calls: 1 },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/律师|离婚|u-counter/);
    // Served numbers leave the display; a recalled one comes back on top.
    const served = must(closeTicket(calledB, 'served', minutes(7)));
    const recalled = must(recallTicket(calledA, minutes(8)));
    expect(displayedCalls([served, recalled], DAY)).toEqual([{ number: 'A001', desk: '1', calledAt: minutes(8).toISOString(), calls: 2 }]);
    expect(queueCounts([served, recalled, tickets[2]!], DAY)).toEqual({ waiting: 1, called: 1, served: 1, no_show: 0 });
  });
});
