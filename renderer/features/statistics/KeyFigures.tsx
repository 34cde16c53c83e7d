// The dashboard's key figures: received, settled, success rate, the amount the agreements cover,
// the median time to agreement, and the deadlines at risk today (the overdue ones open their list).
import { Card, Flex, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFen } from '../../../shared/domain/money';
import { caseListSearch, type DashboardFigures, type DashboardFilter } from '../../../shared/statistics/dashboard';
import { formatCount } from '../../kit/format';
import { useLang } from '../../kit/useLang';

export function KeyFigures({ figures, filter }: { figures: DashboardFigures; filter: DashboardFilter }) {
  const { t } = useTranslation('statistics');
  const language = useLang();
  const count = (n: number) => formatCount(n, language);
  const rate = figures.successRate === null ? t('kpi.none') : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(figures.successRate);
  const median = figures.duration.median === null ? t('kpi.none') : t('kpi.days', { count: figures.duration.median });
  const { mediation, confirmation } = figures.deadlines;
  const overdue = mediation.overdue + confirmation.overdue;
  return (
    <Card size="small" role="region" aria-label={t('kpi.label')}>
      <Flex wrap gap={32}>
        <div data-testid="kpi-received">
          <Statistic title={t('kpi.received')} value={count(figures.received)} />
        </div>
        <div data-testid="kpi-settled">
          <Statistic title={t('kpi.settled')} value={count(figures.settled)} />
        </div>
        <Statistic title={t('kpi.successRate')} value={rate} />
        <Statistic title={t('kpi.amount')} value={formatFen(figures.amountFen, language)} />
        <Statistic title={t('kpi.median')} value={median} />
        <Statistic title={t('kpi.mediationOverdue')} value={count(mediation.overdue)} />
        <Statistic title={t('kpi.mediationSoon')} value={count(mediation.dueSoon)} />
        <Statistic title={t('kpi.confirmationOverdue')} value={count(confirmation.overdue)} />
        <Statistic title={t('kpi.confirmationSoon')} value={count(confirmation.dueSoon)} />
      </Flex>
      {overdue > 0 && (
        <Link to={`/cases?${caseListSearch(filter, { overdue: true })}`} style={{ display: 'inline-block', marginTop: 8 }}>
          {t('kpi.openOverdue')}
        </Link>
      )}
    </Card>
  );
}
