// The statistical report screen (issue 19 item 2), for the institution's administrator and
// director: the period and the layout chosen (kept in the URL), the report as a table, its
// exports, and its filing.
import { Alert, Button, Card, Flex, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { COUNTING_NOTE, periodName, periodRange, REPORT_LAYOUTS } from '../../../shared/statistics/report';
import { translateCode } from '../../kit/translate';
import { useLang } from '../../kit/useLang';
import { RequireRole } from '../auth';
import { FilingCard } from './FilingCard';
import { HeaderLines } from './HeaderLines';
import { PeriodPicker } from './PeriodPicker';
import { ReportTable } from './ReportTable';
import { useReport } from './useReport';

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
      <PeriodPicker period={c.period} layout={c.layout} setView={c.setView} />
      {c.loadError && <Alert type="error" showIcon role="alert" message={translateCode(t, c.loadError.code, c.loadError.params, ['report'])} />}
      {!c.loaded && !c.loadError && <Spin aria-label={t('table.loading')} tip={t('table.loading')} />}
      {c.loaded && (
        <Card>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <HeaderLines lines={c.header} />
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
