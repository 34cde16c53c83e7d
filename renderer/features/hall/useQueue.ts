// The queue screen's controller: the day's tickets and who is on duty (kept live), the desk this
// workstation calls to, and the commands with their refusals where the user acted.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayWorkHall } from '../../../shared/hall/access';
import type { Ticket } from '../../../shared/hall/model';
import { hallDayOf, queueCounts, waitingLine } from '../../../shared/hall/queue';
import { dutyLawyerFor } from '../../../shared/hall/rota';
import { useServices } from '../../app/services';
import { useRefusal } from '../../kit/refusal';
import type { StoreResult } from '../../kit/result';
import { useErrorText } from '../../kit/useErrorText';
import { useSession } from '../auth';
import { useHallRecords, useNow } from './hooks';
import { callNumber, loadHallDay, onDutyNow, takeTicket, ticketStep } from './store';

const HALL_NS = ['hall'] as const;
const DESK_KEY = 'mw.hall.desk';

function storedDesk(): string {
  try {
    return window.localStorage.getItem(DESK_KEY) ?? '1';
  } catch {
    return '1';
  }
}

export type TicketAction = 'recall' | 'serve' | 'no_show';

export function useQueue() {
  const { t } = useTranslation('hall');
  const { data } = useServices();
  const { user } = useSession();
  const errorText = useErrorText(HALL_NS);
  const refusal = useRefusal();
  const now = useNow();
  const day = hallDayOf(now);
  const load = useCallback(() => loadHallDay(data, day), [data, day]);
  const { value: hall, error: loadError } = useHallRecords(data, load);
  const [desk, setDeskState] = useState(storedDesk);
  const [chosenLawyer, setChosenLawyer] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [lastTaken, setLastTaken] = useState<Ticket | null>(null);
  const [lastCalled, setLastCalled] = useState<Ticket | null>(null);

  const duty = useMemo(() => onDutyNow(hall?.rota ?? [], now), [hall, now]);
  const lawyer = dutyLawyerFor(duty.lawyers, user, chosenLawyer && duty.lawyers.some((p) => p.id === chosenLawyer) ? chosenLawyer : undefined);
  const tickets = useMemo(() => hall?.tickets ?? [], [hall]);
  const waiting = useMemo(() => waitingLine(tickets, day), [tickets, day]);
  const called = useMemo(() => tickets.filter((x) => x.status === 'called').sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '')), [tickets]);
  const counts = useMemo(() => queueCounts(tickets, day), [tickets, day]);

  const setDesk = (value: string) => {
    setDeskState(value);
    try {
      window.localStorage.setItem(DESK_KEY, value);
    } catch {
      // A desk not remembered is asked again next time; nothing is lost.
    }
  };

  /** Runs one command at a time; a refusal is shown at `at`. */
  const run = async <T>(at: string, command: () => Promise<StoreResult<T>>): Promise<T | null> => {
    if (busy) return null;
    setBusy(at);
    refusal.clear();
    try {
      const result = await command();
      if (result.ok) return result.value;
      refusal.refuse(at, errorText(result.error.code, result.error.params));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const take = async (topic: string) => {
    const ticket = await run('take', () => takeTicket(data, user, { topic }));
    if (ticket) setLastTaken(ticket);
    return ticket !== null;
  };

  const call = async (ticket?: Ticket) => {
    const at = ticket ? `call:${ticket.id}` : 'callNext';
    const done = await run(at, () =>
      callNumber(data, user, { desk, lawyerId: lawyer?.id ?? chosenLawyer, ...(ticket ? { ticketId: ticket.id, version: ticket.version } : {}) }),
    );
    if (done) setLastCalled(done);
  };

  const step = async (ticket: Ticket, action: TicketAction) => {
    await run(`${action}:${ticket.id}`, () => ticketStep(data, user, ticket.id, ticket.version, action));
  };

  return {
    t,
    day,
    now,
    hall,
    loadError,
    mayWork: mayWorkHall(user.role),
    duty,
    lawyer,
    chosenLawyer,
    setChosenLawyer,
    desk,
    setDesk,
    waiting,
    called,
    counts,
    busy,
    refusal,
    lastTaken,
    lastCalled,
    take,
    call,
    step,
  };
}

export type QueueController = ReturnType<typeof useQueue>;
