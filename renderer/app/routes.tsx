// The URL is the state of navigation (hash routing works from app:// and any static server, and
// every view can be bookmarked). Every feature screen is its own lazily loaded chunk.
import { lazy, useEffect } from 'react';
import { type RouteObject } from 'react-router';
import { RequireSession } from '../features/auth/session';
import { AppLayout } from './AppLayout';
import { RouteErrorPage } from './ErrorBoundary';
import { NotFound, RequireKindFeature, StartPage } from './results';
import { Lazy } from './Lazy';

const SetupPage = lazy(() => import('../features/auth/SetupPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const loadCases = () => import('../features/cases/CasesRoutes');
const CasesRoutes = lazy(loadCases);
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const BackupPage = lazy(() => import('../features/backup/BackupPage'));
const CourtRoutes = lazy(() => import('../features/court/CourtRoutes'));

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
      { path: '/setup', element: <Lazy component={SetupPage} /> },
      { path: '/login', element: <Lazy component={LoginPage} /> },
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
              { path: '/admin/users', element: <UsersPage /> },
              { path: '/settings', element: <SettingsPage /> },
              { path: '/backup', element: <BackupPage /> },
              {
                path: '/court/*',
                element: (
                  <RequireKindFeature feature="receivesPackages">
                    <CourtRoutes />
                  </RequireKindFeature>
                ),
              },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
];
