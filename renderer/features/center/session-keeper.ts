// The signed-in center session kept across a reload of the page (issue 17 item 2), in the tab's
// sessionStorage: the server's token and the account it signed in. Why there and not elsewhere
// (docs/architecture.md, "The center session across a reload"): the page already holds the token
// in memory and sends it with every relayed request, so a script able to read this tab's
// sessionStorage could read it there too; sessionStorage is this tab's only (another tab or
// window signs in for itself), ends when the tab is closed, and is never in a backup. The token
// stays the server's to end: it expires there (12 hours, 2 hours unused), signing out revokes it
// and removes it here, and a token the server no longer accepts is removed at its first refusal.
// It belongs to the local account signed in when it began: when another local account signs in on
// the page, the server session is signed out rather than inherited.
import { z } from 'zod';
import { accountViewSchema, type AccountView } from '../../../shared/server/api';

export const CENTER_SESSION_KEY = 'mw.center.session';

/** Where the session is kept: the tab's sessionStorage in the app, a map in tests. */
export interface SessionKeeper {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const keptSchema = z.strictObject({
  workstationId: z.string(),
  token: z.string().min(1).max(512),
  account: accountViewSchema,
  /** The local account signed in on the page when the server session began: another never takes it over. */
  localUser: z.string().nullable(),
});
export type KeptSession = z.infer<typeof keptSchema>;

export function tabSessionKeeper(): SessionKeeper | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // A page whose storage is refused: the session lives in memory only, as before.
    return null;
  }
}

/** The session kept for this membership (the workstation's id on the server), or null. */
export function readKeptSession(keeper: SessionKeeper | null, workstationId: string): KeptSession | null {
  try {
    const raw = keeper?.getItem(CENTER_SESSION_KEY);
    if (!raw) return null;
    const kept = keptSchema.safeParse(JSON.parse(raw));
    if (!kept.success || kept.data.workstationId !== workstationId) {
      keeper?.removeItem(CENTER_SESSION_KEY);
      return null;
    }
    return kept.data;
  } catch {
    return null;
  }
}

export function keepSession(keeper: SessionKeeper | null, workstationId: string, token: string, account: AccountView, localUser: string | null): void {
  try {
    keeper?.setItem(CENTER_SESSION_KEY, JSON.stringify({ workstationId, token, account, localUser }));
  } catch {
    // Storage full or refused: the session still holds in memory until the page goes.
  }
}

export function forgetSession(keeper: SessionKeeper | null): void {
  try {
    keeper?.removeItem(CENTER_SESSION_KEY);
  } catch {
    // Nothing kept.
  }
}
