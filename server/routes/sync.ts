// The sync's routes (issue 17 item 4; the protocol in shared/server/sync.ts): push a batch of
// mutations, pull the institution's changes since a cursor, and hand a case's evidence ledger to
// another workstation. The nudge is a WebSocket (server/sync/nudge.ts), not a route.
import { canEditCase } from '../../shared/domain/permissions';
import { ledgerHolderRequestSchema, ledgerHolderResponseSchema, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema, SYNC_PATHS } from '../../shared/server/sync';
import { readCase } from '../cases';
import { schemaProblems } from '../http/host';
import { batchRoute, sessionRoute, type RouteDef } from '../http/route';
import { forbidden, invalid, notFound } from '../refusal';
import { handOverLedger } from '../sync/ledger';
import { institutionHead, pullChanges } from '../sync/pull';
import { applyPush } from '../sync/push';

export const syncRoutes: readonly RouteDef[] = [
  // The push runs in a transaction of its own (server/sync/push.ts), so the request holds none
  // meanwhile (a batch route): the session was resolved in a transaction already ended.
  batchRoute('POST', SYNC_PATHS.push, { body: pushRequestSchema, answer: pushResponseSchema }, async ({ deps, session, body, now, inSession }) => {
    const results = await applyPush(deps.pool, session, body, now);
    return { body: { results, head: await inSession(institutionHead) } };
  }),

  sessionRoute('GET', SYNC_PATHS.pull, { body: null, answer: pullResponseSchema }, async ({ db, query }) => {
    const parsed = pullQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) throw invalid(schemaProblems(parsed.error));
    return { body: await pullChanges(db, parsed.data.since, parsed.data.limit) };
  }),

  sessionRoute('POST', SYNC_PATHS.ledgerHolder, { body: ledgerHolderRequestSchema, answer: ledgerHolderResponseSchema }, async ({ db, session, body, now }) => {
    const stored = await readCase(db, body.caseId);
    if (!stored) throw notFound();
    const director = session.role === 'director';
    if (!director && !canEditCase({ id: session.accountId, role: session.role }, stored.record)) throw forbidden('ledger.hand_over');
    const { since } = await handOverLedger(db, session, body.caseId, body.workstationId, now);
    return { body: { caseId: body.caseId, workstationId: body.workstationId, since: since.toISOString() } };
  }),
];
