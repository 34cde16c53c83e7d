// The directory of institutions a sender may refer a dispute to (issue 18 item 5, through the
// server): other mediating institutions' public facts — name, kind, credit code, area, address,
// the categories they say they take on — through mw.institution_directory(), which returns nothing
// more; and the administrator's word on which categories the institution takes on.
import { z } from 'zod';
import { isCategoryCode } from '../../shared/domain/categories';
import { institutionKindSchema } from '../../shared/domain/institution-kinds';
import { problem } from '../../shared/problem';
import { directoryQuerySchema, directoryResponseSchema, handledCategoriesRequestSchema, handledCategoriesResponseSchema } from '../../shared/server/api';
import { readInstitution, recordEvent } from '../records';
import { forbidden, invalid } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';

const entryRowSchema = z.object({
  id: z.string(),
  kind: institutionKindSchema,
  name: z.string(),
  credit_code: z.string(),
  area_code: z.string(),
  address: z.string(),
  handled_categories: z.array(z.string()),
});

export const directoryRoutes: readonly RouteDef[] = [
  sessionRoute('GET', '/institutions/directory', { body: null, answer: directoryResponseSchema }, async ({ db, query }) => {
    const parsed = directoryQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => problem('server.field_invalid', { field: issue.path.join('.') || 'query', code: 'value.invalid' })));
    const { category, area } = parsed.data;
    if (category !== undefined && !isCategoryCode(category)) throw invalid([problem('server.field_invalid', { field: 'category', code: 'field.option' })]);
    const own = await readInstitution(db);
    if (own.kind === 'justice_bureau') throw forbidden('directory.read');
    const result = await db.query('SELECT * FROM mw.institution_directory($1, $2)', [category ?? null, area ?? null]);
    const institutions = result.rows.map((row) => {
      const r = entryRowSchema.parse(row);
      return { id: r.id, kind: r.kind, name: r.name, creditCode: r.credit_code, areaCode: r.area_code, address: r.address, handledCategories: r.handled_categories };
    });
    return { body: { institutions } };
  }),

  sessionRoute('PUT', '/institution/handled-categories', { body: handledCategoriesRequestSchema, answer: handledCategoriesResponseSchema }, async ({ db, session, body, now }) => {
    if (session.role !== 'admin') throw forbidden('institution.handled_categories');
    const unknown = body.categories.filter((c) => !isCategoryCode(c));
    if (unknown.length > 0) throw invalid(unknown.map((c) => problem('server.field_invalid', { field: 'categories', code: 'field.option', value: c })));
    const categories = [...new Set(body.categories)].sort();
    const before = await db.query<{ handled_categories: string[] }>('SELECT handled_categories FROM mw.institutions WHERE id = mw.current_institution()');
    await db.query('UPDATE mw.institutions SET handled_categories = $1, updated_at = $2, version = version + 1 WHERE id = mw.current_institution()', [categories, now]);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'institution', entityId: session.institutionId, action: 'institution.handled_categories', before: { categories: before.rows[0]?.handled_categories ?? [] }, after: { categories } }, now);
    return { body: { categories } };
  }),
];
