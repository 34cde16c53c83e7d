// Sign-in: the institution's credit code, a username and a password give a session. Attempts are
// limited per account name and per address before anything is checked (server/auth/limits.ts);
// SIGN_IN_LIMITS.failuresBeforeLock failed passwords in a row lock the account for lockMinutes,
// kept in the database so every server process sees it. An unknown institution or name is
// answered like a wrong password, after the same work (a decoy hash is verified).
import type { SignInRequest, SignInResponse } from '../../shared/server/api';
import { validateCreditCode } from '../../shared/domain/identifiers';
import { normalizeUsername } from '../../shared/server/accounts';
import { SIGN_IN_LIMITS } from '../../shared/server/policy';
import { accountRowSchema, accountView, readAccountByUsername, type AccountRow } from '../accounts';
import { inTenant } from '../db/tenant';
import type { ServerDeps } from '../deps';
import { readInstitution, recordEvent } from '../records';
import { invalid, refuse } from '../refusal';
import { hashPassword, verifyPassword, type StoredPassword } from './passwords';
import { openSession } from './sessions';

const decoys = new WeakMap<ServerDeps, Promise<StoredPassword>>();

function decoyFor(deps: ServerDeps): Promise<StoredPassword> {
  let decoy = decoys.get(deps);
  if (!decoy) {
    decoy = hashPassword('decoy password 1', deps.passwordParams);
    decoys.set(deps, decoy);
  }
  return decoy;
}

/** The institution of a credit code (a SECURITY DEFINER function that answers its id and kind only). */
export async function institutionByCreditCode(deps: ServerDeps, creditCode: string): Promise<{ id: string; kind: string } | null> {
  const result = await deps.pool.query<{ id: string; kind: string }>('SELECT id, kind FROM mw.institution_by_credit_code($1)', [creditCode]);
  return result.rows[0] ?? null;
}

function checkLimits(deps: ServerDeps, accountKey: string, address: string): void {
  const wait = Math.max(deps.limiters.perAddress.take(address), deps.limiters.perAccount.take(accountKey));
  if (wait > 0) throw refuse(429, 'server.rate_limited', { retryAfterSeconds: wait });
}

/** Counts a failed password; answers the lock's end when this failure locked the account. */
async function recordFailure(deps: ServerDeps, account: AccountRow, now: Date): Promise<Date | null> {
  return inTenant(deps.pool, { institutionId: account.institution_id, accountId: null, role: '' }, async (db) => {
    // One statement, so concurrent failures all count. A lock that has run out starts the count afresh.
    const result = await db.query(
      `UPDATE mw.accounts SET
         failed_sign_ins = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_sign_ins + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_sign_ins + 1 END) >= $3 THEN $2 + make_interval(mins => $4)
           WHEN locked_until <= $2 THEN NULL
           ELSE locked_until END
       WHERE id = $1 RETURNING *`,
      [account.id, now, SIGN_IN_LIMITS.failuresBeforeLock, SIGN_IN_LIMITS.lockMinutes],
    );
    const row = accountRowSchema.parse(result.rows[0]);
    return row.locked_until && row.locked_until > now ? row.locked_until : null;
  });
}

export async function signIn(deps: ServerDeps, request: SignInRequest, address: string, now: Date): Promise<SignInResponse> {
  const code = validateCreditCode(request.institution);
  if (!code.ok) throw invalid([{ key: 'server.field_invalid', params: { field: 'institution', code: code.code, ...code.params } }]);
  const username = normalizeUsername(request.username);
  checkLimits(deps, `${code.normalized}/${username}`, address);

  const institution = await institutionByCreditCode(deps, code.normalized);
  const account = institution ? await inTenant(deps.pool, { institutionId: institution.id, accountId: null, role: '' }, (db) => readAccountByUsername(db, username)) : null;
  if (account?.locked_until && account.locked_until > now) throw refuse(423, 'server.account_locked', { until: account.locked_until.toISOString() });

  const ok = await verifyPassword(request.password, account ? account.password : await decoyFor(deps));
  if (!account || !ok) {
    const lockedUntil = account ? await recordFailure(deps, account, now) : null;
    if (lockedUntil) throw refuse(423, 'server.account_locked', { until: lockedUntil.toISOString() });
    throw refuse(401, 'server.sign_in_failed');
  }
  if (!account.active) throw refuse(403, 'server.account_inactive');

  return inTenant(deps.pool, { institutionId: account.institution_id, accountId: account.id, role: account.role }, async (db) => {
    const fresh = await db.query('UPDATE mw.accounts SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1 RETURNING *', [account.id]);
    const row = accountRowSchema.parse(fresh.rows[0]);
    const session = await openSession(db, { id: row.id, institutionId: row.institution_id }, address, now);
    await recordEvent(db, row.institution_id, { accountId: row.id, entity: 'user', entityId: row.id, action: 'session.sign_in', after: { address } }, now);
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), account: accountView(row, now), institution: await readInstitution(db) };
  });
}
