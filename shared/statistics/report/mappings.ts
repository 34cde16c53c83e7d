// The rows of the people's-mediation statistical report (人民调解统计报表) and which of our 24 dispute
// categories each row counts, as versioned data (issue 19 item 2; ../../../../shared/domain.md,
// "The statistical report we produce"). Two layouts:
//
// - A, the newer, finer form: our first 18 categories are its leaf types; 劳动争议 is the sum of
//   WAG + LAB and 消费 the sum of TOU + ECM + CSM, shown as sub-rows; the six categories city
//   platforms add are counted under the type they belong to (INH → 婚姻家庭, LEN and FIN → 合同,
//   IPR, VIL and SCH → 其他).
// - B, the 15 types of the older published reports (2016, 2020), for comparison.
//
// The official form itself was not at hand: these layouts are a product decision built on the
// published reports that follow the Ministry of Justice's form. A mapping names its version; a
// change to a mapping is a new version (a filed report keeps the version it was computed with).
import { CATEGORY_CODES, type CategoryCode, type LocalizedText } from '../../domain/categories';

export interface ReportRowDef {
  key: string;
  name: LocalizedText;
  /** The categories this row sums (a group row sums its sub-rows). */
  categories: readonly CategoryCode[];
  /** Sub-rows shown under a group row (劳动争议, 消费 in layout A); their sum is the group's figure. */
  subRows?: readonly ReportRowDef[];
}

export const REPORT_LAYOUT_IDS = ['A', 'B'] as const;
export type ReportLayoutId = (typeof REPORT_LAYOUT_IDS)[number];

export interface ReportLayout {
  id: ReportLayoutId;
  /** The mapping's version; bumped whenever a row or a category's place changes. */
  version: string;
  name: LocalizedText;
  rows: readonly ReportRowDef[];
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });
const row = (key: string, name: LocalizedText, categories: readonly CategoryCode[]): ReportRowDef => ({ key, name, categories });
const group = (key: string, name: LocalizedText, subRows: readonly ReportRowDef[]): ReportRowDef => ({
  key,
  name,
  categories: subRows.flatMap((r) => r.categories),
  subRows,
});

const FAMILY = t('婚姻家庭纠纷', 'Marriage and family');
const NEIGHBOURS = t('邻里纠纷', 'Neighbours');
const HOUSING = t('房屋宅基地纠纷', 'Housing and homestead land');
const CONTRACTS = t('合同纠纷', 'Contracts');
const BUSINESS = t('生产经营纠纷', 'Production and business operation');
const DAMAGES = t('损害赔偿纠纷', 'Damage compensation');
const LAND = t('山林土地纠纷', 'Forest and farmland');
const REQUISITION = t('征地拆迁纠纷', 'Land requisition and demolition');
const ENVIRONMENT = t('环境污染纠纷', 'Environmental pollution');
const LABOUR = t('劳动争议纠纷', 'Labour disputes');
const CONSUMER = t('消费纠纷', 'Consumer disputes');
const MEDICAL = t('医疗纠纷', 'Medical');
const PROPERTY = t('物业纠纷', 'Property management');
const TRAFFIC = t('道路交通事故纠纷', 'Road traffic accidents');
const OTHER = t('其他纠纷', 'Other');

/** Layout A: the newer form's types (our first 18 categories), version 2026.1. */
export const LAYOUT_A: ReportLayout = {
  id: 'A',
  version: 'A-2026.1',
  name: t('新版表式（18 类）', 'Newer form (18 types)'),
  rows: [
    row('FAM', FAMILY, ['FAM', 'INH']),
    row('NBR', NEIGHBOURS, ['NBR']),
    row('HSE', HOUSING, ['HSE']),
    row('CON', CONTRACTS, ['CON', 'LEN', 'FIN']),
    row('BUS', BUSINESS, ['BUS']),
    row('DMG', DAMAGES, ['DMG']),
    row('LND', LAND, ['LND']),
    row('EXP', REQUISITION, ['EXP']),
    row('ENV', ENVIRONMENT, ['ENV']),
    group('labour', LABOUR, [row('WAG', t('拖欠农民工工资纠纷', 'Unpaid wages of migrant workers'), ['WAG']), row('LAB', t('其他劳动争议纠纷', 'Other labour disputes'), ['LAB'])]),
    row('MED', MEDICAL, ['MED']),
    row('PRP', PROPERTY, ['PRP']),
    row('TRF', TRAFFIC, ['TRF']),
    group('consumer', CONSUMER, [
      row('TOU', t('旅游纠纷', 'Tourism'), ['TOU']),
      row('ECM', t('电子商务纠纷', 'E-commerce'), ['ECM']),
      row('CSM', t('其他消费纠纷', 'Other consumer disputes'), ['CSM']),
    ]),
    row('OTH', OTHER, ['OTH', 'IPR', 'VIL', 'SCH']),
  ],
};

/** Layout B: the 15 types of the older published reports, version 2016.1. */
export const LAYOUT_B: ReportLayout = {
  id: 'B',
  version: 'B-2016.1',
  name: t('旧版表式（15 类）', 'Older form (15 types)'),
  rows: [
    row('family', FAMILY, ['FAM', 'INH']),
    row('neighbours', NEIGHBOURS, ['NBR']),
    row('housing', HOUSING, ['HSE']),
    row('contracts', CONTRACTS, ['CON', 'LEN', 'FIN']),
    row('business', BUSINESS, ['BUS']),
    row('damages', DAMAGES, ['DMG']),
    row('land', LAND, ['LND']),
    row('requisition', REQUISITION, ['EXP']),
    row('environment', ENVIRONMENT, ['ENV']),
    row('labour', LABOUR, ['WAG', 'LAB']),
    row('consumer', CONSUMER, ['TOU', 'ECM', 'CSM']),
    row('medical', MEDICAL, ['MED']),
    row('traffic', TRAFFIC, ['TRF']),
    row('property', PROPERTY, ['PRP']),
    row('other', OTHER, ['OTH', 'IPR', 'VIL', 'SCH']),
  ],
};

export const REPORT_LAYOUTS: Readonly<Record<ReportLayoutId, ReportLayout>> = { A: LAYOUT_A, B: LAYOUT_B };

/** The rows that count categories themselves (a group's sub-rows, not the group). */
export function leafRows(layout: ReportLayout): ReportRowDef[] {
  return layout.rows.flatMap((r) => (r.subRows ? [...r.subRows] : [r]));
}

/** Problems of a layout: a category counted in no row or in two, a group that is not its sub-rows' sum. */
export function layoutProblems(layout: ReportLayout): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const leaf of leafRows(layout)) {
    for (const code of leaf.categories) {
      const before = seen.get(code);
      if (before) problems.push(`${layout.version}: ${code} is counted in ${before} and ${leaf.key}`);
      seen.set(code, leaf.key);
    }
  }
  for (const code of CATEGORY_CODES) if (!seen.has(code)) problems.push(`${layout.version}: ${code} is counted in no row`);
  for (const r of layout.rows) {
    if (r.subRows && r.subRows.flatMap((s) => s.categories).join() !== r.categories.join()) problems.push(`${layout.version}: ${r.key} is not the sum of its sub-rows`);
  }
  return problems;
}
