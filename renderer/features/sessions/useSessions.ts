// The sessions tab's controller: the case's sessions and parties, the signaling server to hold them
// on, and the commands (schedule, start or rejoin, cancel), each refused with a sentence shown
// above the list.
import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, Party, User } from '../../../shared/domain/model';
import { canEditCase } from '../../../shared/domain/permissions';
import type { VideoSession } from '../../../shared/sessions/model';
import { useServices } from '../../app/services';
import type { StoreResult } from '../../kit/result';
import { useCommand, type Command } from '../../kit/useCommand';
import { useErrorText } from '../../kit/useErrorText';
import { useSession } from '../auth';
import { getParties } from '../case-store';
import { resolveSignaling, type SignalingResolution } from './signaling-target';
import { cancelSession, readSessions, scheduleSession, startSession, type ScheduleInput } from './store';
import { ERROR_NAMESPACES } from './useMinutes';

function sameResolution(a: SignalingResolution, b: SignalingResolution): boolean {
  if (!a.ok || !b.ok) return JSON.stringify(a) === JSON.stringify(b);
  const key = (r: typeof a) => JSON.stringify([r.target.source, r.target.signalUrl, r.target.joinBases, r.target.iceServers]);
  return key(a) === key(b);
}

/** The signaling server for this workstation's settings; the same server keeps the same target. */
function useSignaling(): SignalingResolution | null {
  const { platform } = useServices();
  const { settings } = useSession();
  const [signaling, setSignaling] = useState<SignalingResolution | null>(null);
  useEffect(() => {
    let cancelled = false;
    void resolveSignaling(platform, settings).then((resolution) => {
      // The same server as before keeps the same target, so a settings save elsewhere does not restart a call.
      if (!cancelled) setSignaling((previous) => (previous && sameResolution(previous, resolution) ? previous : resolution));
    });
    return () => {
      cancelled = true;
    };
  }, [platform, settings]);
  return signaling;
}

export function useSessions(record: Case, user: User) {
  const { t } = useTranslation('sessions');
  const { data } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const signaling = useSignaling();
  const [sessions, setSessions] = useState<VideoSession[] | null>(null);
  const [parties, setParties] = useState<Party[]>([]);
  const [scheduling, setScheduling] = useState(false);
  const [inviting, setInviting] = useState<VideoSession | null>(null);
  const [liveId, setLiveId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canHold = canEditCase(user, record) && (user.role === 'mediator' || user.role === 'lawyer');

  const reload = useCallback(async () => {
    const [list, people] = await Promise.all([readSessions(data, record.id), getParties(data, record.id)]);
    setSessions(list);
    setParties(people);
  }, [data, record.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const schedule = useCommand((input: ScheduleInput) => scheduleSession(data, user, record.id, input), {
    onDone: (session) => {
      setError(null);
      setScheduling(false);
      void message.success(t('schedule.done', { number: session.number }));
    },
    reload,
  });
  const start = useCommand((session: VideoSession) => startSession(data, user, session.id), {
    onDone: (session) => {
      setError(null);
      setLiveId(session.id);
    },
    reload,
  });
  const cancel = useCommand((session: VideoSession) => cancelSession(data, user, session.id, session.rev), { reload });

  /** Runs a command; a refusal replaces the sentence above the list. */
  const run = async <A extends unknown[], T>(command: Command<A, T>, ...args: A): Promise<StoreResult<T> | null> => {
    const result = await command.run(...args);
    if (result && !result.ok) setError(errorText(result.error.code, result.error.params));
    return result;
  };

  return {
    sessions,
    parties,
    signaling,
    target: signaling?.ok ? signaling.target : null,
    canHold,
    error,
    clearError: () => setError(null),
    reload,
    scheduling,
    setScheduling,
    scheduleBusy: schedule.busy,
    schedule: (input: ScheduleInput) => void run(schedule, input),
    start: (session: VideoSession) => void run(start, session),
    cancel: (session: VideoSession) => run(cancel, session),
    inviting,
    setInviting,
    liveId,
    setLiveId,
  };
}
