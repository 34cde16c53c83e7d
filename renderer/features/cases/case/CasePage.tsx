// One case: number, category, status and deadlines on top; lifecycle moves and assignment for
// those who may change it; parties, details, the audit timeline and the tabs later work fills.
// The controller is useCasePage; the parts are CaseHeader and CaseOverview.
import { Link } from 'react-router';
import { Button, Flex, Result, Spin, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AgreementTab } from '../../agreements';
import { ConfirmationTab } from '../../confirmation';
import { EvidenceTab } from '../../evidence';
import { SessionsTab } from '../../sessions';
import { TerminationTab } from '../../referrals';
import { CaseHeader } from './CaseHeader';
import { CaseOverview } from './CaseOverview';
import { CaseTimeline } from './Timeline';
import { useCasePage } from './useCasePage';

export default function CasePage() {
  const { t } = useTranslation(['cases', 'domain']);
  const page = useCasePage();
  const { state, record, user } = page;

  if (state.status === 'loading') return <Spin aria-label={t('cases:page.loading')} />;
  if (state.status === 'failed')
    return <Result status="error" title={t('cases:page.loadFailed')} subTitle={String(state.error)} extra={<Button onClick={() => void state.reload()}>{t('cases:list.retry')}</Button>} />;
  if (state.status === 'missing' || !record)
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

  return (
    <Flex vertical gap={16}>
      <Link to="/cases">
        <ArrowLeftOutlined aria-hidden /> {t('cases:page.back')}
      </Link>
      <CaseHeader page={page} record={record} />
      <Tabs
        defaultActiveKey="overview"
        onChange={(key) => {
          if (key === 'timeline') state.refreshEvents();
          // Signatures may arrive from a video session meanwhile: the tab reads afresh each time it opens.
          if (key === 'confirmation') page.visitConfirmation();
        }}
        items={[
          { key: 'overview', label: t('cases:page.tab.overview'), children: <CaseOverview page={page} record={record} /> },
          { key: 'timeline', label: t('cases:page.tab.timeline'), children: <CaseTimeline events={state.events} users={page.users} category={record.category} /> },
          { key: 'evidence', label: t('cases:page.tab.evidence'), children: <EvidenceTab record={record} user={user} /> },
          { key: 'sessions', label: t('cases:page.tab.sessions'), children: <SessionsTab record={record} user={user} /> },
          { key: 'agreement', label: t('cases:page.tab.agreement'), children: <AgreementTab record={record} user={user} onCaseChanged={() => void state.reload()} /> },
          { key: 'confirmation', label: t('cases:page.tab.confirmation'), children: <ConfirmationTab key={page.confirmationVisits} record={record} user={user} onCaseChanged={() => void state.reload()} /> },
          { key: 'termination', label: t('referrals:tab'), children: <TerminationTab record={record} user={user} onCaseChanged={() => void state.reload()} /> },
        ]}
      />
    </Flex>
  );
}
