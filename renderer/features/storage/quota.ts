// What the browser keeps for this workstation (issue 16 item 8): whether the store is persistent
// (never evicted under disk pressure), how much space it uses and has left, and whether a new
// file still fits. The StorageManager is passed in, so all of it runs in unit tests with a fake.
import { problem, type Problem } from '../../../shared/problem';
import { StoreError, asResult, type StoreResult } from '../../kit/result';
import { formatSize } from '../../kit/format';

/** The slice of `navigator.storage` used here; any method may be missing (an insecure context has none). */
export interface StorageManagerLike {
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

/** `navigator.storage`, or null where the page has none (plain http at a LAN address). */
export function browserStorage(): StorageManagerLike | null {
  return typeof navigator === 'object' && navigator !== null && 'storage' in navigator && navigator.storage ? navigator.storage : null;
}

/** Whether the browser promised to keep the store: `unknown` when it cannot say. */
export type Persistence = 'granted' | 'not_granted' | 'unknown';

/** Reads whether the store is persistent, without asking for it. */
export async function readPersistence(manager: StorageManagerLike | null): Promise<Persistence> {
  if (!manager?.persisted) return 'unknown';
  try {
    return (await manager.persisted()) ? 'granted' : 'not_granted';
  } catch {
    return 'unknown';
  }
}

/** Asks for persistence unless it is granted already; Chromium answers without asking the user. */
export async function askForPersistence(manager: StorageManagerLike | null): Promise<Persistence> {
  const now = await readPersistence(manager);
  if (now === 'granted' || !manager?.persist) return now;
  try {
    return (await manager.persist()) ? 'granted' : 'not_granted';
  } catch {
    return now;
  }
}

let asked: Promise<Persistence> | null = null;

/**
 * Asks the browser to keep this workstation's store, once per start of the app (first run, and
 * every later start): called when the app starts, by the first-run notice and by the signed-in
 * frame's notice; later calls get the same answer.
 */
export function requestPersistentStorage(): Promise<Persistence> {
  asked ??= askForPersistence(browserStorage());
  return asked;
}

export interface SpaceEstimate {
  /** Bytes this origin uses. */
  readonly usage: number;
  /** Bytes it may use in all; null when the browser does not tell (see isMadeUpQuota). */
  readonly quota: number | null;
}

const GIB = 1024 ** 3;

/**
 * Chromium 138 and later report to a web page, so that it cannot tell an incognito window, a
 * quota made up as usage + min(10 GiB, the disk's size in whole GiB); the quota it enforces is not
 * told. Such a figure says nothing about the space left, and no warning is drawn from it.
 */
export function isMadeUpQuota(usage: number, quota: number): boolean {
  const headroom = quota - usage;
  return headroom > 0 && headroom <= 10 * GIB && headroom % GIB === 0;
}

export async function readSpace(manager: StorageManagerLike | null): Promise<SpaceEstimate | null> {
  if (!manager?.estimate) return null;
  try {
    const { usage, quota } = await manager.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number' || !(quota > 0) || usage < 0) return null;
    return { usage, quota: isMadeUpQuota(usage, quota) ? null : quota };
  } catch {
    return null;
  }
}

/** At this share of the quota the administrators are warned. */
export const WARN_AT = 0.8;
/** At this share new large files are refused, so that the records themselves always have room. */
export const REFUSE_AT = 0.95;
/** A file this large or larger is refused near the quota; smaller ones (a note, a photo of a page) still go. */
export const LARGE_FILE_BYTES = 1024 * 1024;

export type SpaceLevel = 'ok' | 'warn' | 'full';

export function spaceLevel(space: SpaceEstimate | null): SpaceLevel {
  if (space?.quota == null) return 'ok';
  const share = space.usage / space.quota;
  return share >= REFUSE_AT ? 'full' : share >= WARN_AT ? 'warn' : 'ok';
}

/** Whole percent of `quota` used, rounded down (99.6% is not yet 100%). */
export function percentUsed(usage: number, quota: number): number {
  return Math.min(100, Math.floor((100 * usage) / quota));
}

/**
 * Whether a new file of `bytes` may be stored: refused (as a problem keyed `storage.full`) when
 * it is large and would take the store past REFUSE_AT of its quota, or when it does not fit at
 * all. Without a quota the browser tells, nothing is refused: its own quota error remains.
 */
export function roomFor(bytes: number, space: SpaceEstimate | null): Problem | null {
  if (space?.quota == null) return null;
  const { usage, quota } = space;
  const after = usage + Math.max(0, bytes);
  const tooLarge = bytes >= LARGE_FILE_BYTES && after > REFUSE_AT * quota;
  if (!tooLarge && after <= quota) return null;
  return problem('storage.full', {
    size: formatSize(bytes),
    free: formatSize(Math.max(0, quota - usage)),
    percent: percentUsed(usage, quota),
    large: formatSize(LARGE_FILE_BYTES),
  });
}

/**
 * Throws StoreError `storage.full` (translated by the storage namespace, `storage:errors.storage.full`)
 * when a new file of `bytes` must not be stored; call it before copying the file into the store.
 */
export async function ensureRoomFor(bytes: number, manager: StorageManagerLike | null = browserStorage()): Promise<void> {
  const refused = roomFor(bytes, await readSpace(manager));
  if (refused) throw new StoreError(refused.key, `Not enough storage for a file of ${bytes} bytes; nothing was stored.`, refused.params);
}

/** ensureRoomFor as a result, for a screen that checks before it starts. */
export function storageRoom(bytes: number, manager: StorageManagerLike | null = browserStorage()): Promise<StoreResult<void>> {
  return asResult(() => ensureRoomFor(bytes, manager));
}
