// The center session across a reload of the page (renderer/features/center/session-keeper.ts and
// connection.ts): a connection made afresh over the same store and the same tab storage (what a
// reload does) is signed in with the kept session and syncs with it; signing out ends it for the
// next one too; a kept token the server no longer accepts is dropped at its refusal; a session
// kept for another membership is not used.
import { describe, expect, it, vi } from 'vitest';
import { CenterConnection } from '../../../renderer/features/center/connection';
import { joinCenter } from '../../../renderer/features/center/join';
import { CENTER_SESSION_KEY, type SessionKeeper } from '../../../renderer/features/center/session-keeper';
import { creditCode, freshDb, setUp } from '../db/helpers';
import type { CenterPin, CenterRequest, CenterResponse, CenterWaitResult } from '../../../shared/protocol/center-link';
import { FakeCenter, PIN } from './fake-link';

const FAST = { retryMs: 20, nudgeWaitMs: 1000 };

/**
 * A server that gives each sign-in a token of its own (ended by signing out), and whose nudge waits
 * stay open until told, each with the token it was opened with.
 */
class HeldNudges extends FakeCenter {
  readonly waits: Array<{ token: string; answer: (result: CenterWaitResult) => void }> = [];
  private readonly live = new Set<string>();
  private issued = 0;
  override async request(pin: CenterPin, request: CenterRequest): Promise<CenterResponse> {
    if (request.path === '/api/v1/sign-in') {
      const answer = await super.request(pin, request);
      if (answer.status !== 200) return answer;
      const token = `S${(this.issued += 1)}`.padEnd(48, 'x');
      this.live.add(token);
      return { ...answer, body: { ...(answer.body as object), token } };
    }
    if (request.path === '/api/v1/sign-out' && request.token) this.live.delete(request.token);
    const token = request.token && this.live.has(request.token) ? 'T'.repeat(48) : request.token;
    return super.request(pin, { ...request, ...(token ? { token } : {}) });
  }
  override waitForNudge(_pin: CenterPin, wait: { after: number; token?: string }): Promise<CenterWaitResult> {
    return new Promise((answer) => this.waits.push({ token: wait.token ?? '', answer }));
  }
}

