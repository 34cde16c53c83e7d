// One case with its parties and audit events, read together and re-read after every change: a
// change made on this page, and one committed in another window (the data layer's change feed),
// so two windows on the same case never show different versions for long.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Case, Party, User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import type { EventRow } from '../../../data';
import { getCase, getCaseEvents, getParties } from '../../case-store';
import { watchCase } from './live-case';

export interface CaseRecordState {
  status: 'loading' | 'ready' | 'missing' | 'failed';
  record: Case | null;
  parties: Party[];
  events: EventRow[];
  error: unknown;
  /** Re-reads everything from the store. */
  reload(): Promise<void>;
  /** Takes a case a command just saved, then re-reads the timeline. */
  accept(saved: Case): void;
  /** Re-reads the timeline only (evidence and checkpoints are recorded without changing the case). */
  refreshEvents(): void;
}

export interface CaseRecordOptions {
  /**
   * While true (the user is editing the details), a newer version saved elsewhere is not taken in:
   * it goes to `onHeld`, so the user is told and reloads when ready, their edits kept.
   */
  hold?: boolean;
  onHeld?(current: Case): void;
}

type Loaded = Omit<CaseRecordState, 'reload' | 'accept' | 'refreshEvents'>;

export function useCaseRecord(caseId: string, viewer: User, options: CaseRecordOptions = {}): CaseRecordState {
  const { data } = useServices();
  const [state, setState] = useState<Loaded>({ status: 'loading', record: null, parties: [], events: [], error: null });
  /** The version on screen, to tell a change made elsewhere from this page's own (already taken). */
  const shownVersion = useRef(0);
  const latestOptions = useRef(options);
  useLayoutEffect(() => {
    latestOptions.current = options;
  });

  const reload = useCallback(async () => {
    try {
      const [record, parties, events] = await Promise.all([getCase(data, caseId, viewer), getParties(data, caseId), getCaseEvents(data, caseId)]);
      shownVersion.current = record?.version ?? 0;
      if (!record) setState({ status: 'missing', record: null, parties: [], events: [], error: null });
      else setState({ status: 'ready', record, parties, events: [...events].reverse(), error: null });
    } catch (error) {
      setState((s) => ({ ...s, status: 'failed', error }));
    }
  }, [data, caseId, viewer]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const refreshEvents = useCallback(() => {
    void getCaseEvents(data, caseId).then((events) => setState((s) => ({ ...s, events: [...events].reverse() })));
  }, [data, caseId]);

  const accept = useCallback(
    (saved: Case) => {
      shownVersion.current = saved.version;
      setState((s) => ({ ...s, record: saved }));
      refreshEvents();
    },
    [refreshEvents],
  );

  useEffect(
    () =>
      watchCase(data, caseId, (change) => {
        if (change === 'everything') return void reload();
        if (change === 'events') return refreshEvents();
        void getCase(data, caseId, viewer).then((current) => {
          // This page's own save, already on screen: only its audit event is new.
          if (current && current.version <= shownVersion.current) return refreshEvents();
          const { hold, onHeld } = latestOptions.current;
          if (current && hold && onHeld) return onHeld(current);
          void reload();
        });
      }),
    [data, caseId, viewer, reload, refreshEvents],
  );

  return { ...state, reload, accept, refreshEvents };
}
