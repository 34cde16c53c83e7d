// The cases feature under /cases: the list, intake (/cases/new) and one case (/cases/:caseId).
// Each screen is its own chunk, so the list (the first screen after sign-in) loads alone.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

const CaseListPage = lazy(() => import('./list/CaseListPage'));
const IntakePage = lazy(() => import('./intake/IntakePage'));
const CasePage = lazy(() => import('./case/CasePage'));

function Loading() {
  const { t } = useTranslation('cases');
  return <Spin aria-label={t('list.loading')} />;
}

export function CasesRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<CaseListPage />} />
        <Route path="new" element={<IntakePage />} />
        <Route path=":caseId" element={<CasePage />} />
      </Routes>
    </Suspense>
  );
}
