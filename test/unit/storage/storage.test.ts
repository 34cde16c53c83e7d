// Nothing evicted, nothing forgotten (issue 16 item 8), the rules without a browser: asking for
// persistence, the 80% warning and the 95% refusal of a large file, the weekly backup reminder,
// which notices the frame shows to whom, and the origins a host's cookie remembers.
import { describe, expect, it } from 'vitest';
import { askForPersistence, ensureRoomFor, isMadeUpQuota, LARGE_FILE_BYTES, readPersistence, readSpace, roomFor, spaceLevel, storageRoom, type StorageManagerLike } from '../../../renderer/features/storage/quota';
import { formatSize } from '../../../renderer/kit/format';
import { backupReminder } from '../../../renderer/features/storage/reminder';
import { storageNotices } from '../../../renderer/features/storage/notices';
import { otherOrigins, parseOrigins, rememberOrigin, withOrigin, type CookieJar } from '../../../renderer/features/storage/origins';
import type { StorageStatus } from '../../../renderer/features/storage/useStorageStatus';
import { StoreError } from '../../../renderer/kit/result';
import { createI18n } from '../../../renderer/app/i18n';
import { translateCode } from '../../../renderer/kit/translate';
import type { LastBackup } from '../../../renderer/kit/last-backup';

const MB = 1024 * 1024;

function fakeStorage(state: { persisted: boolean; grants?: boolean; usage?: number; quota?: number }) {
  const calls: string[] = [];
  const manager: StorageManagerLike = {
    persisted: async () => {
      calls.push('persisted');
      return state.persisted;
    },
    persist: async () => {
      calls.push('persist');
      if (state.grants) state.persisted = true;
      return state.grants === true;
    },
    estimate: async () => ({ usage: state.usage ?? 0, quota: state.quota ?? 100 * MB }),
  };
  return { manager, calls };
}

describe('persistence', () => {
  it('asks only when not granted yet, and says what the browser answered', async () => {
    const granted = fakeStorage({ persisted: true });
    expect(await askForPersistence(granted.manager)).toBe('granted');
    expect(granted.calls).toEqual(['persisted']);

    const grants = fakeStorage({ persisted: false, grants: true });
    expect(await askForPersistence(grants.manager)).toBe('granted');
    expect(grants.calls).toEqual(['persisted', 'persist']);

    const refuses = fakeStorage({ persisted: false, grants: false });
    expect(await askForPersistence(refuses.manager)).toBe('not_granted');
    expect(await readPersistence(refuses.manager)).toBe('not_granted');
  });

  it('is unknown where the page has no StorageManager (http at a LAN address) or it fails', async () => {
    expect(await askForPersistence(null)).toBe('unknown');
    expect(await readPersistence({})).toBe('unknown');
    expect(await readPersistence({ persisted: () => Promise.reject(new Error('no')) })).toBe('unknown');
    expect(await askForPersistence({ persisted: async () => false, persist: () => Promise.reject(new Error('no')) })).toBe('not_granted');
  });
});

