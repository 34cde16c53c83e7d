// The court clerk's intake under /court: the received packages with the import and the court's
// settings (/court), and one filing's verification result and actions (/court/:sha256).
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { NoPermission, useSession } from '../auth';
import { mayUseCourtIntake } from './permissions';

const CourtPage = lazy(() => import('./CourtPage'));
const FilingPage = lazy(() => import('./FilingPage'));

function Loading() {
  const { t } = useTranslation('app');
  return <Spin aria-label={t('loading')} />;
}

export default function CourtRoutes() {
  const { user } = useSession();
  if (!mayUseCourtIntake(user)) return <NoPermission />;
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<CourtPage />} />
        <Route path=":sha256" element={<FilingPage />} />
      </Routes>
    </Suspense>
  );
}
