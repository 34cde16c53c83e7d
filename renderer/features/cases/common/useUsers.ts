// The institution's accounts, for showing mediators' names and choosing one. An institution has
// tens or hundreds of users, never a number that needs paging. On a workstation joined to a center
// server, the server's accounts as last listed to a director or administrator name the mediators
// of the cases pulled from other workstations (features/center); only local accounts are
// assignable here.
import { useEffect, useMemo, useState } from 'react';
import type { User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { useCenterAccounts } from '../../center';

export interface UsersIndex {
  users: readonly User[];
  byId: ReadonlyMap<string, User>;
  /** Accounts a case can be assigned to: active mediators and lawyers. */
  assignable: readonly User[];
  /** Every known account's name by id: the local accounts, then the center server's. */
  names: ReadonlyMap<string, string>;
  /** Mediators and lawyers a list may be filtered by: the assignable ones and the center server's. */
  mediators: readonly { id: string; displayName: string }[];
  loaded: boolean;
}

export function useUsers(): UsersIndex {
  const { data } = useServices();
  const center = useCenterAccounts();
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
    const byId = new Map(list.map((u) => [u.id, u]));
    const assignable = list.filter((u) => u.active && (u.role === 'mediator' || u.role === 'lawyer')).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
    const names = new Map<string, string>(center.accounts.map((a) => [a.id, a.displayName]));
    for (const u of list) names.set(u.id, u.displayName);
    const mediators = new Map<string, { id: string; displayName: string }>(assignable.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
    for (const a of center.accounts) if ((a.role === 'mediator' || a.role === 'lawyer') && !mediators.has(a.id)) mediators.set(a.id, { id: a.id, displayName: a.displayName });
    return {
      users: list,
      byId,
      assignable,
      names,
      mediators: [...mediators.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
      loaded: users !== null,
    };
  }, [users, center.accounts]);
}
