// Account administration by an institution's administrator (canManageUsers): list, create, change
// (role, names, deactivate), reset a password, end an account's sessions. Every change is audited
// in its transaction. Another institution's account ids find nothing (row-level security): 404.
import {
  accountListResponseSchema,
  accountViewSchema,
  createAccountRequestSchema,
  resetPasswordRequestSchema,
  revokedResponseSchema,
  updateAccountRequestSchema,
  uuidSchema,
} from '../../shared/server/api';
import { canManageUsers, canSeeInstitutionFigures } from '../../shared/domain/permissions';
import { passwordProblems } from '../../shared/server/accounts';
import { accountView, audited, checkNewAccount, insertAccount, listAccounts, readAccount, setPassword, updateAccount } from '../accounts';
import { hashPassword } from '../auth/passwords';
import { endSessions, type Session } from '../auth/sessions';
import { readInstitution, recordEvent } from '../records';
import { forbidden, invalid, notFound } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';

function requireManager(session: Session, action: string): void {
  if (!canManageUsers(session)) throw forbidden(action);
}

function accountId(params: Readonly<Record<string, string>>): string {
  const id = uuidSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  return id.data;
}

export const accountRoutes: readonly RouteDef[] = [
  sessionRoute('GET', '/accounts', { body: null, answer: accountListResponseSchema }, async ({ db, session, now }) => {
    // The director assigns cases, so reads the list too; changing it is the administrator's.
    if (!canManageUsers(session) && !canSeeInstitutionFigures(session)) throw forbidden('accounts.list');
    return { body: { accounts: (await listAccounts(db)).map((row) => accountView(row, now)) } };
  }),

  sessionRoute('POST', '/accounts', { body: createAccountRequestSchema, answer: accountViewSchema }, async ({ db, session, body, now, deps }) => {
    requireManager(session, 'accounts.create');
    const institution = await readInstitution(db);
    const fields = checkNewAccount(body, institution.kind);
    // Hashing takes a fraction of a second of CPU inside the transaction: an administrator's rare act.
    const password = await hashPassword(body.password, deps.passwordParams);
    const row = await insertAccount(db, { institutionId: session.institutionId, ...fields, password }, now);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'user', entityId: row.id, action: 'user.create', after: audited(row) }, now);
    return { status: 201, body: accountView(row, now) };
  }),

  sessionRoute('PATCH', '/accounts/:id', { body: updateAccountRequestSchema, answer: accountViewSchema }, async ({ db, session, body, params, now }) => {
    requireManager(session, 'accounts.update');
    const id = accountId(params);
    const institution = await readInstitution(db);
    const { before, after } = await updateAccount(db, id, body, institution.kind, now);
    const action = before.active && !after.active ? 'user.deactivate' : !before.active && after.active ? 'user.reactivate' : 'user.update';
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'user', entityId: id, action, before: audited(before), after: audited(after) }, now);
    return { body: accountView(after, now) };
  }),

  sessionRoute('POST', '/accounts/:id/password', { body: resetPasswordRequestSchema, answer: accountViewSchema }, async ({ db, session, body, params, now, deps }) => {
    requireManager(session, 'accounts.reset_password');
    const id = accountId(params);
    if (!(await readAccount(db, id))) throw notFound();
    const problems = passwordProblems(body.password);
    if (problems.length) throw invalid(problems);
    const row = await setPassword(db, id, await hashPassword(body.password, deps.passwordParams), now);
    // Whoever knew the old password is signed out everywhere.
    await endSessions(db, { accountId: id }, 'password_reset', now);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'user', entityId: id, action: 'user.reset_password' }, now);
    return { body: accountView(row, now) };
  }),

  sessionRoute('POST', '/accounts/:id/sessions/revoke', { body: null, answer: revokedResponseSchema }, async ({ db, session, params, now }) => {
    requireManager(session, 'accounts.revoke_sessions');
    const id = accountId(params);
    if (!(await readAccount(db, id))) throw notFound();
    const revoked = await endSessions(db, { accountId: id }, 'revoked', now);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'user', entityId: id, action: 'user.revoke_sessions', after: { revoked } }, now);
    return { body: { revoked } };
  }),
];
