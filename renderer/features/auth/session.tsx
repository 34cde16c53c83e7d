// Who is signed in, to which institution, with which settings — and the screen lock.
// The session lives in memory only: reloading the window or closing it signs the user out, so
// nothing on disk lets a passer-by in. Route guards send the user to first run when no
// institution exists yet and to the sign-in screen when nobody is signed in.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { ErrorResult } from '../../app/ErrorBoundary';
import { authenticate, getInstitution, getSettings } from './accounts';
import { AuthContext, SessionContext, useAuth, type AuthContextValue, type AuthState, type SessionValue, type SignInResult } from './context';
import { LockScreen } from './LockScreen';
import { IdleLock } from './IdleLock';

function signInResult(result: Awaited<ReturnType<typeof authenticate>>): SignInResult {
  return result.ok ? { ok: true, user: result.value } : { ok: false, code: result.error.code, params: result.error.params };
}

/**
 * `onLock` runs at sign-out and at the screen lock: the app forgets there what was unlocked for
 * the session (the institution key unsealed for signing).
 */
export function SessionProvider({ children, onLock }: { children: ReactNode; onLock?: () => void }) {
  const { data } = useServices();
  const [state, setState] = useState<AuthState>({ loaded: false, institution: null, settings: null, user: null, locked: false });

  // Read by reload() without making reload change identity whenever the user does.
  const userIdRef = useRef<string | null>(null);
  useEffect(() => {
    userIdRef.current = state.user?.id ?? null;
  }, [state.user]);

  const reload = useCallback(async () => {
    const id = userIdRef.current;
    const [found, settings, fresh] = await Promise.all([getInstitution(data), getSettings(data), id ? data.accounts.get(id) : Promise.resolve(undefined)]);
    const institution = found ?? null;
    setState((previous) => {
      let user = previous.user;
      // An administrator may have changed the signed-in account's role or deactivated it.
      if (id && previous.user?.id === id) user = fresh && fresh.active ? fresh : null;
      return { ...previous, loaded: true, institution, settings, user, locked: user ? previous.locked : false };
    });
  }, [data]);

  // The database could not be read (blocked by an old window, storage disabled): say so instead
  // of spinning for ever.
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    reload().catch((error: unknown) => setFailure(error ?? new Error('unknown')));
  }, [reload]);

  const signIn = useCallback(
    async (username: string, password: string): Promise<SignInResult> => {
      const result = signInResult(await authenticate(data, username, password));
      if (result.ok) setState((previous) => ({ ...previous, user: result.user, locked: false }));
      return result;
    },
    [data],
  );

  // What was unlocked for the session is forgotten with it and at the screen lock.
  const onLockRef = useRef(onLock);
  useEffect(() => {
    onLockRef.current = onLock;
  }, [onLock]);
  const signOut = useCallback(() => {
    onLockRef.current?.();
    setState((previous) => ({ ...previous, user: null, locked: false }));
  }, []);
  const lock = useCallback(() => {
    onLockRef.current?.();
    setState((previous) => (previous.user ? { ...previous, locked: true } : previous));
  }, []);

  const unlock = useCallback(
    async (password: string): Promise<SignInResult> => {
      const username = state.user?.username;
      if (!username) return { ok: false, code: 'auth.not_signed_in' };
      const result = signInResult(await authenticate(data, username, password));
      if (result.ok) setState((previous) => ({ ...previous, user: result.user, locked: false }));
      return result;
    },
    [data, state.user?.username],
  );

  const value = useMemo<AuthContextValue>(() => ({ ...state, signIn, signOut, lock, unlock, reload }), [state, signIn, signOut, lock, unlock, reload]);
  if (failure) return <ErrorResult error={failure} />;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function FullPageSpinner() {
  const { t } = useTranslation('app');
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" aria-label={t('loading')} />
    </div>
  );
}

/** Guard for every signed-in screen; also runs the idle lock and shows the lock screen. */
export function RequireSession({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { user, institution, settings, signOut, lock, reload } = auth;
  const session = useMemo<SessionValue | null>(
    () => (user && institution && settings ? { user, institution, settings, signOut, lock, reload } : null),
    [user, institution, settings, signOut, lock, reload],
  );
  if (!auth.loaded) return <FullPageSpinner />;
  if (!institution) return <Navigate to="/setup" replace />;
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <SessionContext.Provider value={session}>
      {/* The lock covers the screen without unmounting it, so unsaved input survives. */}
      <div inert={auth.locked}>{children}</div>
      <IdleLock minutes={session.settings.idleLockMinutes} locked={auth.locked} onIdle={lock} />
      {auth.locked && <LockScreen />}
    </SessionContext.Provider>
  );
}