class TabStorage implements SessionKeeper {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

async function joined() {
  const data = freshDb();
  const admin = await setUp(data);
  const center = new FakeCenter(creditCode());
  center.addAccount('boss', 'server-pass-1');
  const result = await joinCenter(data, center, admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
  if (!result.ok) throw result.error;
  const tab = new TabStorage();
  return { data, center, tab, connect: () => new CenterConnection(data, center, FAST, tab), workstationId: result.value.link.workstationId };
}

describe('the center session across a reload', () => {
  it('is kept in the tab after signing in, taken up by the next connection, and ended by signing out', async () => {
    const ws = await joined();
    const before = ws.connect();
    await before.refresh();
    expect(before.getState()).toMatchObject({ phase: 'signed-out', session: false });
    await before.signIn('boss', 'server-pass-1');
    await vi.waitFor(() => expect(ws.tab.items.has(CENTER_SESSION_KEY)).toBe(true));
    await vi.waitFor(() => expect(before.getState().phase).toBe('connected'));
    const stored = ws.tab.items.get(CENTER_SESSION_KEY) ?? '';
    const kept = JSON.parse(stored) as { workstationId: string; token: string };
    expect(kept).toMatchObject({ workstationId: ws.workstationId, token: 'T'.repeat(48) });
    // The page goes away (its loop ended here by signing out, which the fake server does not
    // revoke); the tab keeps what it held.
    await before.signOut();
    expect(ws.tab.items.has(CENTER_SESSION_KEY)).toBe(false);
    ws.tab.setItem(CENTER_SESSION_KEY, stored);

    // The reload: a new connection over the same store and tab, without signing in.
    const requests = ws.center.requests.length;
    const reloaded = ws.connect();
    await reloaded.refresh();
    expect(reloaded.getState()).toMatchObject({ session: true, account: { username: 'boss' } });
    await vi.waitFor(() => expect(reloaded.getState().phase).toBe('connected'));
    await vi.waitFor(() => expect(ws.center.requests.slice(requests).some((r) => r.path.startsWith('/api/v1/sync/pull') && r.token === kept.token)).toBe(true));
    expect(ws.center.requests.slice(requests).some((r) => r.path === '/api/v1/sign-in')).toBe(false);

    await reloaded.signOut();
    expect(ws.tab.items.has(CENTER_SESSION_KEY)).toBe(false);
    const afterSignOut = ws.connect();
    await afterSignOut.refresh();
    expect(afterSignOut.getState()).toMatchObject({ phase: 'signed-out', session: false });
  });

  it('drops a kept token the server no longer accepts', async () => {
    const ws = await joined();
    const account = ws.center.accounts.get('boss')?.view;
    ws.tab.setItem(CENTER_SESSION_KEY, JSON.stringify({ workstationId: ws.workstationId, token: 'X'.repeat(48), account, localUser: null }));
    const connection = ws.connect();
    await connection.refresh();
    await vi.waitFor(() => expect(connection.getState()).toMatchObject({ phase: 'signed-out', session: false }));
    expect(connection.getState().problem?.code).toBe('server.unauthenticated');
    expect(ws.tab.items.has(CENTER_SESSION_KEY)).toBe(false);
  });

  it('does not use a session kept for another membership, nor one that does not read', async () => {
    const ws = await joined();
    const account = ws.center.accounts.get('boss')?.view;
    ws.tab.setItem(CENTER_SESSION_KEY, JSON.stringify({ workstationId: crypto.randomUUID(), token: 'T'.repeat(48), account, localUser: null }));
    const connection = ws.connect();
    await connection.refresh();
    expect(connection.getState()).toMatchObject({ phase: 'signed-out', session: false });
    expect(ws.tab.items.has(CENTER_SESSION_KEY)).toBe(false);
    ws.tab.setItem(CENTER_SESSION_KEY, '{not json');
    const other = ws.connect();
    await other.refresh();
    expect(other.getState()).toMatchObject({ phase: 'signed-out', session: false });
    expect(ws.center.requests.filter((r) => r.path.startsWith('/api/v1/sync/'))).toEqual([]);
  });

  it('is not ended by the nudge wait of a session signed out before, answered after signing in again', async () => {
    const data = freshDb();
    const admin = await setUp(data);
    const center = new HeldNudges(creditCode());
    center.addAccount('boss', 'server-pass-1');
    const result = await joinCenter(data, center, admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
    if (!result.ok) throw result.error;
    const tab = new TabStorage();
    const connection = new CenterConnection(data, center, FAST, tab);
    await connection.refresh();
    await connection.signIn('boss', 'server-pass-1');
    await vi.waitFor(() => expect(center.waits).toHaveLength(1));
    const old = center.waits[0]!;
    await connection.signOut();
    await connection.signIn('boss', 'server-pass-1');
    await vi.waitFor(() => expect(center.waits).toHaveLength(2));
    expect(center.waits[1]!.token).not.toBe(old.token);
    // The server answers the old session's socket (closed as its session ended) only now.
    old.answer({ nudged: false, refusedStatus: 401 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connection.getState()).toMatchObject({ session: true, phase: 'connected' });
    expect(JSON.parse(tab.items.get(CENTER_SESSION_KEY) ?? '{}')).toMatchObject({ token: center.waits[1]!.token });
    // The current session's own socket closed as its session ended does end it.
    center.waits[1]!.answer({ nudged: false, refusedStatus: 401 });
    await vi.waitFor(() => expect(connection.getState()).toMatchObject({ session: false, phase: 'signed-out' }));
    expect(tab.items.has(CENTER_SESSION_KEY)).toBe(false);
  });

  it('belongs to the local account it began under: another local account signing in does not take it over', async () => {
    const ws = await joined();
    const first = ws.connect();
    first.bindLocalUser('local-wang');
    await first.refresh();
    await first.signIn('boss', 'server-pass-1');
    await vi.waitFor(() => expect(JSON.parse(ws.tab.items.get(CENTER_SESSION_KEY) ?? '{}')).toMatchObject({ localUser: 'local-wang' }));
    const stored = ws.tab.items.get(CENTER_SESSION_KEY) ?? '';

    // Reloaded and the same person signs in again: kept.
    const same = ws.connect();
    await same.refresh();
    same.bindLocalUser('local-wang');
    expect(same.getState()).toMatchObject({ session: true });

    // Reloaded and someone else signs in: signed out, not inherited.
    const other = ws.connect();
    await other.refresh();
    expect(other.getState().session).toBe(true);
    other.bindLocalUser('local-li');
    await vi.waitFor(() => expect(other.getState()).toMatchObject({ session: false, phase: 'signed-out' }));
    expect(ws.tab.items.has(CENTER_SESSION_KEY)).toBe(false);

    // Someone else already signed in when the page finds the kept session: not taken up.
    ws.tab.setItem(CENTER_SESSION_KEY, stored);
    const late = ws.connect();
    late.bindLocalUser('local-li');
    await late.refresh();
    await vi.waitFor(() => expect(late.getState()).toMatchObject({ session: false }));

    // A local sign-out alone (no one signed in yet) ends nothing; a session begun before anyone signed in becomes theirs.
    await first.signOut();
    const fresh = ws.connect();
    await fresh.refresh();
    await fresh.signIn('boss', 'server-pass-1');
    fresh.bindLocalUser(null);
    expect(fresh.getState().session).toBe(true);
    fresh.bindLocalUser('local-li');
    expect(fresh.getState().session).toBe(true);
    await vi.waitFor(() => expect(JSON.parse(ws.tab.items.get(CENTER_SESSION_KEY) ?? '{}')).toMatchObject({ localUser: 'local-li' }));
    for (const c of [same, fresh]) await c.signOut();
  });
});
