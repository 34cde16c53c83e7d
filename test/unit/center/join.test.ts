// Joining a center server (renderer/features/center/join.ts): the server must answer that it holds
// this workstation's own institution; any refusal writes nothing.
import { describe, expect, it } from 'vitest';
import { joinCenter } from '../../../renderer/features/center/join';
import { leaveCenter, readCenterLink } from '../../../renderer/features/center/link';
import { offlineSignIn } from '../../../renderer/features/center/offline';
import { addUser, creditCode, freshDb, setUp } from '../db/helpers';
import { SYSTEM_ACTOR } from '../../../renderer/data';
import { FakeCenter, institutionView, PIN } from './fake-link';

const OWN = creditCode();
const OTHER = creditCode('91340200MA2N0AB12');

async function joined(center: FakeCenter, username = 'boss', password = 'server-pass-1') {
  const data = freshDb();
  const admin = await setUp(data);
  const result = await joinCenter(data, center, admin, { pin: PIN, username, password }, new Date('2026-12-07T08:00:00.000Z'));
  return { data, admin, result };
}

describe('joining a center server', () => {
  it('pins the certificate and records the institution the server confirmed, with an audit event', async () => {
    const center = new FakeCenter(OWN);
    center.addAccount('boss', 'server-pass-1');
    const { data, result } = await joined(center);
    expect(result.ok).toBe(true);
    const link = await readCenterLink(data);
    expect(link).toMatchObject({ address: PIN.address, fingerprint: PIN.fingerprint, creditCode: OWN, offlineGraceDays: 7, joinedAt: '2026-12-07T08:00:00.000Z' });
    const events = await data.events.all();
    expect(events.some((e) => e.entityId === 'center.link' && (e.after as { fingerprint256?: string }).fingerprint256 === PIN.fingerprint)).toBe(true);
    // What the server verified lets the administrator sign in offline later.
    await expect(offlineSignIn(data, 'boss', 'server-pass-1', new Date('2026-12-08T08:00:00.000Z'))).resolves.toMatchObject({ username: 'boss' });
  });

  it('is refused with both institutions named when the server answers for another credit code, and writes nothing', async () => {
    const center = new FakeCenter(OWN);
    center.addAccount('boss', 'server-pass-1');
    // A server that signs in under the code asked but describes another institution.
    const signIn = center.request.bind(center);
    center.request = async (pin, request) => {
      const answer = await signIn(pin, request);
      if (request.path !== '/api/v1/sign-in' || answer.status !== 200) return answer;
      return { ...answer, body: { ...(answer.body as object), institution: institutionView(OTHER, { name: '另一个调解委员会' }) } };
    };
    const { data, result } = await joined(center);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('center.institution_mismatch');
    expect(result.error.params).toMatchObject({ ownCode: OWN, theirsCode: OTHER, theirs: '另一个调解委员会' });
    expect(await readCenterLink(data)).toBeNull();
    await expect(offlineSignIn(data, 'boss', 'server-pass-1')).rejects.toMatchObject({ code: 'center.offline_never_verified' });
  });

  it('says which institution it asked for when the server holds no such administrator (another institution’s server)', async () => {
    const center = new FakeCenter(OTHER);
    center.addAccount('boss', 'server-pass-1');
    const { data, result } = await joined(center);
    expect(result.ok ? null : result.error).toMatchObject({ code: 'center.join_sign_in_failed', params: { ownCode: OWN } });
    expect(await readCenterLink(data)).toBeNull();
  });

  it('is refused for a server account that is not an administrator, for another kind, and for a local user who is not one', async () => {
    const center = new FakeCenter(OWN);
    center.addAccount('clerk', 'server-pass-1', { role: 'mediator' });
    expect((await joined(center, 'clerk')).result).toMatchObject({ ok: false, error: { code: 'center.join_needs_admin' } });

    const court = new FakeCenter(OWN);
    court.institution = institutionView(OWN, { kind: 'court' });
    court.addAccount('boss', 'server-pass-1');
    expect((await joined(court)).result).toMatchObject({ ok: false, error: { code: 'center.kind_mismatch' } });

    const data = freshDb();
    const admin = await setUp(data);
    const mediator = await addUser(data, admin, 'med', 'mediator');
    const center2 = new FakeCenter(OWN);
    center2.addAccount('boss', 'server-pass-1');
    expect(await joinCenter(data, center2, mediator, { pin: PIN, username: 'boss', password: 'server-pass-1' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(center2.requests).toHaveLength(0);
  });

  it('is refused when joined already (leave first), keeping the first membership', async () => {
    const center = new FakeCenter(OWN);
    center.addAccount('boss', 'server-pass-1');
    const { data, admin } = await joined(center);
    const again = await joinCenter(data, center, admin, { pin: { ...PIN, address: 'https://other.example' }, username: 'boss', password: 'server-pass-1' });
    expect(again).toMatchObject({ ok: false, error: { code: 'center.already_joined' } });
    expect((await readCenterLink(data))?.address).toBe(PIN.address);
  });

  it('is not stuck on a membership record that no longer reads: joining replaces it, leaving removes it', async () => {
    const center = new FakeCenter(OWN);
    center.addAccount('boss', 'server-pass-1');
    const { data, admin } = await joined(center);
    await data.transact(SYSTEM_ACTOR, () => data.meta.put('center.link', { damaged: true }));
    expect(await readCenterLink(data)).toBeNull();
    expect(await leaveCenter(data, admin)).toEqual({ ok: true, value: null });
    await data.transact(SYSTEM_ACTOR, () => data.meta.put('center.link', { damaged: true }));
    expect(await joinCenter(data, center, admin, { pin: PIN, username: 'boss', password: 'server-pass-1' })).toMatchObject({ ok: true });
    expect((await readCenterLink(data))?.address).toBe(PIN.address);
  });

  it('is left by an administrator only, with an audit event, keeping the local data', async () => {
    const center = new FakeCenter(OWN);
    center.addAccount('boss', 'server-pass-1');
    const { data, admin } = await joined(center);
    const mediator = await addUser(data, admin, 'med2', 'mediator');
    expect(await leaveCenter(data, mediator)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await readCenterLink(data)).not.toBeNull();
    expect(await leaveCenter(data, admin)).toEqual({ ok: true, value: null });
    expect(await readCenterLink(data)).toBeNull();
    const events = (await data.events.all()).filter((e) => e.entityId === 'center.link');
    expect(events.map((e) => e.after)).toEqual([expect.objectContaining({ centerServer: PIN.address }), { centerServer: null }]);
    expect(await data.institution.get()).toBeDefined();
  });
});
