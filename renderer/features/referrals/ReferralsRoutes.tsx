// 转介 under /referrals: the referrals received and sent with the imports (/referrals), and a new
// referral (/referrals/new, filled from a consultation when one hands its particulars over).
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { NoPermission, useSession } from '../auth';
import { mayWorkReferrals } from './permissions';

const ReferralsPage = lazy(() => import('./ReferralsPage'));
const ReferralFormPage = lazy(() => import('./ReferralFormPage'));

function Loading() {
  const { t } = useTranslation('app');
  return <Spin aria-label={t('loading')} />;
}

export default function ReferralsRoutes() {
  const { user } = useSession();
  if (!mayWorkReferrals(user)) return <NoPermission />;
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<ReferralsPage />} />
        <Route path="new" element={<ReferralFormPage />} />
      </Routes>
    </Suspense>
  );
}
