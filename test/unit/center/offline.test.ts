// Offline sign-in (renderer/features/center/offline.ts): with what the server last verified, for
// the institution's grace period after that verification, and never with another password.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { forgetVerifier, makeVerifier, offlineSignIn, offlineUntil, storeVerifier } from '../../../renderer/features/center/offline';
import { freshDb } from '../db/helpers';
import { accountView } from './fake-link';

const VERIFIED = new Date('2026-12-01T08:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

async function verified(graceDays = 7) {
  const data = freshDb();
  // Few rounds: the test is about the rule, not the cost.
  await storeVerifier(data, await makeVerifier(accountView('Mediator1'), 'right-pass-2026', graceDays, VERIFIED, { N: 2 ** 14, r: 8, p: 1 }));
  return data;
}

describe('offline sign-in', () => {
  it('accepts the verified password within the grace period, whatever case the username is typed in', async () => {
    const data = await verified();
    await expect(offlineSignIn(data, 'mediator1', 'right-pass-2026', new Date(VERIFIED.getTime() + 6 * DAY))).resolves.toMatchObject({ username: 'Mediator1' });
    await expect(offlineSignIn(data, ' MEDIATOR1 ', 'right-pass-2026', new Date(VERIFIED.getTime() + 7 * DAY))).resolves.toMatchObject({ username: 'Mediator1' });
  });

  it('is refused once the grace period has passed, saying until when it ran', async () => {
    const data = await verified();
    const after = new Date(VERIFIED.getTime() + 7 * DAY + 1000);
    await expect(offlineSignIn(data, 'Mediator1', 'right-pass-2026', after)).rejects.toMatchObject({ code: 'center.offline_expired', params: { until: '2026-12-08T08:00:00.000Z' } });
    expect(offlineUntil({ verifiedAt: VERIFIED.toISOString(), graceDays: 7 }).toISOString()).toBe('2026-12-08T08:00:00.000Z');
  });

  it('is refused with the clock set back before the verification', async () => {
    const data = await verified();
    await expect(offlineSignIn(data, 'Mediator1', 'right-pass-2026', new Date(VERIFIED.getTime() - DAY))).rejects.toMatchObject({ code: 'center.offline_expired' });
  });

  it('refuses a verifier claiming a cost below the floor (made cheap to crack)', async () => {
    await expect(makeVerifier(accountView('Mediator1'), 'right-pass-2026', 7, VERIFIED, { N: 2 ** 10, r: 8, p: 1 }).then((v) => storeVerifier(freshDb(), v))).rejects.toThrow();
  });

  it('follows the institution’s period (0 days: never offline)', async () => {
    const data = await verified(0);
    await expect(offlineSignIn(data, 'Mediator1', 'right-pass-2026', new Date(VERIFIED.getTime() + 60_000))).rejects.toMatchObject({ code: 'center.offline_expired' });
  });

  it('refuses a wrong password as a wrong username would be, and an account never verified here', async () => {
    const data = await verified();
    await expect(offlineSignIn(data, 'Mediator1', 'wrong-pass-2026', VERIFIED)).rejects.toMatchObject({ code: 'auth.invalid' });
    await expect(offlineSignIn(data, 'someone', 'right-pass-2026', VERIFIED)).rejects.toMatchObject({ code: 'center.offline_never_verified' });
  });

  it('keeps no password, only a salted hash, and forgets an account the server deactivated', async () => {
    const data = await verified();
    const stored = await data.meta.startingWith('local.center.verified.', z.unknown());
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('right-pass-2026');
    expect(JSON.stringify(stored)).toContain('"scrypt"');
    // Local only: a backup of the workstation carries no verifier of the server's password.
    const backup = await data.bulk.snapshot();
    expect(JSON.stringify(backup.meta)).not.toContain('center.verified');
    await forgetVerifier(data, 'Mediator1');
    await expect(offlineSignIn(data, 'Mediator1', 'right-pass-2026', VERIFIED)).rejects.toMatchObject({ code: 'center.offline_never_verified' });
  });
});
