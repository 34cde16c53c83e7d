// A consultation opened from the hall's queue (/consultations/new?channel=walk_in&ticket=<id>): the
// channel from the address at once, then the number as the hall keeps it — its channel, the topic
// said at the counter and, for an appointment, the name and mobile booked, filled in where the
// form is still empty. Once the consultation is saved the number ends as served through the hall's
// door (the desk's own step, with its audit event); the address carries no personal data.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { FormInstance } from 'antd';
import { CONSULTATION_CHANNELS, type ConsultationChannel } from '../../../../shared/consultation/model';
import type { User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import type { StoreResult } from '../../../kit/result';
import { hallVisit, visitServed, type HallVisit } from '../../hall';

export interface HallVisitState {
  /** The channel the address names, for the form's first values. */
  channel: ConsultationChannel | undefined;
  /** The hall's number, once read; null when the address names a ticket the hall does not have. */
  visit: HallVisit | null | undefined;
  /** Ends the number as served (nothing to do without one). */
  served: (user: Pick<User, 'id'>) => Promise<StoreResult<unknown> | null>;
}

function isChannel(value: string | null): value is ConsultationChannel {
  return value !== null && (CONSULTATION_CHANNELS as readonly string[]).includes(value);
}

export function useHallVisit(form: FormInstance): HallVisitState {
  const { data } = useServices();
  const [params] = useSearchParams();
  const ticketId = params.get('ticket');
  const named = params.get('channel');
  const channel = isChannel(named) ? named : undefined;
  const [visit, setVisit] = useState<HallVisit | null | undefined>(undefined);

  useEffect(() => {
    if (!ticketId) return;
    let live = true;
    void hallVisit(data, ticketId).then((found) => {
      if (!live) return;
      setVisit(found ?? null);
      if (!found) return;
      const empty = (name: string) => !form.getFieldValue(name);
      form.setFieldsValue({
        channel: found.channel,
        ...(found.person && empty('name') ? { name: found.person.name } : {}),
        ...(found.person && empty('phone') ? { phone: found.person.phone } : {}),
      });
    });
    return () => {
      live = false;
    };
  }, [data, form, ticketId]);

  return useMemo(
    () => ({
      channel,
      visit: ticketId ? visit : undefined,
      served: async (user: Pick<User, 'id'>) => (visit ? visitServed(data, user, visit.ticketId) : null),
    }),
    [channel, data, ticketId, visit],
  );
}
