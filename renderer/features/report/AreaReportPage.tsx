// The justice bureau's view of its area (issue 19 item 3), for its administrator and director
// signed in to the center server: the statistical report summed over the institutions of its area
// (computed on the server), the same table as one institution's report, the institutions side by
// side for a chosen row, and the XLSX export of the sum.
import { Alert, Button, Card, Empty, Flex, Form, Result, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COUNTING_NOTE, periodName, REPORT_LAYOUTS } from '../../../shared/statistics/report';
import { useErrorText } from '../../kit/useErrorText';
import { useLang } from '../../kit/useLang';
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import { RequireRole, useSession } from '../auth';
import { HeaderLines } from './HeaderLines';
import { PeriodPicker } from './PeriodPicker';
import { ReceivedFilings } from './ReceivedFilings';
import { ReportTable } from './ReportTable';
import { useAreaReport, type AreaReportController } from './useAreaReport';

const ERROR_NAMESPACES = ['report', 'center'] as const;

function SideBySide({ c }: { c: AreaReportController }) {
  const { t } = useTranslation('report');
  const language = useLang();
  const layout = REPORT_LAYOUTS[c.layout];
  const options = [{ value: 'total', label: t('area.allTypes') }, ...layout.rows.flatMap((r) => [r, ...(r.subRows ?? [])]).map((r) => ({ value: r.key, label: r.name[language] }))];
  const chosen = options.find((o) => o.value === c.compareRow)?.label ?? options[0]?.label ?? '';
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>{t('area.sideBySide')}</Typography.Title>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label={t('area.compareRow')} htmlFor="area-compare-row">
            <Select id="area-compare-row" showSearch optionFilterProp="label" value={c.compareRow} onChange={c.setCompareRow} options={options} style={{ minWidth: 220 }} />
          </Form.Item>
        </Form>
        <ReportTable caption={t('area.sideCaption', { type: chosen, period: periodName(c.period, language) })} layout={layout} rows={c.sideBySide} rowHeading={t('area.institution')} />
      </Space>
    </Card>
  );
}

function AreaScreen() {
  const { t } = useTranslation('report');
  const language = useLang();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const c = useAreaReport();
  const layout = REPORT_LAYOUTS[c.layout];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 30 }}>
        {t('area.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('area.intro')}</Typography.Paragraph>
      <PeriodPicker period={c.period} layout={c.layout} setView={c.setView} />
      {!c.online && (
        <Alert
          type="info"
          showIcon
          message={t('area.offline')}
          action={<Link to="/settings">{t('area.toSettings')}</Link>}
        />
      )}
      {c.loadError && (
        <Alert type="error" showIcon role="alert" message={errorText(c.loadError.code, { ...c.loadError.params })} action={<Button onClick={c.reload}>{t('area.retry')}</Button>} />
      )}
      {c.online && c.loading && !c.loaded && <Spin aria-label={t('table.loading')} tip={t('table.loading')} />}
      {c.loaded && (
        <Card>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <HeaderLines lines={c.header} />
            <Flex gap={8} wrap>
              <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => void c.exportXlsx()} loading={c.exporting} disabled={c.exporting}>
                {t('area.exportXlsx')}
              </Button>
              <Button icon={<ReloadOutlined aria-hidden />} onClick={c.reload} loading={c.loading}>
                {t('area.refresh')}
              </Button>
            </Flex>
            {c.exportError && <Alert type="error" showIcon role="alert" message={c.exportError} />}
            {c.loaded.institutions.length === 0 ? (
              <Empty description={t('area.noInstitutions')} />
            ) : (
              <ReportTable caption={t('area.caption', { layout: layout.name[language], period: periodName(c.period, language) })} layout={layout} rows={c.rows} />
            )}
            <Typography.Paragraph type="secondary">{COUNTING_NOTE[language]}</Typography.Paragraph>
          </Space>
        </Card>
      )}
      {c.loaded && c.loaded.institutions.length > 0 && <SideBySide c={c} />}
      <ReceivedFilings period={c.period} online={c.online} />
    </Space>
  );
}

/** Only a justice bureau has an area: another institution following a bookmark is told so. */
function NotABureau() {
  const { t } = useTranslation(['app', 'domain']);
  const { institution } = useSession();
  return <Result status="403" title={t('app:notForKind.title')} subTitle={t('app:notForKind.description', { kind: t(`domain:kind.${institutionKindOf(institution)}`) })} extra={<Link to="/">{t('app:noPermission.back')}</Link>} />;
}

export default function AreaReportPage() {
  const { institution } = useSession();
  if (institutionKindOf(institution) !== 'justice_bureau') return <NotABureau />;
  return (
    <RequireRole roles={['admin', 'director']}>
      <AreaScreen />
    </RequireRole>
  );
}
