// The center server's accounts on this workstation (issue 17 items 3, 8 and 9): the institution's
// accounts as the server last listed them to an administrator's or director's session (so a
// director's case list names every mediator, also offline), a server account made a local account
// of this workstation in an explicit step (same id, names and role; a local password the local
// administrator sets), and the director's hand-over of a leaving mediator's open cases.
// The list is kept under the data layer's local-only prefix: it is the server's, re-read at each
// session, never in a backup.
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { API_PREFIX, accountListResponseSchema, accountViewSchema, handOverResponseSchema, type AccountView, type HandOverRequest } from '../../../shared/server/api';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { LOCAL_ONLY_META_PREFIX, SYSTEM_ACTOR, type DataStore } from '../../data';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { createUser } from '../auth';
import { centerConnectionOf, type CenterConnection } from './connection';
import { serverRefusal } from './join';
import { readCenterLink } from './link';

export const CENTER_ACCOUNTS_KEY = `${LOCAL_ONLY_META_PREFIX}center.accounts`;

const storedAccountsSchema = z.strictObject({
  institutionId: z.uuid(),
  readAt: z.iso.datetime({ offset: true }),
  accounts: z.array(accountViewSchema),
});

/** Roles whose session may list the institution's accounts (server/routes/accounts.ts). */
export const canListAccounts = (account: Pick<AccountView, 'role'> | null): boolean => account?.role === 'admin' || account?.role === 'director';

/** The accounts last listed for this workstation's institution; none before the first listing. */
export async function readCenterAccounts(data: DataStore): Promise<AccountView[]> {
  const link = await readCenterLink(data);
  if (!link) return [];
  try {
    const stored = await data.meta.get(CENTER_ACCOUNTS_KEY, storedAccountsSchema);
    return stored && stored.institutionId === link.institutionId ? stored.accounts : [];
  } catch {
    return [];
  }
}

async function call<S extends z.ZodType>(connection: CenterConnection, method: 'GET' | 'POST', path: string, answer: S, body?: unknown): Promise<z.output<S>> {
  const response = await connection.request({ method, path, ...(body === undefined ? {} : { body }) });
  if (response.status < 200 || response.status >= 300) throw serverRefusal(response.status, response.body);
  const parsed = answer.safeParse(response.body);
  if (!parsed.success) throw new StoreError('center.bad_answer', 'The center server’s answer could not be read.');
  return parsed.data;
}

/** Lists the institution's accounts through the signed-in session and keeps the list. */
export async function refreshCenterAccounts(data: DataStore, connection: CenterConnection, now = new Date()): Promise<AccountView[]> {
  const link = await readCenterLink(data);
  if (!link) throw new StoreError('center.not_joined', 'This workstation has not joined a center server.');
  const { accounts } = await call(connection, 'GET', `${API_PREFIX}/accounts`, accountListResponseSchema);
  const sorted = [...accounts].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
  await data.transact(SYSTEM_ACTOR, () => data.meta.put(CENTER_ACCOUNTS_KEY, storedAccountsSchema.parse({ institutionId: link.institutionId, readAt: now.toISOString(), accounts: sorted })));
  return sorted;
}

/**
 * Makes a server account a local account of this workstation: the same id (so the cases it
 * registers here are its cases on the server), username, names and role, with a local password.
 * Refused when a local account has that id or username already (nothing is merged).
 */
export function enableServerAccount(data: DataStore, actor: User, account: AccountView, password: string, now = new Date()): Promise<StoreResult<User>> {
  return asResult(async () => {
    if (!account.active) throw new StoreError('center.account_inactive_here', 'A deactivated server account cannot be used on this workstation.');
    if (await data.accounts.get(account.id)) throw new StoreError('center.account_here', 'This server account is a local account of this workstation already.', { name: account.displayName });
    const created = await createUser(data, actor, { id: account.id, username: account.username, displayName: account.displayName, role: account.role, password, ...(account.licenseNo ? { licenseNo: account.licenseNo } : {}) }, { now });
    if (!created.ok) throw created.error;
    return created.value;
  });
}

/**
 * The director's (or administrator's) hand-over on the server: every open case of `fromAccountId`
 * to `toAccountId`, in one step the server records (one audit event); then a sync brings the
 * cases' new mediator here. Answers how many cases went.
 */
export async function handOverCases(connection: CenterConnection, request: Pick<HandOverRequest, 'fromAccountId' | 'toAccountId'>): Promise<number> {
  const state = connection.getState();
  if (!canListAccounts(state.account)) throw new StoreError('auth.forbidden', 'Only a director or an administrator hands cases over.');
  const answer = await call(connection, 'POST', `${API_PREFIX}/cases/hand-over`, handOverResponseSchema, { ...request, assignments: [] });
  await connection.syncNow();
  return answer.handedOver.length;
}

export interface CenterAccounts {
  /** As last listed (possibly offline); empty before any listing or when not joined. */
  readonly accounts: readonly AccountView[];
  /** The signed-in session may list them and hand cases over (director, administrator). */
  readonly manager: boolean;
  readonly error: StoreError | null;
  refresh(): Promise<void>;
}

/** The server's accounts for screens: read from the kept list, listed again once per signed-in manager session. */
export function useCenterAccounts(): CenterAccounts {
  const { data, platform } = useServices();
  const connection = centerConnectionOf(data, platform.centerServer);
  const [accounts, setAccounts] = useState<readonly AccountView[]>([]);
  const [error, setError] = useState<StoreError | null>(null);
  const [manager, setManager] = useState(() => canListAccounts(connection.getState().account) && connection.getState().session);
  const refresh = useCallback(async () => {
    try {
      setAccounts(await refreshCenterAccounts(data, connection));
      setError(null);
    } catch (e) {
      setError(e instanceof StoreError ? e : new StoreError('center.link_unreachable', String(e)));
    }
  }, [data, connection]);
  useEffect(() => {
    let live = true;
    void readCenterAccounts(data).then((kept) => live && setAccounts(kept));
    const listed = new Set<string>();
    const onState = () => {
      const state = connection.getState();
      const may = state.session && canListAccounts(state.account) && (state.phase === 'connected' || state.phase === 'syncing');
      setManager(state.session && canListAccounts(state.account));
      // Listed once per session account (a rename or a new colleague shows at the next session or on refresh).
      if (may && state.account && !listed.has(state.account.id)) {
        listed.add(state.account.id);
        void refresh();
      }
    };
    onState();
    const stop = connection.subscribe(onState);
    return () => {
      live = false;
      stop();
    };
  }, [data, connection, refresh]);
  return { accounts, manager, error, refresh };
}
