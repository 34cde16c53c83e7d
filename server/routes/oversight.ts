// What an institution reads about itself and its area: the institution, the access log of full
// identity numbers and evidence files, and (for a justice bureau) its area's figures and its
// area's statistical report (issue 19 item 3).
import { z } from 'zod';
import { canSeeInstitutionFigures } from '../../shared/domain/permissions';
import { accessLogResponseSchema, areaFiguresResponseSchema, areaReportResponseSchema, institutionViewSchema, ACCESS_KINDS } from '../../shared/server/api';
import { institutionKindSchema } from '../../shared/domain/institution-kinds';
import { problem } from '../../shared/problem';
import { areaFigureRowSchema, areaFiguresByInstitution, parsePeriodCode, periodRange, sumByCategory, type AreaFigureRow } from '../../shared/statistics/report';
import { readInstitution } from '../records';
import { forbidden, invalid } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';

const figureRowSchema = z.object({ area_code: z.string(), institution_kind: z.string(), status: z.string(), cases: z.coerce.number() });
const areaInstitutionRowSchema = z.object({ id: z.string(), kind: institutionKindSchema, name: z.string(), credit_code: z.string(), area_code: z.string(), mediators: z.coerce.number() });
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

  sessionRoute('GET', '/oversight/report', { body: null, answer: areaReportResponseSchema }, async ({ db, session, query }) => {
    const institution = await readInstitution(db);
    if (institution.kind !== 'justice_bureau' || !canSeeInstitutionFigures(session)) throw forbidden('oversight.report');
    const period = parsePeriodCode(query.get('period'));
    if (!period) throw invalid([problem('server.field_invalid', { field: 'period', code: 'value.invalid' })]);
    const { from, to } = periodRange(period);
    // The per-case sums in PostgreSQL; the columns, the forms and the total by the shared rules.
    const figures = await db.query('SELECT * FROM mw.area_report($1, $2)', [from, to]);
    const members = await db.query('SELECT id, kind, name, credit_code, area_code, mediators FROM mw.area_institutions()');
    const prefix = await db.query<{ prefix: string }>('SELECT mw.area_prefix($1) AS prefix', [institution.areaCode]);
    const byInstitution = areaFiguresByInstitution(figures.rows.map((row) => areaFigureRowSchema.parse(row) as AreaFigureRow));
    const institutions = members.rows.map((row) => {
      const r = areaInstitutionRowSchema.parse(row);
      return { id: r.id, kind: r.kind, name: r.name, creditCode: r.credit_code, areaCode: r.area_code, mediators: r.mediators, byCategory: byInstitution.get(r.id) ?? {} };
    });
    return { body: { period, areaPrefix: prefix.rows[0]?.prefix ?? institution.areaCode, institutions, total: sumByCategory(institutions.map((i) => i.byCategory)) } };
  }),
];
