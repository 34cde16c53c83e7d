// The workstation's connection to its center server, one per data store: what the frame's
// indicator and the Settings card show (not joined; signed out; connected; syncing; offline with N
// changes waiting), the server session (in memory, and in the tab's sessionStorage so that a
// reload keeps it until it expires or is signed out: session-keeper.ts), and the
// loop that keeps the store in step: push what waits, pull what the nudge announces, retry after
// a failure. Signing in goes through the server; when the server cannot be reached, the account
// signs in offline with what the server last verified, for the institution's grace period.
import type { CenterServerLink } from '../../../shared/platform';
import { CenterLinkError, type CenterRequest, type CenterResponse } from '../../../shared/protocol/center-link';
import { API_PREFIX, type AccountView } from '../../../shared/server/api';
import { SYNC_PATHS, type SyncKind } from '../../../shared/server/sync';
import type { ChangeRecord, DataStore } from '../../data';
import { StoreError } from '../../kit/result';
import { clearRejected, dataSyncPorts, readSyncState } from './data-ports';
import type { CenterFileAccess } from './files';
import { linkRefusal, signInThrough } from './join';
import { pinOf, readCenterLink, type CenterLink } from './link';
import { forgetVerifier, makeVerifier, offlineSignIn, storeVerifier } from './offline';
import { forgetSession, keepSession, readKeptSession, tabSessionKeeper, type SessionKeeper } from './session-keeper';
import { decideConflict, outboxOf, pullAll, pushAll, type SyncConflict, type SyncState } from './sync';

export type ConnectionPhase = 'local' | 'signed-out' | 'connected' | 'syncing' | 'offline';

export interface ConnectionState {
  readonly phase: ConnectionPhase;
  readonly link: CenterLink | null;
  /** Local changes not yet accepted by the server. */
  readonly waiting: number;
  readonly conflicts: readonly SyncConflict[];
  /** Changes the server refused (kept with its Problem). */
  readonly rejected: SyncState['rejected'];
  /** Ledger entries the server keeps pending for the workstation that holds their case's ledger. */
  readonly pending: number;
  /** The server account signed in (online, or offline with what was last verified). */
  readonly account: AccountView | null;
  /** A server session is held (it may be offline for now, and retries). */
  readonly session: boolean;
  /** Why the last attempt to reach the server failed, while offline. */
  readonly problem: StoreError | null;
}

const INITIAL: ConnectionState = { phase: 'local', link: null, waiting: 0, conflicts: [], rejected: [], pending: 0, account: null, session: false, problem: null };
const RETRY_MS = 15_000;
const NUDGE_WAIT_MS = 55_000;
/** Link failures that mean "cannot reach it now", as opposed to a refusal. */
const OFFLINE_CODES = new Set(['unreachable', 'timeout', 'unavailable', 'bad_answer']);

/** What waits to be pushed: the outbox less the audit log, which is not sent yet (data-ports.ts). */
function waitingOf(changes: readonly ChangeRecord[], pushedVersion: number): number {
  return outboxOf(changes, pushedVersion).filter((r) => r.kind !== 'events').length;
}

export class CenterConnection {
  private state: ConnectionState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private session: { token: string; account: AccountView; localUser: string | null } | null = null;
  /** The local account signed in on this page (bindLocalUser). */
  private localUser: string | null = null;
  private running = false;
  private kick: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private syncing: Promise<void> | null = null;
  /** Syncs and conflict decisions, one after another: a decision never meets a pull halfway. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Which run of the loop is current: a stop and a start in quick succession leave one loop. */
  private generation = 0;
  /** A local commit to push came while nothing was waiting to be woken: the loop syncs again at once. */
  private dirty = false;
  /** The platform's blob store and hasher: evidence files go up with their ledger entries (files.ts). */
  files: CenterFileAccess | null = null;

