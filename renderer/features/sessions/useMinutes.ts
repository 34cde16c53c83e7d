// A session's minutes as a screen holds them: read once, each entry saved or removed at once, and
// finalised into the case's ledger at the end. Each step answers null when it succeeded, else the
// refusal in the user's language (shown beside the minutes).
import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../../shared/domain/model';
import type { MinutesRecord, VideoSession } from '../../../shared/sessions/model';
import { useServices } from '../../app/services';
import type { StoreResult } from '../../kit/result';
import { useErrorText } from '../../kit/useErrorText';
import { deleteMinutesEntry, finaliseMinutes, readMinutes, saveMinutesEntry } from './store';

/** Where the sessions' refusals find their texts. */
export const ERROR_NAMESPACES: readonly string[] = ['sessions', 'evidence', 'cases'];

export interface MinutesHandle {
  minutes: MinutesRecord | null;
  save: (entry: { id: string; at: string; text: string }) => Promise<string | null>;
  remove: (entryId: string) => Promise<string | null>;
  finalise: (caseNumber: string) => Promise<string | null>;
}

export function useMinutes(session: Pick<VideoSession, 'id'>, user: User): MinutesHandle {
  const { data, platform } = useServices();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const [minutes, setMinutes] = useState<MinutesRecord | null>(null);

  useEffect(() => {
    let cancelled = false;
    void readMinutes(data, session.id).then((m) => {
      if (!cancelled) setMinutes(m);
    });
    return () => {
      cancelled = true;
    };
  }, [data, session.id]);

  const apply = useCallback(
    async (step: Promise<StoreResult<MinutesRecord>>) => {
      const result = await step;
      if (result.ok) {
        setMinutes(result.value);
        return null;
      }
      return errorText(result.error.code, result.error.params);
    },
    [errorText],
  );

  return {
    minutes,
    save: (entry) => apply(saveMinutesEntry(data, user, session.id, entry)),
    remove: (entryId) => apply(deleteMinutesEntry(data, user, session.id, entryId)),
    finalise: (caseNumber) => apply(finaliseMinutes(data, platform, user, session.id, caseNumber)),
  };
}
