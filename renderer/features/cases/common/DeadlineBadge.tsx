// A deadline with how urgent it is: plain while far off, orange in the warning period and on the
// last day, red once passed. The colour is never the only signal: the text says it too.
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { deadlineState } from '../../../../shared/domain/deadlines';
import { daysLeft } from '../../../kit/format';

export interface DeadlineBadgeProps {
  deadline: string | null;
  today: string;
  warningDays: number;
  /** Show "N days left" after the date (case page); the list keeps it short. */
  verbose?: boolean;
}

export function DeadlineBadge({ deadline, today, warningDays, verbose }: DeadlineBadgeProps) {
  const { t } = useTranslation('cases');
  if (!deadline) return <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>;
  const state = deadlineState(deadline, today, warningDays);
  const left = daysLeft(deadline, today);
  const remaining =
    state === 'overdue' ? t('deadline.overdueBy', { days: -left }) : state === 'due_today' ? t('deadline.dueToday') : t('deadline.daysLeft', { days: left });
  return (
    <span>
      <Typography.Text>{deadline}</Typography.Text>{' '}
      {state === 'overdue' && <Tag color="red">{verbose ? remaining : t('deadline.overdue')}</Tag>}
      {(state === 'warning' || state === 'due_today') && <Tag color="orange">{verbose ? remaining : t('deadline.warning')}</Tag>}
      {state === 'ok' && verbose && <Typography.Text type="secondary">{remaining}</Typography.Text>}
    </span>
  );
}
