// The desk under /consultations: the register (index), a new consultation (/new) and one
// consultation (/:id), each its own chunk. `actions`: what other features add on a consultation's
// page (the referral's "Refer"), passed in by the shell.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsultationActions } from './view/ConsultationPage';

const DeskPage = lazy(() => import('./desk/DeskPage'));
const NewConsultationPage = lazy(() => import('./form/NewConsultationPage'));
const ConsultationPage = lazy(() => import('./view/ConsultationPage'));

function Loading() {
  const { t } = useTranslation('consultations');
  return <Spin aria-label={t('desk.loading')} />;
}

export function ConsultationsRoutes({ actions }: { actions?: ConsultationActions }) {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<DeskPage />} />
        <Route path="new" element={<NewConsultationPage />} />
        <Route path=":id" element={<ConsultationPage {...(actions ? { actions } : {})} />} />
      </Routes>
    </Suspense>
  );
}
