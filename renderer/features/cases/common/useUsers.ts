// The institution's accounts, for showing mediators' names and choosing one. An institution has
// tens or hundreds of users, never a number that needs paging.
import { useEffect, useMemo, useState } from 'react';
import type { User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';

export interface UsersIndex {
  users: readonly User[];
  byId: ReadonlyMap<string, User>;
  /** Accounts a case can be assigned to: active mediators and lawyers. */
  assignable: readonly User[];
  loaded: boolean;
}

export function useUsers(): UsersIndex {
  const { data } = useServices();
  const [users, setUsers] = useState<User[] | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void data.accounts.all().then((all) => {
        if (live) setUsers(all);
      });
    read();
    // An account added, renamed or deactivated (here or in another window) shows at once.
    const stop = data.changes.subscribe((changes) => {
      if (changes.some((c) => c.kind === 'accounts')) read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [data]);
  return useMemo(() => {
    const list = users ?? [];
    return {
      users: list,
      byId: new Map(list.map((u) => [u.id, u])),
      assignable: list.filter((u) => u.active && (u.role === 'mediator' || u.role === 'lawyer')).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
      loaded: users !== null,
    };
  }, [users]);
}
