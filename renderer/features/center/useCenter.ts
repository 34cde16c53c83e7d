// The center connection of this store, for screens: its state re-read on every change, and the
// words of its refusals (the server's Problems and the link's failures) in the user's language.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useServices } from '../../app/services';
import { useAuth } from '../auth';
import type { StoreError } from '../../kit/result';
import { formatDateTime } from '../../kit/time';
import { useErrorText } from '../../kit/useErrorText';
import { useLang } from '../../kit/useLang';
import { centerConnectionOf, type CenterConnection, type ConnectionState } from './connection';

const NAMESPACES = ['center'] as const;

export function useCenter(): { connection: CenterConnection; state: ConnectionState } {
  const { data, platform } = useServices();
  const connection = centerConnectionOf(data, platform.centerServer, platform);
  const state = useSyncExternalStore(connection.subscribe, connection.getState);
  // A server session belongs to the local account it began under (connection.ts bindLocalUser).
  const localUser = useAuth().user?.id ?? null;
  useEffect(() => connection.bindLocalUser(localUser), [connection, localUser]);
  return { connection, state };
}

/** A refusal as one sentence; an instant among its values is shown in the user's language and zone. */
export function useRefusalText(): (error: StoreError) => string {
  const errorText = useErrorText(NAMESPACES);
  const language = useLang();
  return useCallback(
    (error: StoreError) => {
      const params: Record<string, unknown> = { ...error.params };
      if (typeof params.until === 'string') params.until = formatDateTime(params.until, language);
      // The problems a refusal lists (each field the server refused), said after it.
      if (error.items.length > 0) params.items = error.items.map((item) => errorText(item.key, { ...item.params })).join('；');
      return errorText(error.code, params);
    },
    [errorText, language],
  );
}
