import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App, Localized, startI18n } from './app/App';
import { JOIN_ROUTE } from '../shared/sessions/invitation';

// A party opening an invitation link gets the join page alone: no workstation database, no sign-in.
const JoinApp = lazy(() => import('./features/sessions').then((sessions) => ({ default: sessions.JoinApp })));
const isJoinLink = globalThis.location.hash.startsWith(`#${JOIN_ROUTE}`);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    {isJoinLink ? (
      <Suspense fallback={<div aria-busy="true" style={{ minHeight: '100vh' }} />}>
        <JoinApp startI18n={startI18n} Localized={Localized} />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