describe('space', () => {
  it('warns at 80% and is full at 95%', () => {
    expect(spaceLevel(null)).toBe('ok');
    expect(spaceLevel({ usage: 79, quota: 100 })).toBe('ok');
    expect(spaceLevel({ usage: 80, quota: 100 })).toBe('warn');
    expect(spaceLevel({ usage: 94.9, quota: 100 })).toBe('warn');
    expect(spaceLevel({ usage: 95, quota: 100 })).toBe('full');
  });

  it('refuses a large file that would take the store past 95%, not a small one, and nothing that does not fit', () => {
    const space = { usage: 90 * MB, quota: 100 * MB };
    expect(roomFor(4 * MB, space)).toBeNull();
    const refused = roomFor(6 * MB, space);
    expect(refused).toEqual({ key: 'storage.full', params: { size: '6 MB', free: '10 MB', percent: 90, large: '1 MB' } });
    // A small file still goes in at 96%; one that does not fit at all never does.
    expect(roomFor(LARGE_FILE_BYTES - 1, { usage: 96 * MB, quota: 100 * MB })).toBeNull();
    expect(roomFor(500 * 1024, { usage: 99.8 * MB, quota: 100 * MB })?.key).toBe('storage.full');
    // Without an estimate the browser's own quota error is the only limit.
    expect(roomFor(10 * 1024 * MB, null)).toBeNull();
  });

  it('refuses as a keyed StoreError, and as a result', async () => {
    const { manager } = fakeStorage({ persisted: true, usage: 94 * MB, quota: 100 * MB });
    await expect(ensureRoomFor(2 * MB, manager)).rejects.toMatchObject({ name: 'StoreError', code: 'storage.full', params: { size: '2 MB', percent: 94 } });
    await expect(ensureRoomFor(100, manager)).resolves.toBeUndefined();
    const result = await storageRoom(2 * MB, manager);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(StoreError);
    expect((await storageRoom(2 * MB, null)).ok).toBe(true);
  });

  it('takes no made-up quota for a real one (Chromium 138+: usage + min(10 GiB, the disk in whole GiB))', async () => {
    const GIB = 1024 ** 3;
    expect(isMadeUpQuota(73_728, 73_728 + 10 * GIB)).toBe(true);
    expect(isMadeUpQuota(5 * GIB + 123, 5 * GIB + 123 + 8 * GIB)).toBe(true);
    expect(isMadeUpQuota(73_728, 1_000_000)).toBe(false);
    expect(isMadeUpQuota(1, 300 * GIB)).toBe(false);
    const made = await readSpace({ estimate: async () => ({ usage: 73_728, quota: 73_728 + 10 * GIB }) });
    expect(made).toEqual({ usage: 73_728, quota: null });
    expect(spaceLevel(made)).toBe('ok');
    expect(roomFor(20 * GIB, made)).toBeNull();
  });

  it('reads no estimate that makes no sense', async () => {
    expect(await readSpace({ estimate: async () => ({ usage: 5 }) })).toBeNull();
    expect(await readSpace({ estimate: async () => ({ usage: 5, quota: 0 }) })).toBeNull();
    expect(await readSpace({ estimate: () => Promise.reject(new Error('no')) })).toBeNull();
    expect(await readSpace({ estimate: async () => ({ usage: 5, quota: 10 }) })).toEqual({ usage: 5, quota: 10 });
  });

  it('formats sizes in the user’s language', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(15 * MB, 'en-US')).toBe('15 MB');
    expect(formatSize(2.25 * 1024 * MB, 'zh-CN')).toBe('2.3 GB');
    expect(formatSize(-1)).toBe('?');
  });

  it('the refusal reads as a sentence in both languages from the storage namespace', async () => {
    const problem = roomFor(6 * MB, { usage: 90 * MB, quota: 100 * MB })!;
    for (const language of ['zh-CN', 'en-US'] as const) {
      const i18n = await createI18n(language);
      const text = translateCode(i18n.t, problem.key, problem.params, ['storage']);
      expect(text).toContain('6 MB');
      expect(text).toContain('10 MB');
      expect(text).not.toContain('{{');
    }
  });
});

describe('backup reminder', () => {
  const last = (at: string): LastBackup => ({ at, byId: 'u1', byName: '王管理', signed: true, folder: null });
  const now = new Date('2026-03-10T08:00:00.000Z');

  it('reminds when there is none, or the last is older than 7 days', () => {
    expect(backupReminder(undefined, now)).toEqual({ kind: 'none' });
    expect(backupReminder(last('2026-03-03T08:00:00.000Z'), now)).toBeNull();
    expect(backupReminder(last('2026-03-03T07:59:59.000Z'), now)).toEqual({ kind: 'stale', at: '2026-03-03T07:59:59.000Z', days: 7 });
    expect(backupReminder(last('2026-02-08T08:00:00.000+08:00'), now)).toMatchObject({ kind: 'stale', days: 30 });
  });
});

