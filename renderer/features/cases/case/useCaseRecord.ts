// One case with its parties and audit events, read together and re-read after every change.
import { useCallback, useEffect, useState } from 'react';
import type { Case, Party, User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import type { EventRow } from '../../../db/db';
import { getCase, getCaseEvents, getParties } from '../store/commands';

export interface CaseRecordState {
  status: 'loading' | 'ready' | 'missing' | 'failed';
  record: Case | null;
  parties: Party[];
  events: EventRow[];
  error: unknown;
  /** Re-reads everything from the database. */
  reload(): Promise<void>;
  /** Takes a case a command just saved, then re-reads the timeline. */
  accept(saved: Case): void;
  /** Re-reads the timeline only (evidence and checkpoints are recorded without changing the case). */
  refreshEvents(): void;
}

export function useCaseRecord(caseId: string, viewer: User): CaseRecordState {
  const { db } = useServices();
  const [state, setState] = useState<Omit<CaseRecordState, 'reload' | 'accept' | 'refreshEvents'>>({ status: 'loading', record: null, parties: [], events: [], error: null });

  const reload = useCallback(async () => {
    try {
      const [record, parties, events] = await Promise.all([getCase(db, caseId, viewer), getParties(db, caseId), getCaseEvents(db, caseId)]);
      if (!record) setState({ status: 'missing', record: null, parties: [], events: [], error: null });
      else setState({ status: 'ready', record, parties, events: [...events].reverse(), error: null });
    } catch (error) {
      setState((s) => ({ ...s, status: 'failed', error }));
    }
  }, [db, caseId, viewer]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const refreshEvents = useCallback(() => {
    void getCaseEvents(db, caseId).then((events) => setState((s) => ({ ...s, events: [...events].reverse() })));
  }, [db, caseId]);

  const accept = useCallback(
    (saved: Case) => {
      setState((s) => ({ ...s, record: saved }));
      refreshEvents();
    },
    [refreshEvents],
  );

  return { ...state, reload, accept, refreshEvents };
}
