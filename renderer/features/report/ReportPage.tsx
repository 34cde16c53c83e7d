// The statistical report screen (issue 19 item 2), for the institution's administrator and
// director: the period and the layout chosen (kept in the URL), the report as a table, its
// exports, and its filing.
import { Alert, Button, Card, Flex, Form, Radio, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { COUNTING_NOTE, periodName, periodRange, PERIOD_KINDS, REPORT_LAYOUTS, REPORT_LAYOUT_IDS, type PeriodKind, type ReportPeriod } from '../../../shared/statistics/report';
import { institutionToday } from '../../kit/format';
import { translateCode } from '../../kit/translate';
import { useLang } from '../../kit/useLang';
import { RequireRole } from '../auth';
import { FilingCard } from './FilingCard';
import { ReportTable } from './ReportTable';
import { useReport, type ReportController } from './useReport';

function PeriodPicker({ c }: { c: ReportController }) {
  const { t } = useTranslation('report');
  const language = useLang();
  const thisYear = Number(institutionToday().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const { period, layout } = c;
  const setKind = (kind: PeriodKind) => c.setView({ kind, year: period.year, index: kind === 'year' ? 1 : kind === 'quarter' ? Math.min(period.index, 4) : 1 }, layout);
  const indexes = period.kind === 'month' ? 12 : period.kind === 'quarter' ? 4 : 0;
  return (
    <Form layout="inline" aria-label={t('period.label')} style={{ rowGap: 8 }}>
      <Form.Item label={t('period.kind')}>
        <Radio.Group optionType="button" value={period.kind} onChange={(e) => setKind(e.target.value as PeriodKind)} options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`period.${k}`) }))} />
      </Form.Item>
      <Form.Item label={t('period.year_label')} htmlFor="report-year">
        <Select id="report-year" value={period.year} onChange={(year: number) => c.setView({ ...period, year } as ReportPeriod, layout)} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ width: 110 }} />
      </Form.Item>
      {indexes > 0 && (
        <Form.Item label={t(`period.index_${period.kind}`)} htmlFor="report-index">
          <Select
            id="report-index"
            value={period.index}
            onChange={(index: number) => c.setView({ ...period, index }, layout)}
            options={Array.from({ length: indexes }, (_, i) => ({ value: i + 1, label: t(period.kind === 'month' ? 'period.monthN' : 'period.quarterN', { n: i + 1 }) }))}
            style={{ width: 120 }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('layout.label')}>
        <Radio.Group optionType="button" value={layout} onChange={(e) => c.setView(period, e.target.value as typeof layout)} options={REPORT_LAYOUT_IDS.map((id) => ({ value: id, label: REPORT_LAYOUTS[id].name[language] }))} />
      </Form.Item>
    </Form>
  );
}

function ReportScreen() {
  const { t } = useTranslation(['report', 'domain']);
  const language = useLang();
  const c = useReport();
  const layout = REPORT_LAYOUTS[c.layout];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 30 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <PeriodPicker c={c} />
      {c.loadError && <Alert type="error" showIcon role="alert" message={translateCode(t, c.loadError.code, c.loadError.params, ['report'])} />}
      {!c.loaded && !c.loadError && <Spin aria-label={t('table.loading')} tip={t('table.loading')} />}
      {c.loaded && (
        <Card>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              {c.header.map((line) => (
                <Typography.Text key={line} style={{ display: 'block' }}>
                  {line}
                </Typography.Text>
              ))}
            </div>
            <Flex gap={8} wrap>
              <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => void c.exportXlsx()} loading={c.exporting === 'xlsx'} disabled={c.exporting !== null}>
                {t('export.xlsx')}
              </Button>
              <Button icon={<FilePdfOutlined aria-hidden />} onClick={() => void c.exportPdf()} loading={c.exporting === 'pdf'} disabled={c.exporting !== null}>
                {t('export.pdf')}
              </Button>
            </Flex>
            {c.exportError && <Alert type="error" showIcon role="alert" message={c.exportError} />}
            <ReportTable caption={t('table.caption', { layout: layout.name[language], period: periodName(c.period, language) })} layout={layout} rows={c.rows} range={periodRange(c.period)} />
            <Typography.Paragraph type="secondary">{COUNTING_NOTE[language]}</Typography.Paragraph>
          </Space>
        </Card>
      )}
      {c.loaded && <FilingCard c={c} />}
    </Space>
  );
}

export default function ReportPage() {
  return (
    <RequireRole roles={['admin', 'director']}>
      <ReportScreen />
    </RequireRole>
  );
}
