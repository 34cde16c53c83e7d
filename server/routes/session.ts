// Health, sign-in, sign-out and "who am I".
import { healthResponseSchema, meResponseSchema, signedOutResponseSchema, signInRequestSchema, signInResponseSchema } from '../../shared/server/api';
import { accountView, readAccount } from '../accounts';
import { signIn } from '../auth/sign-in';
import { endSessions } from '../auth/sessions';
import { healthAnswer } from '../health';
import { readInstitution, recordEvent } from '../records';
import { notFound } from '../refusal';
import { openRoute, sessionRoute, type RouteDef } from '../http/route';

export const sessionRoutes: readonly RouteDef[] = [
  openRoute('GET', '/health', { body: null, answer: healthResponseSchema }, async ({ deps }) => healthAnswer(deps)),

  openRoute('POST', '/sign-in', { body: signInRequestSchema, answer: signInResponseSchema }, async ({ deps, body, address, now }) => ({
    body: await signIn(deps, body, address, now),
  })),

  sessionRoute('POST', '/sign-out', { body: null, answer: signedOutResponseSchema }, async ({ db, session, now }) => {
    await endSessions(db, { sessionId: session.id }, 'signed_out', now);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'user', entityId: session.accountId, action: 'session.sign_out' }, now);
    return { body: { signedOut: true } };
  }),

  sessionRoute('GET', '/me', { body: null, answer: meResponseSchema }, async ({ db, session, now }) => {
    const account = await readAccount(db, session.accountId);
    if (!account) throw notFound();
    return { body: { account: accountView(account, now), institution: await readInstitution(db), expiresAt: session.expiresAt.toISOString() } };
  }),
];