  constructor(
    private readonly data: DataStore,
    private readonly link: CenterServerLink,
    /** How long to wait before trying an unreachable server again, and the longest nudge wait. */
    private readonly timing: { retryMs: number; nudgeWaitMs: number } = { retryMs: RETRY_MS, nudgeWaitMs: NUDGE_WAIT_MS },
    /** Where the session outlives a reload of the page (null: memory only). */
    private readonly keeper: SessionKeeper | null = tabSessionKeeper(),
  ) {}

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch, session: this.session !== null };
    this.listeners.forEach((listener) => listener());
  }

  /** Reads the membership and what waits; called at start and after join, leave and every commit. */
  async refresh(): Promise<void> {
    const link = await readCenterLink(this.data);
    if (!link) {
      this.stop();
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.session = null;
      forgetSession(this.keeper);
      this.set({ ...INITIAL });
      return;
    }
    // After a reload: the session this tab signed in, until the server refuses it.
    const kept = this.state.phase === 'local' && !this.session ? readKeptSession(this.keeper, link.workstationId) : null;
    if (kept) {
      this.state = { ...this.state, link };
      this.adopt(kept.token, kept.account, kept.localUser);
      // Another local account signed in already: not taken over (signed out).
      this.bindLocalUser(this.localUser);
      return;
    }
    const sync = await readSyncState(this.data);
    // The batch in flight is counted once: the outbox after it, plus its mutations.
    const after = Math.max(sync.pushedVersion, sync.inflight?.upTo ?? 0);
    const waiting = waitingOf(await this.data.changesSince(after), after) + (sync.inflight?.mutations.length ?? 0);
    const phase = this.state.phase === 'local' ? (this.session ? 'connected' : 'signed-out') : this.state.phase;
    this.set({ link, waiting, conflicts: sync.conflicts, rejected: sync.rejected, pending: sync.pending.length, phase });
    // Each local commit of a record to push is pushed soon after (the loop wakes); the sync's own writes do not wake it.
    this.unsubscribe ??= this.data.changes.subscribe((changes) => {
      void this.refresh();
      if (waitingOf(changes, 0) > 0) {
        this.dirty = true;
        this.kick?.();
      }
    });
  }

  /** Signs in through the server, or offline with what it last verified when it cannot be reached. */
  async signIn(username: string, password: string, now = new Date()): Promise<{ mode: 'online' | 'offline'; account: AccountView }> {
    const link = await readCenterLink(this.data);
    if (!link) throw new StoreError('center.not_joined', 'This workstation has not joined a center server.');
    try {
      const signedIn = await signInThrough(this.link, pinOf(link), { creditCode: link.creditCode, username, password });
      await storeVerifier(this.data, await makeVerifier(signedIn.account, password, signedIn.institution.offlineGraceDays, now));
      this.adopt(signedIn.token, signedIn.account);
      return { mode: 'online', account: signedIn.account };
    } catch (error) {
      const refusal = linkRefusal(error);
      // Deactivated meanwhile: loses offline access too.
      if (refusal.code === 'server.account_inactive') await forgetVerifier(this.data, username);
      // The server reached but its database not (503) is as unreachable for signing in.
      const unreachable = refusal.code === 'server.unavailable' || (refusal.code.startsWith('center.link_') && OFFLINE_CODES.has(refusal.code.slice('center.link_'.length)));
      if (!unreachable) throw refusal;
      const account = await offlineSignIn(this.data, username, password, now);
      this.session = null;
      this.set({ phase: 'offline', account, problem: refusal });
      return { mode: 'offline', account };
    }
  }

  /** Takes a session the server gave (sign-in, or joining) and starts keeping the store in step. */
  adopt(token: string, account: AccountView, localUser: string | null = this.localUser): void {
    this.session = { token, account, localUser };
    this.keep(this.session);
    this.set({ phase: 'connected', account, problem: null });
    void this.refresh().then(() => this.start());
  }

  /**
   * The local account now signed in on this page (null: none yet, after a reload or a local
   * sign-out). A server session begun under another local account is signed out, never taken
   * over; one begun before any local account is then theirs.
   */
  bindLocalUser(id: string | null): void {
    this.localUser = id;
    const session = this.session;
    if (!session || id === null || session.localUser === id) return;
    if (session.localUser !== null) {
      void this.signOut();
      return;
    }
    this.session = { ...session, localUser: id };
    this.keep(this.session);
  }

  /** Keeps the session in the tab for a reload (session-keeper.ts), unless it has been replaced meanwhile. */
  private keep(session: { token: string; account: AccountView; localUser: string | null }): void {
    void readCenterLink(this.data).then((link) => {
      if (link && this.session?.token === session.token) keepSession(this.keeper, link.workstationId, session.token, session.account, session.localUser);
    });
  }

  async signOut(): Promise<void> {
    const link = this.state.link;
    const session = this.session;
    this.stop();
    this.session = null;
    forgetSession(this.keeper);
    this.set({ phase: link ? 'signed-out' : 'local', account: null, problem: null });
    if (link && session) await this.link.request(pinOf(link), { method: 'POST', path: `${API_PREFIX}/sign-out`, token: session.token }).catch(() => undefined);
  }

  /** Pushes what waits and pulls what the server has; the state says how it went. */
  syncNow(): Promise<void> {
    // One sync at a time: a second call while one runs waits for it.
    this.syncing ??= this.exclusive(() => this.syncOnce()).finally(() => (this.syncing = null));
    return this.syncing;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(): Promise<void> {
    const link = this.state.link;
    const session = this.session;
    if (!link || !session) return;
    const ports = dataSyncPorts(this.data, this.link, { pin: pinOf(link), token: session.token, workstationId: link.workstationId }, this.files);
    this.dirty = false;
    this.set({ phase: 'syncing' });
    try {
      await pushAll(ports);
      await pullAll(ports);
      if (this.session === session) this.set({ phase: 'connected', problem: null });
    } catch (error) {
      // A session signed out (or replaced) meanwhile is not this sync's to end.
      if (this.session === session) this.failed(error);
    } finally {
      await this.refresh();
    }
  }

  /**
   * One request of this session to the server for another feature (referrals, the directory): the
   * server's answer as it came; refused when not signed in; a session the server ended signs out.
   */
  async request(request: Omit<CenterRequest, 'token'>): Promise<CenterResponse> {
    const link = this.state.link;
    const session = this.session;
    if (!link || !session) throw new StoreError('center.not_signed_in', 'Sign in to the center server first.');
    let response: CenterResponse;
    try {
      response = await this.link.request(pinOf(link), { ...request, token: session.token });
    } catch (error) {
      if (this.session === session) this.set({ phase: 'offline', problem: linkRefusal(error) });
      throw linkRefusal(error);
    }
    if (response.status === 401 && this.session === session) this.failed(new StoreError('server.session_ended', 'The session ended.', { reason: 'expired' }));
    return response;
  }

  /** Empties the list of the server's refusals once the user has read it. */
  async clearRejected(): Promise<void> {
    await this.exclusive(() => clearRejected(this.data));
    await this.refresh();
  }

  async decide(kind: SyncKind, id: string, keep: 'mine' | 'theirs'): Promise<void> {
    const link = this.state.link;
    if (!link || !this.session) throw new StoreError('center.not_signed_in', 'Sign in to the center server first.');
    const ports = dataSyncPorts(this.data, this.link, { pin: pinOf(link), token: this.session.token, workstationId: link.workstationId }, this.files);
    await this.exclusive(() => decideConflict(ports, kind, id, keep));
    await this.refresh();
  }

  private failed(error: unknown): void {
    const refusal = linkRefusal(error);
    if (refusal.code === 'server.session_ended' || refusal.code === 'server.unauthenticated') {
      this.session = null;
      forgetSession(this.keeper);
      this.stop();
      this.set({ phase: 'signed-out', problem: refusal });
      return;
    }
    this.set({ phase: 'offline', problem: refusal });
  }

  private start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop(++this.generation);
  }

  /** Ends the loop. What waits is still counted at each commit (signed out, offline) until the membership ends. */
  private stop(): void {
    this.running = false;
    this.generation += 1;
    this.kick?.();
  }

  /** Until signed out: sync, then wait for a nudge, a local commit or the retry time. */
  private async loop(generation: number): Promise<void> {
    const current = () => this.running && this.generation === generation && this.session !== null;
    while (current() && this.state.link) {
      await this.syncNow();
      if (!current()) break;
      if (this.dirty) continue;
      const link = this.state.link;
      const woken = new Promise<void>((resolve) => (this.kick = resolve));
      const waited = this.state.phase === 'offline' ? new Promise<void>((resolve) => setTimeout(resolve, this.timing.retryMs)) : this.waitForNudge(link);
      await Promise.race([woken, waited]);
      this.kick = null;
    }
  }

  private async waitForNudge(link: CenterLink): Promise<void> {
    const token = this.session?.token;
    if (!token) return;
    try {
      const sync = await readSyncState(this.data);
      const result = await this.link.waitForNudge(pinOf(link), { path: `${API_PREFIX}${SYNC_PATHS.nudge}`, token, after: sync.cursor, timeoutMs: this.timing.nudgeWaitMs });
      // No nudge socket (an older server) or a refusal: poll at the retry pace instead. A wait of
      // a session signed out meanwhile (its socket closed when the server ended it) is not the
      // current session's end.
      if (result.refusedStatus === 401) {
        if (this.session?.token === token) this.failed(new StoreError('server.session_ended', 'The session ended.', { reason: 'expired' }));
      } else if (result.refusedStatus !== undefined) await new Promise((resolve) => setTimeout(resolve, this.timing.retryMs));
    } catch (error) {
      if (error instanceof CenterLinkError && this.session?.token === token) this.set({ phase: 'offline', problem: linkRefusal(error) });
      await new Promise((resolve) => setTimeout(resolve, this.timing.retryMs));
    }
  }
}

const connections = new WeakMap<DataStore, CenterConnection>();

/** The one connection of a data store (the frame's indicator and the Settings card share it). */
export function centerConnectionOf(data: DataStore, link: CenterServerLink, files?: CenterFileAccess): CenterConnection {
  let connection = connections.get(data);
  if (!connection) {
    connection = new CenterConnection(data, link);
    connections.set(data, connection);
    void connection.refresh();
  }
  if (files) connection.files ??= { blobs: files.blobs, hashing: files.hashing };
  return connection;
}
