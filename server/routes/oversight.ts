// What an institution reads about itself and its area: the institution, the access log of full
// identity numbers and evidence files, and (for a justice bureau) its area's figures.
import { z } from 'zod';
import { canSeeInstitutionFigures } from '../../shared/domain/permissions';
import { accessLogResponseSchema, areaFiguresResponseSchema, institutionViewSchema, ACCESS_KINDS } from '../../shared/server/api';
import { readInstitution } from '../records';
import { forbidden } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';

const figureRowSchema = z.object({ area_code: z.string(), institution_kind: z.string(), status: z.string(), cases: z.coerce.number() });
const accessRowSchema = z.object({ id: z.coerce.number(), at: z.date(), account_id: z.string(), what: z.enum(ACCESS_KINDS), case_id: z.string(), subject: z.string(), address: z.string() });

export const oversightRoutes: readonly RouteDef[] = [
  sessionRoute('GET', '/institution', { body: null, answer: institutionViewSchema }, async ({ db }) => ({ body: await readInstitution(db) })),

  sessionRoute('GET', '/access-log', { body: null, answer: accessLogResponseSchema }, async ({ db, session }) => {
    if (!canSeeInstitutionFigures(session)) throw forbidden('access_log.read');
    const result = await db.query('SELECT id, at, account_id, what, case_id, subject, address FROM mw.access_log ORDER BY id DESC LIMIT 1000');
    const entries = result.rows.map((row) => {
      const r = accessRowSchema.parse(row);
      return { id: r.id, at: r.at.toISOString(), accountId: r.account_id, what: r.what, caseId: r.case_id, subject: r.subject, address: r.address };
    });
    return { body: { entries } };
  }),

  sessionRoute('GET', '/oversight/figures', { body: null, answer: areaFiguresResponseSchema }, async ({ db, session }) => {
    const institution = await readInstitution(db);
    if (institution.kind !== 'justice_bureau' || !canSeeInstitutionFigures(session)) throw forbidden('oversight.figures');
    const result = await db.query('SELECT area_code, institution_kind, status, cases FROM mw.area_figures()');
    const rows = result.rows.map((row) => {
      const r = figureRowSchema.parse(row);
      return { areaCode: r.area_code, institutionKind: r.institution_kind, status: r.status, cases: r.cases };
    });
    const prefix = await db.query<{ prefix: string }>('SELECT mw.area_prefix($1) AS prefix', [institution.areaCode]);
    return { body: { areaPrefix: prefix.rows[0]?.prefix ?? institution.areaCode, rows } };
  }),
];
