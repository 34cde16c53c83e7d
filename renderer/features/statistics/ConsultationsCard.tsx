// The legal-service desk's consultations in the dashboard (issue 19 item 1), for an institution
// whose register holds any: how many, how many were referred on and the referral rate, by topic and
// by outcome — each chart with its data table beside it, as the case charts have.
import { useMemo } from 'react';
import { Card, Flex, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { OUTCOME_NAMES } from '../../../shared/consultation/names';
import { topicName } from '../../../shared/consultation/topics';
import type { ConsultationTopic } from '../../../shared/consultation/topics';
import type { ConsultationFigures } from '../../../shared/statistics/dashboard';
import { formatCount } from '../../kit/format';
import { useLang } from '../../kit/useLang';
import type { ChartData } from './chart-data';
import { ChartPanel } from './ChartPanel';

const nothing = () => undefined;

export function ConsultationsCard({ figures }: { figures: ConsultationFigures }) {
  const { t } = useTranslation('statistics');
  const language = useLang();
  const rate = figures.referralRate === null ? t('kpi.none') : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(figures.referralRate);
  const charts = useMemo<ChartData[]>(
    () => [
      {
        id: 'consultation-topic',
        title: t('consultations.byTopic'),
        kind: 'hbar',
        rows: figures.byTopic.map((r) => ({ label: topicName(r.topic as ConsultationTopic)[language] })),
        series: [
          { name: t('consultations.count'), values: figures.byTopic.map((r) => r.count), opens: false },
          { name: t('consultations.referredSeries'), values: figures.byTopic.map((r) => r.referred), opens: false },
        ],
      },
      {
        id: 'consultation-outcome',
        title: t('consultations.byOutcome'),
        kind: 'pie',
        rows: figures.byOutcome.map((r) => ({ label: OUTCOME_NAMES[r.outcome][language] })),
        series: [{ name: t('consultations.count'), values: figures.byOutcome.map((r) => r.count), opens: false }],
      },
    ],
    [figures, language, t],
  );
  return (
    <Flex vertical gap={16}>
        <Card size="small" role="region" aria-labelledby="consultations-title" title={<h2 id="consultations-title" style={{ margin: 0, fontSize: 16 }}>{t('consultations.title')}</h2>}>
          <Flex wrap gap={32}>
            <div data-testid="kpi-consultations">
              <Statistic title={t('consultations.total')} value={formatCount(figures.total, language)} />
            </div>
            <div data-testid="kpi-consultations-referred">
              <Statistic title={t('consultations.referred')} value={formatCount(figures.referred, language)} />
            </div>
            <div data-testid="kpi-referral-rate">
              <Statistic title={t('consultations.referralRate')} value={rate} />
            </div>
          </Flex>
        </Card>
        {charts.map((chart) => (
          <ChartPanel key={chart.id} chart={chart} onOpen={nothing} />
      ))}
    </Flex>
  );
}
