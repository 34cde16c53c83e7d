// The auth feature's full-page screens, each its own chunk: the door is loaded with the app (the
// session provider is in it), so the screens are handed out lazily to keep them out of that load.
import { lazy } from 'react';

export const SetupPage = lazy(() => import('./SetupPage'));
export const LoginPage = lazy(() => import('./LoginPage'));
