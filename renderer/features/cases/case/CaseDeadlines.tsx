// The case's dates under its number: registered, the mediation time limit (extendable while
// mediation runs), and once an agreement took effect, the window for judicial confirmation.
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, Settings, User } from '../../../../shared/domain/model';
import { formatDateTime } from '../../../kit/time';
import { useLang } from '../../../kit/useLang';
import { DeadlineBadge } from '../common/DeadlineBadge';
import { ExtendDeadline } from './ExtendDeadline';

const MEDIATION_RUNNING = new Set(['accepted', 'in_mediation']);

export interface CaseDeadlinesProps {
  record: Case;
  user: User;
  settings: Settings;
  today: string;
  canEdit: boolean;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
}

export function CaseDeadlines({ record, user, settings, today, canEdit, onSaved, onChanged }: CaseDeadlinesProps) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const items = [
    {
      key: 'registered',
      label: t('cases:page.registeredAt'),
      children: formatDateTime(record.registeredAt, language),
    },
    {
      key: 'mediation',
      label: t('cases:page.mediationDeadline'),
      children: record.mediationDeadline ? (
        MEDIATION_RUNNING.has(record.status) ? (
          <Flex gap={8} align="center" wrap>
            <DeadlineBadge deadline={record.mediationDeadline} today={today} warningDays={settings.deadlineWarningDays} verbose />
            {canEdit && <ExtendDeadline record={record} user={user} onSaved={onSaved} onChanged={onChanged} />}
          </Flex>
        ) : (
          record.mediationDeadline
        )
      ) : (
        <Typography.Text type="secondary">{t('cases:page.mediationDeadlineNotYet')}</Typography.Text>
      ),
    },
    ...(record.agreementEffectiveOn
      ? [
          { key: 'agreement', label: t('cases:page.agreementEffectiveOn'), children: record.agreementEffectiveOn },
          {
            key: 'confirmation',
            label: t('cases:page.confirmationDeadline'),
            children:
              record.status === 'agreement_reached' ? (
                <DeadlineBadge deadline={record.confirmationDeadline} today={today} warningDays={settings.deadlineWarningDays} verbose />
              ) : (
                <span>
                  {record.confirmationDeadline}{' '}
                  {record.status !== 'archived' && <Tag>{t('cases:page.confirmationApplied')}</Tag>}
                </span>
              ),
          },
        ]
      : []),
  ];
  return <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={items} />;
}
