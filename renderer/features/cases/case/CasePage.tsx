// One case: number, category, status and deadlines on top; lifecycle moves and assignment for
// those who may change it; parties, details, the audit timeline and the tabs later work fills.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Flex, Result, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/domain/model';
import { canEditCase } from '../../../../shared/domain/permissions';
import { useSession } from '../../auth/session';
import { DeadlineBadge } from '../common/DeadlineBadge';
import { StatusTag } from '../common/StatusTag';
import { useCategoryName } from '../common/categories';
import { institutionToday } from '../../../kit/format';
import { formatDateTime } from '../../../kit/time';
import { useLang } from '../../../kit/useLang';
import { useUsers } from '../common/useUsers';
import { AssignMediator } from './AssignMediator';
import { CaseDetails } from './CaseDetails';
import { ChangedNotice } from './ChangedNotice';
import { EditDetails } from './EditDetails';
import { ExtendDeadline } from './ExtendDeadline';
import { AgreementTab } from '../../agreements/AgreementTab';
import { ConfirmationTab } from '../../confirmation/ConfirmationTab';
import { EvidenceTab } from '../../evidence/EvidenceTab';
import { SessionsTab } from '../../sessions/SessionsTab';
import { LifecycleActions } from './LifecycleActions';
import { StatusBasisTag } from '../../acts/StatusBasisTag';
import { PartiesBlock } from './PartiesBlock';
import { CaseTimeline } from './Timeline';
import { useCaseRecord } from './useCaseRecord';

const MEDIATION_RUNNING = new Set(['accepted', 'in_mediation']);

export default function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const categoryName = useCategoryName();
  const { user, settings } = useSession();
  const users = useUsers();
  const data = useCaseRecord(caseId, user);
  const [changed, setChanged] = useState<Case | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirmationVisits, setConfirmationVisits] = useState(0);
  // Read on every render: a case page left open past midnight shows the new day's deadlines.
  const today = institutionToday();

  if (data.status === 'loading') return <Spin aria-label={t('cases:page.loading')} />;
  if (data.status === 'failed')
    return <Result status="error" title={t('cases:page.loadFailed')} subTitle={String(data.error)} extra={<Button onClick={() => void data.reload()}>{t('cases:list.retry')}</Button>} />;
  if (data.status === 'missing' || !data.record)
    return (
      <Result
        status="404"
        title={t('cases:page.missing')}
        subTitle={t('cases:page.missingHelp')}
        extra={
          <Link to="/cases">
            <ArrowLeftOutlined aria-hidden /> {t('cases:page.back')}
          </Link>
        }
      />
    );

  const record = data.record;
  const canEdit = canEditCase(user, record);
  const onSaved = (saved: Case) => {
    setChanged(null);
    data.accept(saved);
  };
  const onChanged = (current: Case) => setChanged(current);
  const reloadAfterChange = () => {
    setChanged(null);
    void data.reload();
  };

  const deadlineItems = [
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

  const overview = (
    <Flex vertical gap={24}>
      <section aria-labelledby="parties-heading">
        <Typography.Title level={2} style={{ fontSize: 24 }} id="parties-heading">
          {t('cases:page.parties')}
        </Typography.Title>
        <PartiesBlock parties={data.parties} user={user} onRevealed={() => void data.reload()} />
      </section>
      <section aria-labelledby="details-heading">
        <Flex justify="space-between" align="center">
          <Typography.Title level={2} style={{ fontSize: 24 }} id="details-heading">
            {t('cases:page.detailsHeading')}
          </Typography.Title>
          {canEdit && !editing && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t('cases:edit.start')}
            </Button>
          )}
        </Flex>
        {editing ? (
          <EditDetails
            record={record}
            user={user}
            onSaved={(saved) => {
              setEditing(false);
              onSaved(saved);
            }}
            onChanged={onChanged}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <CaseDetails record={record} />
        )}
      </section>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Link to="/cases">
        <ArrowLeftOutlined aria-hidden /> {t('cases:page.back')}
      </Link>
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={12} align="center" wrap>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }} data-testid="case-number">
              {record.number}
            </Typography.Title>
            <Tag>{categoryName(record.category)}</Tag>
            <span data-testid="case-status">
              <StatusTag status={record.status} />
            </span>
            <StatusBasisTag record={record} />
          </Flex>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={deadlineItems} />
          <AssignMediator record={record} user={user} users={users} canEdit={canEdit} onSaved={onSaved} onChanged={onChanged} />
          {changed && <ChangedNotice current={changed} users={users} onReload={reloadAfterChange} keepsEdits={editing} />}
          {canEdit ? (
            <LifecycleActions record={record} user={user} today={today} onSaved={onSaved} onChanged={onChanged} />
          ) : (
            <Alert type="info" showIcon message={t('cases:page.readOnly', { role: t(`domain:role.${user.role}`) })} />
          )}
        </Flex>
      </Card>
      <Tabs
        defaultActiveKey="overview"
        onChange={(key) => {
          if (key === 'timeline') data.refreshEvents();
          // Signatures may arrive from a video session meanwhile: the tab reads afresh each time it opens.
          if (key === 'confirmation') setConfirmationVisits((n) => n + 1);
        }}
        items={[
          { key: 'overview', label: t('cases:page.tab.overview'), children: overview },
          { key: 'timeline', label: t('cases:page.tab.timeline'), children: <CaseTimeline events={data.events} users={users} category={record.category} /> },
          { key: 'evidence', label: t('cases:page.tab.evidence'), children: <EvidenceTab record={record} user={user} /> },
          { key: 'sessions', label: t('cases:page.tab.sessions'), children: <SessionsTab record={record} user={user} /> },
          { key: 'agreement', label: t('cases:page.tab.agreement'), children: <AgreementTab record={record} user={user} onCaseChanged={() => void data.reload()} /> },
          { key: 'confirmation', label: t('cases:page.tab.confirmation'), children: <ConfirmationTab key={confirmationVisits} record={record} user={user} onCaseChanged={() => void data.reload()} /> },
        ]}
      />
    </Flex>
  );
}
