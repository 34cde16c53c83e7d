// Accounts of an institution on the server: read, created, changed and their passwords reset,
// always inside a request's transaction (so under its institution's row-level security). The
// rules of a valid account are the workstation's (shared/server/accounts.ts); who may call these
// is the routes' to check (shared/domain/permissions.ts canManageUsers).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { InstitutionKind } from '../shared/domain/institution-kinds';
import { roleSchema, type Role } from '../shared/domain/roles';
import type { AccountView } from '../shared/server/api';
import { checkAccountFields, passwordProblems, type AccountFields } from '../shared/server/accounts';
import { invalid, notFound, refuse } from './refusal';
import type { Db } from './db/tenant';
import type { StoredPassword } from './auth/passwords';

export const accountRowSchema = z.object({
  id: z.string(),
  institution_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: roleSchema,
  license_no: z.string().nullable(),
  active: z.boolean(),
  password: z.unknown(),
  failed_sign_ins: z.number(),
  locked_until: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  version: z.number(),
});
export type AccountRow = z.infer<typeof accountRowSchema>;

export function accountView(row: AccountRow, now: Date): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    licenseNo: row.license_no,
    active: row.active,
    lockedUntil: row.locked_until && row.locked_until > now ? row.locked_until.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function readAccount(db: Db, id: string): Promise<AccountRow | null> {
  const result = await db.query('SELECT * FROM mw.accounts WHERE id = $1', [id]);
  return result.rows[0] ? accountRowSchema.parse(result.rows[0]) : null;
}

export async function readAccountByUsername(db: Db, username: string): Promise<AccountRow | null> {
  const result = await db.query('SELECT * FROM mw.accounts WHERE username = $1', [username]);
  return result.rows[0] ? accountRowSchema.parse(result.rows[0]) : null;
}

export async function listAccounts(db: Db): Promise<AccountRow[]> {
  const result = await db.query('SELECT * FROM mw.accounts ORDER BY username');
  return result.rows.map((row) => accountRowSchema.parse(row));
}

/** Checks the fields of a new account; the password is checked by the caller before hashing. */
export function checkNewAccount(input: { username: string; displayName: string; role: Role; licenseNo?: string | undefined; password: string }, kind: InstitutionKind): Required<Pick<AccountFields, 'username' | 'displayName' | 'role'>> & { licenseNo: string | null } {
  const checked = checkAccountFields({ username: input.username, displayName: input.displayName, role: input.role, licenseNo: input.licenseNo ?? null }, kind);
  const problems = [...(checked.ok ? [] : checked.problems), ...passwordProblems(input.password)];
  if (!checked.ok || problems.length) throw invalid(problems);
  const { username, displayName, role, licenseNo } = checked.value;
  return { username: username as string, displayName: displayName as string, role: role as Role, licenseNo: licenseNo ?? null };
}

export async function insertAccount(
  db: Db,
  fields: { institutionId: string; username: string; displayName: string; role: Role; licenseNo: string | null; password: StoredPassword },
  now: Date,
): Promise<AccountRow> {
  const taken = await readAccountByUsername(db, fields.username);
  if (taken) throw invalid([{ key: 'server.field_invalid', params: { field: 'username', code: 'user.username_taken' } }]);
  const result = await db.query(
    `INSERT INTO mw.accounts (id, institution_id, username, display_name, role, license_no, password, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
    [randomUUID(), fields.institutionId, fields.username, fields.displayName, fields.role, fields.licenseNo, JSON.stringify(fields.password), now],
  );
  return accountRowSchema.parse(result.rows[0]);
}

export interface AccountChange {
  baseVersion: number;
  displayName?: string | undefined;
  role?: Role | undefined;
  licenseNo?: string | null | undefined;
  active?: boolean | undefined;
}

/** Changes an account at the version the administrator saw; deactivating ends its sessions (trigger). */
export async function updateAccount(db: Db, id: string, change: AccountChange, kind: InstitutionKind, now: Date): Promise<{ before: AccountRow; after: AccountRow }> {
  const before = await readAccount(db, id);
  if (!before) throw notFound();
  if (before.version !== change.baseVersion) throw refuse(409, 'server.conflict', { version: before.version });
  const checked = checkAccountFields({ displayName: change.displayName, role: change.role, licenseNo: change.licenseNo }, kind);
  if (!checked.ok) throw invalid(checked.problems);
  const v = checked.value;
  const losesAdmin = before.role === 'admin' && before.active && ((v.role !== undefined && v.role !== 'admin') || change.active === false);
  if (losesAdmin) {
    // Locked, so two administrators demoting each other at once cannot leave none.
    const admins = await db.query("SELECT id FROM mw.accounts WHERE role = 'admin' AND active FOR UPDATE");
    if (admins.rows.length <= 1) throw invalid([{ key: 'server.field_invalid', params: { field: change.active === false ? 'active' : 'role', code: 'user.last_admin' } }]);
  }
  const result = await db.query(
    `UPDATE mw.accounts SET display_name = coalesce($2, display_name), role = coalesce($3, role),
            license_no = CASE WHEN $4::boolean THEN $5 ELSE license_no END, active = coalesce($6, active),
            updated_at = $7, version = version + 1
      WHERE id = $1 AND version = $8 RETURNING *`,
    [id, v.displayName ?? null, v.role ?? null, v.licenseNo !== undefined, v.licenseNo ?? null, change.active ?? null, now, change.baseVersion],
  );
  if (!result.rows[0]) throw refuse(409, 'server.conflict', { version: before.version + 1 });
  return { before, after: accountRowSchema.parse(result.rows[0]) };
}

/** A new password set by an administrator: it also clears a lock (the sessions are ended by the caller). */
export async function setPassword(db: Db, id: string, password: StoredPassword, now: Date): Promise<AccountRow> {
  const result = await db.query(
    'UPDATE mw.accounts SET password = $2, failed_sign_ins = 0, locked_until = NULL, updated_at = $3, version = version + 1 WHERE id = $1 RETURNING *',
    [id, JSON.stringify(password), now],
  );
  if (!result.rows[0]) throw notFound();
  return accountRowSchema.parse(result.rows[0]);
}

/** The account as the audit log keeps it: its view without the lock of the moment, never the password or its hash. */
export function audited(row: AccountRow): Omit<AccountView, 'lockedUntil'> {
  const { lockedUntil: _lockedUntil, ...kept } = accountView(row, row.updated_at);
  return kept;
}
