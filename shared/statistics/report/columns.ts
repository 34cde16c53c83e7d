// The report's columns with their headings, in the order of the form: what the screen, the XLSX
// and the PDF all print. Money is kept in fen and printed in yuan; the rate is derived.
import type { LocalizedText } from '../../domain/categories';
import { fenToYuanString } from '../../domain/money';
import { successRate, type FigureKey, type Figures } from './compute';

export interface ReportColumn {
  key: FigureKey | 'rate';
  name: LocalizedText;
  /** The heading over several columns (协议形式, 纠纷来源, one escalation kind). */
  group?: LocalizedText;
  kind: 'count' | 'money' | 'percent';
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });
const SOURCE = t('纠纷来源', 'Source');
const FORM = t('协议形式', 'Agreement');
const CASES = t('件', 'cases');
const PERSONS = t('人', 'persons');

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { key: 'received', name: t('受理（件）', 'Received'), kind: 'count' },
  { key: 'settled', name: t('调解成功（件）', 'Settled'), kind: 'count' },
  { key: 'rate', name: t('成功率（%）', 'Success rate (%)'), kind: 'percent' },
  { key: 'amountFen', name: t('协议涉及金额（元）', 'Amount agreed (yuan)'), kind: 'money' },
  { key: 'written', name: t('书面协议', 'Written'), group: FORM, kind: 'count' },
  { key: 'oral', name: t('口头协议', 'Oral'), group: FORM, kind: 'count' },
  { key: 'source_initiative', name: t('主动调解', 'Own initiative'), group: SOURCE, kind: 'count' },
  { key: 'source_application', name: t('依申请', 'On application'), group: SOURCE, kind: 'count' },
  { key: 'source_court', name: t('法院委托移送', 'From a court'), group: SOURCE, kind: 'count' },
  { key: 'source_police', name: t('公安机关移送', 'From the police'), group: SOURCE, kind: 'count' },
  { key: 'source_petition', name: t('信访部门移送', 'From petitions office'), group: SOURCE, kind: 'count' },
  { key: 'source_procuratorate', name: t('检察机关移送', 'From the procuratorate'), group: SOURCE, kind: 'count' },
  { key: 'source_other_department', name: t('其他部门移送', 'From other departments'), group: SOURCE, kind: 'count' },
  { key: 'criminal_cases', name: CASES, group: t('防止民间纠纷转化为刑事案件', 'Kept from becoming criminal cases'), kind: 'count' },
  { key: 'criminal_persons', name: PERSONS, group: t('防止民间纠纷转化为刑事案件', 'Kept from becoming criminal cases'), kind: 'count' },
  { key: 'suicide_cases', name: CASES, group: t('防止民间纠纷引起自杀', 'Suicides prevented'), kind: 'count' },
  { key: 'suicide_persons', name: PERSONS, group: t('防止民间纠纷引起自杀', 'Suicides prevented'), kind: 'count' },
  { key: 'group_petition_cases', name: CASES, group: t('防止群体性上访', 'Group petitions prevented'), kind: 'count' },
  { key: 'group_petition_persons', name: PERSONS, group: t('防止群体性上访', 'Group petitions prevented'), kind: 'count' },
  { key: 'group_fight_cases', name: CASES, group: t('防止群体性械斗', 'Group fights prevented'), kind: 'count' },
  { key: 'group_fight_persons', name: PERSONS, group: t('防止群体性械斗', 'Group fights prevented'), kind: 'count' },
];

/** A column's full heading: its group and its own name (防止群体性上访 · 人). */
export function columnHeading(column: ReportColumn, language: 'zh-CN' | 'en-US'): string {
  return column.group ? `${column.group[language]} · ${column.name[language]}` : column.name[language];
}

/** A cell's value as the XLSX keeps it: counts as integers, money in yuan, the rate as a percentage (null when nothing was received). */
export function cellValue(column: ReportColumn, figures: Figures): number | null {
  if (column.key === 'rate') return successRate(figures);
  if (column.key === 'amountFen') return figures.amountFen / 100;
  return figures[column.key];
}

/** A cell as printed: 1,234 · 12,000.50 · 87.5 · — */
export function cellText(column: ReportColumn, figures: Figures, language: 'zh-CN' | 'en-US'): string {
  if (column.key === 'rate') {
    const rate = successRate(figures);
    return rate === null ? '—' : rate.toFixed(1);
  }
  if (column.key === 'amountFen') {
    const [whole = '0', cents = '00'] = fenToYuanString(figures.amountFen).split('.');
    return `${Number(whole).toLocaleString(language)}.${cents.padEnd(2, '0')}`;
  }
  return figures[column.key].toLocaleString(language);
}

/** When each figure counts, printed under the report. */
export const COUNTING_NOTE: LocalizedText = t(
  '说明：受理数、纠纷来源和防止激化数按受理（登记）日期计入本期；调解成功数、协议涉及金额和协议形式按协议生效日期计入本期。成功率 = 本期调解成功数 ÷ 本期受理数。',
  'Note: received, sources and escalations prevented count in the period the case was received (registered); settled, the amount and the agreement form count in the period the agreement took effect. Success rate = settled ÷ received in the period.',
);
