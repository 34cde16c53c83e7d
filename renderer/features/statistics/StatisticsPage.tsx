// The statistics dashboard (issue 19 item 1): filters, key figures, hotspots (item 4) and charts, each chart with its
// data table, every figure from the aggregate the data layer keeps on every write (never a scan of
// the cases when the page opens). A click on a bar, a slice or a table row opens the case list
// filtered to the cases it counts. Below them, for an institution whose register holds any, the
// consultations of the legal-service desk (by topic, outcome and referral rate).
import { useCallback, useMemo } from 'react';
import { Alert, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useProblemText } from '../../kit/problem-text';
import { problem, type Problem } from '../../../shared/problem';
import { useLang } from '../../kit/useLang';
import { NoPermission } from '../auth';
import { ChartPanel } from './ChartPanel';
import { ConsultationsCard } from './ConsultationsCard';
import { dashboardCharts } from './dashboard-charts';
import { DashboardFilters } from './DashboardFilters';
import { HotspotsCard } from './HotspotsCard';
import { KeyFigures } from './KeyFigures';
import { useDashboard } from './useDashboard';

/** A data-layer refusal carries its Problem; anything else is said as the shell's unexpected error. */
function problemOf(error: unknown): Problem {
  const carried = (error as { problem?: Problem } | null)?.problem;
  return carried && typeof carried.key === 'string' ? carried : problem('unexpected', {});
}

export function StatisticsPage() {
  const { t } = useTranslation(['statistics', 'domain']);
  const language = useLang();
  const problems = useProblemText();
  const navigate = useNavigate();
  const { scope, filter, setFilter, figures, hotspots, repeats, consultations, years, users, error } = useDashboard();
  const charts = useMemo(() => (figures ? dashboardCharts({ figures, filter, users, language, t }) : []), [figures, filter, users, language, t]);
  const open = useCallback((search: string) => navigate(`/cases?${search}`), [navigate]);

  if (!scope) return <NoPermission />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {scope.kind === 'own' ? t('ownTitle') : t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')} {t('chart.openHint')}
      </Typography.Paragraph>
      <DashboardFilters filter={filter} onChange={setFilter} years={years} users={users} showMediator={scope.kind === 'institution'} />
      {error !== null && <Alert type="error" showIcon role="alert" message={t('unreadable', { reason: problems.text(problemOf(error)) })} />}
      {!figures && error === null && <Spin aria-label={t('loading')} />}
      {figures && (
        <>
          <KeyFigures figures={figures} filter={filter} />
          {hotspots && <HotspotsCard hotspots={hotspots} repeats={repeats} filter={filter} />}
          {charts.map((chart) => (
            <ChartPanel key={chart.id} chart={chart} onOpen={open} note={chart.series.some((s) => !s.opens) && chart.kind !== 'pie' ? t('chart.noOpen') : undefined} />
          ))}
          {consultations && <ConsultationsCard figures={consultations} />}
        </>
      )}
    </Flex>
  );
}
