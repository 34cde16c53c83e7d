// The center server's accounts on a workstation (renderer/features/center/accounts.ts): listed
// through a director's session and kept for offline use, a server account enabled as a local
// account of the same id in an explicit step, and the director's hand-over sent to the server.
import { describe, expect, it, vi } from 'vitest';
import type { CenterPin, CenterRequest, CenterResponse } from '../../../shared/protocol/center-link';
import { authenticate } from '../../../renderer/features/auth';
import { enableServerAccount, handOverCases, readCenterAccounts, refreshCenterAccounts } from '../../../renderer/features/center/accounts';
import { CenterConnection } from '../../../renderer/features/center/connection';
import { joinCenter } from '../../../renderer/features/center/join';
import { creditCode, freshDb, setUp } from '../db/helpers';
import { accountView, FakeCenter, PIN } from './fake-link';

const FAST = { retryMs: 20, nudgeWaitMs: 1000 };
const JIA = accountView('jia', { id: '0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a41', displayName: '调解员甲', role: 'mediator' });
const YI = accountView('yi', { id: '0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a42', displayName: '调解员乙', role: 'mediator' });
const GONE = accountView('gone', { id: '0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a43', displayName: '已离职', role: 'mediator', active: false });

/** The fake server, answering the accounts list and the hand-over as server/routes do for a director. */
class AccountsCenter extends FakeCenter {
  readonly handOvers: unknown[] = [];
  override async request(pin: CenterPin, request: CenterRequest): Promise<CenterResponse> {
    const session = [...this.accounts.values()].find((a) => a.view.id === this.signedInAs)?.view;
    if (request.path === '/api/v1/accounts' && request.token) {
      if (session?.role !== 'director' && session?.role !== 'admin') return { status: 403, body: { problem: { key: 'server.forbidden', params: { action: 'accounts.list' } } } };
      return { status: 200, body: { accounts: [YI, GONE, JIA, session] } };
    }
    if (request.path === '/api/v1/cases/hand-over' && request.token) {
      this.handOvers.push(request.body);
      const body = request.body as { fromAccountId: string; toAccountId: string };
      if (body.toAccountId === GONE.id) return { status: 422, body: { problem: { key: 'server.invalid', params: { count: 1 }, items: [{ key: 'server.field_invalid', params: { field: 'toAccountId', code: 'user.not_a_mediator' } }] } } };
      return { status: 200, body: { handedOver: [{ caseId: 'C-1', toAccountId: body.toAccountId }, { caseId: 'C-2', toAccountId: body.toAccountId }], eventId: 7 } };
    }
    if (request.path === '/api/v1/sign-in') this.signedInAs = this.accounts.get((request.body as { username: string }).username)?.view.id ?? null;
    return super.request(pin, request);
  }
  signedInAs: string | null = null;
}

async function workstation(role: 'director' | 'mediator') {
  const data = freshDb();
  const admin = await setUp(data);
  const center = new AccountsCenter(creditCode());
  center.addAccount('boss', 'server-pass-1');
  center.addAccount('zhao', 'server-pass-2', { id: '0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a40', displayName: '赵主任', role });
  const connection = new CenterConnection(data, center, FAST);
  const joined = await joinCenter(data, center, admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
  if (!joined.ok) throw joined.error;
  await connection.refresh();
  await connection.signIn('zhao', 'server-pass-2');
  await vi.waitFor(() => expect(connection.getState().phase).toBe('connected'));
  return { data, admin, center, connection };
}

describe('the center server’s accounts on a workstation', () => {
  it('lists them through a director’s session, sorted, and keeps them for reading offline', async () => {
    const ws = await workstation('director');
    expect(await readCenterAccounts(ws.data)).toEqual([]);
    const listed = await refreshCenterAccounts(ws.data, ws.connection);
    expect(listed.map((a) => a.displayName)).toEqual(['调解员甲', '调解员乙', '已离职', '赵主任']);
    ws.center.down = true;
    expect((await readCenterAccounts(ws.data)).map((a) => a.id)).toEqual(listed.map((a) => a.id));
    await ws.connection.signOut();
  });

  it('refuses the list to a mediator’s session with the server’s reason', async () => {
    const ws = await workstation('mediator');
    await expect(refreshCenterAccounts(ws.data, ws.connection)).rejects.toMatchObject({ code: 'server.forbidden' });
    expect(await readCenterAccounts(ws.data)).toEqual([]);
    await ws.connection.signOut();
  });

  it('enables a server account as a local account of the same id, once, with its own local password', async () => {
    const ws = await workstation('director');
    const enabled = await enableServerAccount(ws.data, ws.admin, JIA, 'Local12345');
    expect(enabled.ok && enabled.value).toMatchObject({ id: JIA.id, username: 'jia', displayName: '调解员甲', role: 'mediator', active: true });
    const signedIn = await authenticate(ws.data, 'jia', 'Local12345');
    expect(signedIn.ok && signedIn.value.id).toBe(JIA.id);
    const again = await enableServerAccount(ws.data, ws.admin, JIA, 'Local12345');
    expect(!again.ok && again.error.code).toBe('center.account_here');
    const inactive = await enableServerAccount(ws.data, ws.admin, GONE, 'Local12345');
    expect(!inactive.ok && inactive.error.code).toBe('center.account_inactive_here');
    const weak = await enableServerAccount(ws.data, ws.admin, YI, 'short');
    expect(!weak.ok && weak.error.code).toBe('form.invalid');
    expect(await ws.data.accounts.get(YI.id)).toBeUndefined();
    // Only a local administrator enables accounts.
    const byMediator = await enableServerAccount(ws.data, { ...ws.admin, role: 'mediator' }, YI, 'Local12345');
    expect(byMediator.ok).toBe(false);
    await ws.connection.signOut();
  });

  it('hands a mediator’s open cases over through a director’s session, and says the server’s refusal', async () => {
    const ws = await workstation('director');
    await expect(handOverCases(ws.connection, { fromAccountId: JIA.id, toAccountId: YI.id })).resolves.toBe(2);
    expect(ws.center.handOvers).toEqual([{ fromAccountId: JIA.id, toAccountId: YI.id, assignments: [] }]);
    await expect(handOverCases(ws.connection, { fromAccountId: JIA.id, toAccountId: GONE.id })).rejects.toMatchObject({ code: 'server.invalid', items: [{ key: 'server.field_invalid' }] });
    await ws.connection.signOut();
  });

  it('offers no hand-over to a mediator’s session', async () => {
    const ws = await workstation('mediator');
    await expect(handOverCases(ws.connection, { fromAccountId: JIA.id, toAccountId: YI.id })).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(ws.center.handOvers).toEqual([]);
    await ws.connection.signOut();
  });
});
