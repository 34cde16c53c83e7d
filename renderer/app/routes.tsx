// The URL is the state of navigation (hash routing works from app:// and any static server, and
// every view can be bookmarked). Every feature screen is its own lazily loaded chunk.
import { lazy, Suspense, useEffect } from 'react';
import { type RouteObject } from 'react-router';
import { LoginPage, RequireKindFeature, RequireSession, SetupPage } from '../features/auth';
// The court's door is loaded with the shell (the menu asks who works its intake); its screens load lazily.
import { CourtRoutes } from '../features/court';
// The desk's door too (the menu and the start page ask who uses it); its screens load lazily.
import { ConsultationsRoutes, type ConsultationActions } from '../features/consultations';
import { AppLayout } from './AppLayout';
import { RouteErrorPage } from './ErrorBoundary';
import { NotFound } from './results';
import { StartPage } from './StartPage';
import { Lazy } from './Lazy';

// A feature's door loaded on demand, and one of its screens out of it.
const loadCases = () => import('../features/cases');
const CasesRoutes = lazy(() => loadCases().then((m) => ({ default: m.CasesRoutes })));
const UsersPage = lazy(() => import('../features/admin').then((m) => ({ default: m.UsersPage })));
const SettingsPage = lazy(() => import('../features/settings').then((m) => ({ default: m.SettingsPage })));
const BackupPage = lazy(() => import('../features/backup').then((m) => ({ default: m.BackupPage })));
const ReportPage = lazy(() => import('../features/report').then((m) => ({ default: m.ReportPage })));
const AreaReportPage = lazy(() => import('../features/report').then((m) => ({ default: m.AreaReportPage })));
const StatisticsPage = lazy(() => import('../features/statistics').then((m) => ({ default: m.StatisticsPage })));
const RestorePanel = lazy(() => import('../features/backup').then((m) => ({ default: m.RestorePanel })));
const ReferralsRoutes = lazy(() => import('../features/referrals').then((m) => ({ default: m.ReferralsRoutes })));
const ReferConsultationButton = lazy(() => import('../features/referrals').then((m) => ({ default: m.ReferConsultationButton })));
const HallRoutes = lazy(() => import('../features/hall').then((m) => ({ default: m.HallRoutes })));
const HallDisplayPage = lazy(() => import('../features/hall').then((m) => ({ default: m.DisplayPage })));

/** What a consultation's page offers from other features: the referral's 转介此纠纷. */
const consultationActions: ConsultationActions = (consultation) => (
  <Suspense fallback={null}>
    <ReferConsultationButton consultation={consultation} />
  </Suspense>
);

/**
 * The case list is where a signed-in user goes most; fetching its chunk as soon as a session
 * exists (whatever screen is open) keeps its download and parse out of the first navigation there.
 */
function PrefetchCases() {
  useEffect(() => {
    void loadCases().catch(() => {
      // A failed prefetch is retried by the lazy route itself, which shows its own error.
    });
  }, []);
  return null;
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: '/setup',
        element: (
          <Lazy>
            {/* First run may restore another workstation's backup instead: the backup feature's panel. */}
            <SetupPage
              restore={(onRestored) => (
                <Suspense fallback={null}>
                  <RestorePanel confirmReplace={false} onRestored={onRestored} />
                </Suspense>
              )}
            />
          </Lazy>
        ),
      },
      {
        // The hall's waiting-area display: no session, no frame, numbers and desks only.
        path: '/hall/display',
        element: (
          <Lazy>
            <HallDisplayPage />
          </Lazy>
        ),
      },
      {
        path: '/login',
        element: (
          <Lazy>
            <LoginPage />
          </Lazy>
        ),
      },
      {
        element: (
          <RequireSession>
            <PrefetchCases />
            <AppLayout />
          </RequireSession>
        ),
        children: [
          {
            // Inside the frame, so that a failing screen keeps the navigation around it.
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: <StartPage /> },
              {
                path: '/cases/*',
                element: (
                  <RequireKindFeature feature="mediatesCases">
                    <CasesRoutes />
                  </RequireKindFeature>
                ),
              },
              { path: '/hall/*', element: <HallRoutes /> },
              {
                path: '/consultations/*',
                element: (
                  <RequireKindFeature feature="mediatesCases">
                    <ConsultationsRoutes actions={consultationActions} />
                  </RequireKindFeature>
                ),
              },
              {
                path: '/statistics',
                element: (
                  <RequireKindFeature feature="mediatesCases">
                    <StatisticsPage />
                  </RequireKindFeature>
                ),
              },
              { path: '/admin/users', element: <UsersPage /> },
              { path: '/settings', element: <SettingsPage /> },
              { path: '/backup', element: <BackupPage /> },
              {
                path: '/report',
                element: (
                  <RequireKindFeature feature="mediatesCases">
                    <ReportPage />
                  </RequireKindFeature>
                ),
              },
              { path: '/report/area', element: <AreaReportPage /> },
              {
                path: '/court/*',
                element: (
                  <RequireKindFeature feature="receivesPackages">
                    <CourtRoutes />
                  </RequireKindFeature>
                ),
              },
              { path: '/referrals/*', element: <ReferralsRoutes /> },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
];
