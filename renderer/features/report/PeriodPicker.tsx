// The report's period (a month, a quarter or a year) and layout, as the one institution's report
// and the bureau's area report choose them.
import { Form, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, REPORT_LAYOUTS, REPORT_LAYOUT_IDS, type PeriodKind, type ReportLayoutId, type ReportPeriod } from '../../../shared/statistics/report';
import { institutionToday } from '../../kit/format';
import { useLang } from '../../kit/useLang';

export interface PeriodPickerProps {
  period: ReportPeriod;
  layout: ReportLayoutId;
  setView(period: ReportPeriod, layout: ReportLayoutId): void;
}

export function PeriodPicker({ period, layout, setView }: PeriodPickerProps) {
  const { t } = useTranslation('report');
  const language = useLang();
  const thisYear = Number(institutionToday().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const setKind = (kind: PeriodKind) => setView({ kind, year: period.year, index: kind === 'year' ? 1 : kind === 'quarter' ? Math.min(period.index, 4) : 1 }, layout);
  const indexes = period.kind === 'month' ? 12 : period.kind === 'quarter' ? 4 : 0;
  return (
    <Form layout="inline" aria-label={t('period.label')} style={{ rowGap: 8 }}>
      <Form.Item label={t('period.kind')}>
        <Radio.Group optionType="button" value={period.kind} onChange={(e) => setKind(e.target.value as PeriodKind)} options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`period.${k}`) }))} />
      </Form.Item>
      <Form.Item label={t('period.year_label')} htmlFor="report-year">
        <Select id="report-year" value={period.year} onChange={(year: number) => setView({ ...period, year } as ReportPeriod, layout)} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ width: 110 }} />
      </Form.Item>
      {indexes > 0 && (
        <Form.Item label={t(`period.index_${period.kind}`)} htmlFor="report-index">
          <Select
            id="report-index"
            value={period.index}
            onChange={(index: number) => setView({ ...period, index }, layout)}
            options={Array.from({ length: indexes }, (_, i) => ({ value: i + 1, label: t(period.kind === 'month' ? 'period.monthN' : 'period.quarterN', { n: i + 1 }) }))}
            style={{ width: 120 }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('layout.label')}>
        <Radio.Group optionType="button" value={layout} onChange={(e) => setView(period, e.target.value as typeof layout)} options={REPORT_LAYOUT_IDS.map((id) => ({ value: id, label: REPORT_LAYOUTS[id].name[language] }))} />
      </Form.Item>
    </Form>
  );
}
