// Sessions: a random bearer token per sign-in, stored only as its SHA-256, ending SESSION_LIMITS
// after sign-in or after a spell unused (shared/server/policy.ts), and revocable: signing out,
// an administrator's revocation, a password reset and a deactivated account (a trigger in the
// database) end them. The token names its institution ("mw1.<institution>.<secret>") so that the
// lookup itself runs under that institution's row-level security; the secret part (32 random
// bytes) is what authenticates.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { roleSchema, type Role } from '../../shared/domain/roles';
import { SESSION_LIMITS } from '../../shared/server/policy';
import { refuse } from '../refusal';
import type { Db } from '../db/tenant';

const TOKEN = /^mw1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export type EndReason = 'signed_out' | 'revoked' | 'deactivated' | 'password_reset';

export interface Session {
  readonly id: string;
  readonly institutionId: string;
  readonly accountId: string;
  readonly role: Role;
  readonly expiresAt: Date;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The institution a well-formed token names, or null (then the request is unauthenticated). */
export function tokenInstitution(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([!-~]{1,300})$/.exec(authorization ?? '');
  return match ? (match[1] as string) : null;
}

/** A new session for an account that has just proved its password (inside the sign-in's transaction). */
export async function openSession(db: Db, account: { id: string; institutionId: string }, address: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = `mw1.${account.institutionId}.${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + SESSION_LIMITS.absoluteHours * 3600_000);
  await db.query('INSERT INTO mw.auth_sessions (id, institution_id, account_id, token_hash, created_at, last_seen_at, expires_at, address) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)', [
    randomUUID(),
    account.institutionId,
    account.id,
    hashToken(token),
    now,
    expiresAt,
    address.slice(0, 100),
  ]);
  return { token, expiresAt };
}

const sessionRowSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  role: roleSchema,
  active: z.boolean(),
  expires_at: z.date(),
  last_seen_at: z.date(),
  revoked_reason: z.string().nullable(),
});

/**
 * The session of a token, read under the institution the token names (the caller has set it);
 * a refusal (401) says why a known session has ended. Touches last_seen_at at most once a minute.
 */
export async function resolveSession(db: Db, token: string, institutionId: string, now: Date): Promise<Session> {
  const result = await db.query(
    `SELECT s.id, s.account_id, a.role, a.active, s.expires_at, s.last_seen_at, s.revoked_reason
       FROM mw.auth_sessions s JOIN mw.accounts a ON a.institution_id = s.institution_id AND a.id = s.account_id
      WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  if (result.rows.length === 0) throw refuse(401, 'server.unauthenticated');
  const row = sessionRowSchema.parse(result.rows[0]);
  if (row.revoked_reason !== null) throw refuse(401, 'server.session_ended', { reason: row.revoked_reason });
  if (!row.active) throw refuse(401, 'server.session_ended', { reason: 'deactivated' });
  if (now >= row.expires_at) throw refuse(401, 'server.session_ended', { reason: 'expired' });
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_LIMITS.idleMinutes * 60_000) throw refuse(401, 'server.session_ended', { reason: 'idle' });
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) await db.query('UPDATE mw.auth_sessions SET last_seen_at = $2 WHERE id = $1', [row.id, now]);
  return { id: row.id, institutionId, accountId: row.account_id, role: row.role, expiresAt: row.expires_at };
}

/** Ends sessions: one by its id, or every open one of an account. Answers how many ended. */
export async function endSessions(db: Db, which: { sessionId: string } | { accountId: string }, reason: EndReason, now: Date): Promise<number> {
  const [column, id] = 'sessionId' in which ? ['id', which.sessionId] : ['account_id', which.accountId];
  const result = await db.query(`UPDATE mw.auth_sessions SET revoked_at = $2, revoked_reason = $3 WHERE ${column} = $1 AND revoked_at IS NULL`, [id, now, reason]);
  return result.rowCount ?? 0;
}
