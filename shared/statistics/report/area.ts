// The report of a justice bureau's area on the center server (issue 19 items 2–3): PostgreSQL sums
// what each case adds (server/db/migrations/0006_area_report.sql mw.area_report, the per-case
// definitions of compute.ts caseFigures) by institution, category, raw source and agreement form;
// this code turns those sums into the report's figures — which column a source counts in, the
// agreement's form, a category this version does not know — with the same rules as one
// institution's report, and sums the institutions. The rows of a layout then come from
// reportRows, as for one institution.
import { z } from 'zod';
import { CATEGORY_CODES, type CategoryCode } from '../../domain/categories';
import { AGREEMENT_FORMS, ESCALATION_KINDS, type AgreementForm } from '../../domain/model';
import { addFigures, agreementFormOf, categoryOf, figuresSchema, SOURCE_COLUMN_OF, zeroFigures, type Figures, type SourceColumn } from './compute';

const count = z.coerce.number().int().nonnegative();

/** One row of mw.area_report: the sums of one institution's cases of one category, source and form. */
export const areaFigureRowSchema = z.object({
  institution_id: z.string(),
  category: z.string(),
  source: z.string().nullable(),
  agreement_form: z.string().nullable(),
  oral_act: z.boolean(),
  received: count,
  settled: count,
  amount_fen: count,
  ...Object.fromEntries(ESCALATION_KINDS.flatMap((k) => [[`${k}_cases`, count], [`${k}_persons`, count]])),
});
export type AreaFigureRow = z.infer<typeof areaFigureRowSchema> & Record<`${(typeof ESCALATION_KINDS)[number]}_${'cases' | 'persons'}`, number>;

/** Figures by category, only the categories with something counted (an institution in an answer). */
export const partialByCategorySchema = z.partialRecord(z.enum(CATEGORY_CODES), figuresSchema);
export type PartialByCategory = z.infer<typeof partialByCategorySchema>;

/** What one row adds to its category's figures. */
export function rowFigures(row: AreaFigureRow): Figures {
  const f = zeroFigures();
  f.received = row.received;
  f.settled = row.settled;
  f.amountFen = row.amount_fen;
  const column = (SOURCE_COLUMN_OF as Partial<Record<string, SourceColumn>>)[row.source ?? ''] ?? 'other_department';
  f[`source_${column}`] = row.received;
  const recorded = (AGREEMENT_FORMS as readonly string[]).includes(row.agreement_form ?? '') ? (row.agreement_form as AgreementForm) : undefined;
  f[agreementFormOf({ ...(recorded ? { agreementForm: recorded } : {}), ...(row.oral_act ? { statusAct: 'oral_agreement' as const } : {}) })] = row.settled;
  for (const kind of ESCALATION_KINDS) {
    f[`${kind}_cases`] = row[`${kind}_cases`];
    f[`${kind}_persons`] = row[`${kind}_persons`];
  }
  return f;
}

/** The rows' figures by institution and category (categories with nothing counted left out). */
export function areaFiguresByInstitution(rows: Iterable<AreaFigureRow>): Map<string, PartialByCategory> {
  const out = new Map<string, PartialByCategory>();
  for (const row of rows) {
    const byCategory = out.get(row.institution_id) ?? {};
    const code = categoryOf(row.category);
    byCategory[code] = addFigures(byCategory[code] ?? zeroFigures(), rowFigures(row));
    out.set(row.institution_id, byCategory);
  }
  return out;
}

/** Every category's figures (zero where none counted) of one institution's partial figures. */
export function fullByCategory(partial: PartialByCategory): Record<CategoryCode, Figures> {
  return Object.fromEntries(CATEGORY_CODES.map((c) => [c, partial[c] ?? zeroFigures()])) as Record<CategoryCode, Figures>;
}

/** The institutions' figures summed, category by category. */
export function sumByCategory(list: Iterable<PartialByCategory>): Record<CategoryCode, Figures> {
  const total = fullByCategory({});
  for (const partial of list) for (const code of CATEGORY_CODES) if (partial[code]) total[code] = addFigures(total[code], partial[code]);
  return total;
}
