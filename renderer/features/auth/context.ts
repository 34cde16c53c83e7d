// The session's two contexts and the hooks that read them. Apart from the provider (session.tsx)
// so that what is drawn inside the session (the lock screen, the guards) reads it without
// importing the provider that draws them.
import { createContext, useContext } from 'react';
import type { Institution, Settings, User } from '../../../shared/domain/model';

export type SignInResult = { ok: true; user: User } | { ok: false; code: string; params?: Record<string, unknown> };

export interface AuthState {
  loaded: boolean;
  institution: Institution | null;
  settings: Settings | null;
  user: User | null;
  locked: boolean;
}

export interface AuthContextValue extends AuthState {
  signIn(username: string, password: string): Promise<SignInResult>;
  signOut(): void;
  lock(): void;
  /** Checks the signed-in user's password again and lifts the lock. */
  unlock(password: string): Promise<SignInResult>;
  /** Re-reads institution, settings and the signed-in user after something changed them. */
  reload(): Promise<void>;
}

/** What screens behind the guard get: everything is there, nothing is null. */
export interface SessionValue {
  readonly user: User;
  readonly institution: Institution;
  readonly settings: Settings;
  signOut(): void;
  lock(): void;
  reload(): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);
export const SessionContext = createContext<SessionValue | null>(null);

/** The raw authentication state, for the first-run and sign-in screens (user may be null). */
export function useAuth(): AuthContextValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() was called outside <SessionProvider>.');
  return auth;
}

/** The signed-in session; only inside <RequireSession>. */
export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() was called outside a signed-in route (<RequireSession>).');
  return session;
}
