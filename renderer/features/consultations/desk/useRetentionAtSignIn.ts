// The retention period is applied when the desk first opens for a signed-in account (the lawyer's
// home right after sign-in): what is past it is anonymised or removed and recorded before anyone
// searches. The session's user object is new at every sign-in, so it marks the run. A run with
// nothing due writes nothing; a failure is retried at the next sign-in or from the
// administrator's card.
import { useEffect } from 'react';
import type { User } from '../../../../shared/domain/model';
import type { DataStore } from '../../../data';
import { runRetention } from '../store';

const ran = new WeakSet<User>();

export function useRetentionAtSignIn(data: DataStore, user: User, onDone: () => void): void {
  useEffect(() => {
    if (ran.has(user)) return;
    ran.add(user);
    void runRetention(data, user).then((r) => {
      if (r.ok && r.value.anonymised + r.value.removed > 0) onDone();
    });
  }, [data, user, onDone]);
}
