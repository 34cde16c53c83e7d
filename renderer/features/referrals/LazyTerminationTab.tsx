// The termination tab as the case page hosts it: loaded when first shown, so the door stays light
// for the shell (which asks it who works referrals) and the tab's PDF and signing code load late.
import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, User } from '../../../shared/domain/model';

const Tab = lazy(() => import('./TerminationTab'));

export function TerminationTab(props: { record: Case; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation('referrals');
  return (
    <Suspense fallback={<Spin aria-label={t('termination.loading')} />}>
      <Tab {...props} />
    </Suspense>
  );
}
