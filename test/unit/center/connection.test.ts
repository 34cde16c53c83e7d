// The connection (renderer/features/center/connection.ts) through its phases against a fake link:
// local → signed out once joined → connected (local changes pushed, the server's pulled) → offline
// with the changes waiting counted → connected again with them pushed; offline sign-in when the
// server cannot be reached; signed out when the server ends the session.
import { describe, expect, it, vi } from 'vitest';
import { registerCase } from '../../../renderer/features/case-store';
import { CenterConnection } from '../../../renderer/features/center/connection';
import { joinCenter } from '../../../renderer/features/center/join';
import { readCenterLink } from '../../../renderer/features/center/link';
import { creditCode, freshDb, neighbourIntake, setUp } from '../db/helpers';
import { FakeCenter, PIN } from './fake-link';

const FAST = { retryMs: 20, nudgeWaitMs: 1000 };

async function workstation() {
  const data = freshDb();
  const admin = await setUp(data);
  const center = new FakeCenter(creditCode());
  center.addAccount('boss', 'server-pass-1');
  const connection = new CenterConnection(data, center, FAST);
  return { data, admin, center, connection };
}

/** Signed in, and the first sync (the workstation's settings go up) done. */
async function connected(ws: Awaited<ReturnType<typeof workstation>>): Promise<void> {
  await joinCenter(ws.data, ws.center, ws.admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
  await ws.connection.signIn('boss', 'server-pass-1');
  await vi.waitFor(() => expect(ws.center.records.has('settings/settings')).toBe(true));
  await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'connected', waiting: 0 }));
}

async function register(setup: Awaited<ReturnType<typeof workstation>>, applicant: string): Promise<string> {
  const result = await registerCase(setup.data, setup.admin, neighbourIntake(applicant), { today: '2026-12-07' });
  if (!result.ok) throw result.error;
  return result.value.case.id;
}

describe('the center connection', () => {
  it('is local before joining, signed out once joined, connected after signing in through the server', async () => {
    const ws = await workstation();
    await ws.connection.refresh();
    expect(ws.connection.getState()).toMatchObject({ phase: 'local', link: null, waiting: 0, session: false });
    // A case registered before joining waits for the first upload.
    await register(ws, '张三');
    const joined = await joinCenter(ws.data, ws.center, ws.admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
    expect(joined.ok).toBe(true);
    await ws.connection.refresh();
    expect(ws.connection.getState().phase).toBe('signed-out');
    expect(ws.connection.getState().waiting).toBeGreaterThan(0);

    await expect(ws.connection.signIn('boss', 'server-pass-1')).resolves.toMatchObject({ mode: 'online' });
    await vi.waitFor(() => expect([...ws.center.records.keys()].filter((k) => k.startsWith('cases/'))).toHaveLength(1));
    await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'connected', waiting: 0, session: true }));
    await ws.connection.signOut();
    expect(ws.connection.getState()).toMatchObject({ phase: 'signed-out', session: false });
  });

  it('goes offline with the changes waiting counted, and pushes them when the server is back', async () => {
    const ws = await workstation();
    await connected(ws);

    ws.center.down = true;
    const first = await register(ws, '王五');
    const second = await register(ws, '赵六');
    await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'offline', waiting: 2, session: true, problem: { code: 'center.link_unreachable' } }), { timeout: 5000 });
    expect(ws.center.records.has(`cases/${first}`)).toBe(false);

    ws.center.down = false;
    await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'connected', waiting: 0, problem: null }));
    expect(ws.center.records.has(`cases/${first}`) && ws.center.records.has(`cases/${second}`)).toBe(true);
    await ws.connection.signOut();
  });

  it('applies what another workstation pushed once the server nudges', async () => {
    const ws = await workstation();
    await connected(ws);
    const settings = await ws.data.settings.get();
    if (!settings) throw new Error('no settings');
    ws.center.writeElsewhere('settings', 'settings', { ...settings, version: settings.version + 1 });
    await vi.waitFor(async () => expect((await ws.data.settings.get())?.version).toBe(settings.version + 1));
    // Pulled records are the server's: nothing waits to be pushed back.
    expect(ws.connection.getState().waiting).toBe(0);
    await ws.connection.signOut();
  });

  it('keeps counting what waits while signed out and while signed in offline', async () => {
    const ws = await workstation();
    await connected(ws);
    await ws.connection.signOut();
    await register(ws, '李四');
    await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'signed-out', waiting: 1 }));
    ws.center.down = true;
    await expect(ws.connection.signIn('boss', 'server-pass-1')).resolves.toMatchObject({ mode: 'offline' });
    await register(ws, '王五');
    await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'offline', waiting: 2 }));
  });

  it('signs in offline with what the server last verified when it cannot be reached, and is refused without a verification', async () => {
    const ws = await workstation();
    await joinCenter(ws.data, ws.center, ws.admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
    ws.center.down = true;
    await expect(ws.connection.signIn('boss', 'server-pass-1')).resolves.toMatchObject({ mode: 'offline', account: { username: 'boss' } });
    expect(ws.connection.getState()).toMatchObject({ phase: 'offline', session: false, account: { username: 'boss' } });
    await expect(ws.connection.signIn('boss', 'another-pass-1')).rejects.toMatchObject({ code: 'auth.invalid' });
    await expect(ws.connection.signIn('nobody', 'server-pass-1')).rejects.toMatchObject({ code: 'center.offline_never_verified' });
  });

  it('forgets an account the server says is deactivated, so it cannot sign in offline either', async () => {
    const ws = await workstation();
    await joinCenter(ws.data, ws.center, ws.admin, { pin: PIN, username: 'boss', password: 'server-pass-1' });
    ws.center.addAccount('boss', 'server-pass-1', { active: false });
    await expect(ws.connection.signIn('boss', 'server-pass-1')).rejects.toMatchObject({ code: 'server.account_inactive' });
    ws.center.down = true;
    await expect(ws.connection.signIn('boss', 'server-pass-1')).rejects.toMatchObject({ code: 'center.offline_never_verified' });
  });

  it('is signed out when the server ends the session, keeping the membership', async () => {
    const ws = await workstation();
    await connected(ws);
    const request = ws.center.request.bind(ws.center);
    ws.center.request = async (pin, req) => (req.path.startsWith('/api/v1/sync/') ? { status: 401, body: { problem: { key: 'server.session_ended', params: { reason: 'revoked' } } } } : request(pin, req));
    await register(ws, '孙七');
    await vi.waitFor(() => expect(ws.connection.getState()).toMatchObject({ phase: 'signed-out', session: false, problem: { code: 'server.session_ended' } }));
    expect(await readCenterLink(ws.data)).not.toBeNull();
    expect(ws.connection.getState().waiting).toBeGreaterThan(0);
  });
});
