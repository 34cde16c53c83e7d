// The figures of the statistical report, computed from case rows for one institution and a
// period (issue 19 item 2). Figures are kept per category (all 24), so both layouts are sums over
// the same numbers and a filed report can be shown again in either layout.
//
// What counts where (said on the report too):
// - received (受理), the sources and the escalations prevented: cases registered in the period;
// - settled (调解成功), the amount, written / oral: cases whose agreement took effect in the
//   period (an agreement reached, whatever happened after: confirmed, rejected by the court,
//   archived);
// - the amount (协议涉及金额) is the case's amount in dispute, in fen, of the settled cases.
import { z } from 'zod';
import { CATEGORY_CODES, isCategoryCode, type CategoryCode, type LocalizedText } from '../../domain/categories';
import { ESCALATION_KINDS, type Case, type CaseSource } from '../../domain/model';
import { inPeriod, shanghaiDate, type ReportPeriod } from './period';
import type { ReportLayout } from './mappings';

/** The case fields the report reads. */
export type ReportCase = Pick<Case, 'id' | 'category' | 'source' | 'registeredAt' | 'agreementEffectiveOn' | 'amountFen' | 'statusAct' | 'agreementForm' | 'escalationPrevented'>;

export const SOURCE_COLUMNS = ['initiative', 'application', 'court', 'police', 'petition', 'procuratorate', 'other_department'] as const;
export type SourceColumn = (typeof SOURCE_COLUMNS)[number];

/**
 * Where each of our case sources is counted: 主动调解, 依申请 (a party's application, at the desk or
 * in writing), or 接受委托移送 by a court, the police, the petitions office, the procuratorate or
 * another department (the 12345 hotline, a referral from another institution, any other body).
 */
export const SOURCE_COLUMN_OF: Readonly<Record<CaseSource | 'referral', SourceColumn>> = {
  mediator_initiated: 'initiative',
  application: 'application',
  walk_in: 'application',
  court_entrusted: 'court',
  police: 'police',
  petition: 'petition',
  procuratorate: 'procuratorate',
  hotline_12345: 'other_department',
  referral: 'other_department',
  other: 'other_department',
};

export const FIGURE_KEYS = [
  'received',
  'settled',
  'amountFen',
  'written',
  'oral',
  ...SOURCE_COLUMNS.map((s) => `source_${s}` as const),
  ...ESCALATION_KINDS.flatMap((k) => [`${k}_cases` as const, `${k}_persons` as const]),
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export const figuresSchema = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number().int().nonnegative()])) as Record<FigureKey, z.ZodNumber>);

export function zeroFigures(): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;
}

export function addFigures(a: Figures, b: Figures): Figures {
  const sum = zeroFigures();
  for (const k of FIGURE_KEYS) sum[k] = a[k] + b[k];
  return sum;
}

/** The agreement's form: as its act recorded it; a row from before the field was kept reads from its act. */
export function agreementFormOf(c: Pick<Case, 'agreementForm' | 'statusAct'>): 'written' | 'oral' {
  return c.agreementForm ?? (c.statusAct === 'oral_agreement' ? 'oral' : 'written');
}

/** What one case adds to its category's figures in the period (all zero when it does not count). */
export function caseFigures(c: ReportCase, period: ReportPeriod): Figures {
  const f = zeroFigures();
  if (inPeriod(shanghaiDate(c.registeredAt), period)) {
    f.received = 1;
    f[`source_${(SOURCE_COLUMN_OF as Partial<Record<string, SourceColumn>>)[c.source] ?? 'other_department'}`] = 1;
    for (const kind of ESCALATION_KINDS) {
      const persons = c.escalationPrevented?.[kind];
      if (persons) {
        f[`${kind}_cases`] = 1;
        f[`${kind}_persons`] = persons;
      }
    }
  }
  if (c.agreementEffectiveOn && inPeriod(c.agreementEffectiveOn, period)) {
    f.settled = 1;
    f.amountFen = c.amountFen ?? 0;
    f[agreementFormOf(c)] = 1;
  }
  return f;
}

/** A case's part in the report as a short text: two reports differ on a case exactly when this does. */
export function caseFingerprint(category: string, f: Figures): string {
  return [category, ...FIGURE_KEYS.filter((k) => f[k] !== 0).map((k) => `${k}=${f[k]}`)].join('|');
}

export function categoryOf(code: string): CategoryCode {
  // A category this version does not know (a newer backup) is counted under 其他.
  return isCategoryCode(code) ? code : 'OTH';
}

export interface ComputedReport {
  period: ReportPeriod;
  byCategory: Record<CategoryCode, Figures>;
  /** Each counted case's fingerprint, by id: what a later difference is traced to. */
  cases: Record<string, string>;
}

export function computeReport(cases: Iterable<ReportCase>, period: ReportPeriod): ComputedReport {
  const byCategory = Object.fromEntries(CATEGORY_CODES.map((c) => [c, zeroFigures()])) as Record<CategoryCode, Figures>;
  const counted: Record<string, string> = {};
  for (const c of cases) {
    const f = caseFigures(c, period);
    if (f.received === 0 && f.settled === 0) continue;
    const code = categoryOf(c.category);
    byCategory[code] = addFigures(byCategory[code], f);
    counted[c.id] = caseFingerprint(code, f);
  }
  return { period, byCategory, cases: counted };
}

export interface ReportTableRow {
  key: string;
  name: LocalizedText;
  /** 0: a row of the form (or the total), 1: a sub-row of a group. */
  level: 0 | 1;
  total?: boolean;
  figures: Figures;
}

const TOTAL_NAME: LocalizedText = { 'zh-CN': '合计', 'en-US': 'Total' };

/** The report's rows in a layout: each row, its sub-rows under it, and the total first. */
export function reportRows(byCategory: Readonly<Record<CategoryCode, Figures>>, layout: ReportLayout): ReportTableRow[] {
  const sum = (codes: readonly CategoryCode[]) => codes.reduce((acc, code) => addFigures(acc, byCategory[code] ?? zeroFigures()), zeroFigures());
  const rows: ReportTableRow[] = [{ key: 'total', name: TOTAL_NAME, level: 0, total: true, figures: sum(CATEGORY_CODES) }];
  for (const r of layout.rows) {
    rows.push({ key: r.key, name: r.name, level: 0, figures: sum(r.categories) });
    for (const sub of r.subRows ?? []) rows.push({ key: sub.key, name: sub.name, level: 1, figures: sum(sub.categories) });
  }
  return rows;
}

/** 成功率 as a percentage with one decimal, or null when nothing was received. */
export function successRate(f: Pick<Figures, 'received' | 'settled'>): number | null {
  return f.received === 0 ? null : Math.round((f.settled / f.received) * 1000) / 10;
}