describe('the frame’s notices', () => {
  const status = (over: Partial<StorageStatus> = {}): StorageStatus => ({
    loaded: true,
    persistence: 'not_granted',
    space: { usage: 10, quota: 100 },
    lastBackup: undefined,
    readAt: new Date('2026-03-10T08:00:00.000Z'),
    ...over,
  });
  const keys = (s: StorageStatus, admin: boolean, host: 'browser' | 'electron' = 'browser', persistenceAcknowledged = false) => storageNotices(s, { admin, host, persistenceAcknowledged }).map((n) => n.key);

  it('tells administrators in browser mode about eviction and the missing backup', () => {
    expect(keys(status(), true)).toEqual(['persistence', 'backup']);
    expect(keys(status(), true, 'browser', true)).toEqual(['backup']);
    expect(keys(status({ persistence: 'unknown' }), true)).toEqual(['persistence', 'backup']);
    expect(keys(status({ persistence: 'granted' }), true)).toEqual(['backup']);
    expect(keys(status(), true, 'electron')).toEqual(['backup']);
    expect(keys(status({ lastBackup: { at: '2026-03-09T08:00:00.000Z', byId: 'u1', byName: '王管理', signed: true, folder: null } }), true)).toEqual(['persistence']);
  });

  it('tells everyone when the space runs out, and others nothing else', () => {
    expect(keys(status(), false)).toEqual([]);
    expect(storageNotices(status({ space: { usage: 85, quota: 100 } }), { admin: false, host: 'browser', persistenceAcknowledged: false })).toEqual([{ key: 'space', level: 'warn', usage: 85, quota: 100 }]);
    // A quota the browser does not tell warns of nothing.
    expect(keys(status({ space: { usage: 85 * 1024 ** 3, quota: null } }), false)).toEqual([]);
    expect(keys(status({ space: { usage: 97, quota: 100 }, persistence: 'granted' }), true)).toEqual(['space', 'backup']);
  });

  it('says nothing before the first reading', () => {
    expect(keys(status({ loaded: false }), true)).toEqual([]);
  });
});

describe('origins remembered per host', () => {
  function jar(): CookieJar & { written: string[] } {
    // A cookie jar as document.cookie behaves: writing sets one cookie, reading lists them all.
    const cookies = new Map<string, string>([['other', 'x']]);
    const written: string[] = [];
    return {
      written,
      get cookie() {
        return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      },
      set cookie(line: string) {
        written.push(line);
        const [pair] = line.split(';');
        const [name, ...value] = (pair ?? '').split('=');
        cookies.set(name!.trim(), value.join('='));
      },
    };
  }

  it('remembers the origins where the workstation held data, most recent first', () => {
    const j = jar();
    rememberOrigin(j, 'http://127.0.0.1:5181');
    rememberOrigin(j, 'http://127.0.0.1:8080');
    rememberOrigin(j, 'http://127.0.0.1:8080');
    expect(j.written).toHaveLength(2);
    expect(j.written[0]).toMatch(/^mw-stores=http%3A%2F%2F127\.0\.0\.1%3A5181; path=\/; max-age=\d+; SameSite=Strict$/);
    expect(parseOrigins(j.cookie)).toEqual(['http://127.0.0.1:8080', 'http://127.0.0.1:5181']);
    expect(otherOrigins(j, 'http://127.0.0.1:8080')).toEqual(['http://127.0.0.1:5181']);
    expect(otherOrigins(j, 'http://127.0.0.1:9000')).toEqual(['http://127.0.0.1:8080', 'http://127.0.0.1:5181']);
  });

  it('keeps a few, and nothing that is not a web origin', () => {
    let list: string[] = [];
    for (let port = 1; port <= 12; port += 1) list = withOrigin(list, `http://localhost:${port}`);
    expect(list).toHaveLength(8);
    expect(list[0]).toBe('http://localhost:12');
    const j = jar();
    rememberOrigin(j, 'app://workstation');
    rememberOrigin(j, 'null');
    expect(j.written).toEqual([]);
    expect(parseOrigins('mw-stores=javascript%3Aalert(1)|%E0%A4%A|http%3A%2F%2Flocalhost%3A5181')).toEqual(['http://localhost:5181']);
  });
});
