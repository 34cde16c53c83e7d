// Scheduled backups to a folder (issue 16 item 8): when one is due (a pure rule), the setting kept
// in the data layer with its audit event, and one turn of the runner against a fake folder host —
// a backup made as the page makes it (signed when the key is unlocked, unsigned only without an
// identity), written through the platform port, recorded with the folder; a locked key reminds
// instead of writing anything.
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeBackup } from '../../../shared/backup/codec';
import type { BackupFolderAccess } from '../../../shared/platform';
import { readLastBackup, type LastBackup } from '../../../renderer/kit/last-backup';
import { BACKUP_SCHEDULE_KEY, readBackupSchedule, saveBackupSchedule, scheduledBackupState, type BackupSchedule } from '../../../renderer/features/backup/schedule';
import { runScheduledBackup } from '../../../renderer/features/backup/scheduled';
import { exportWorkstationBackup } from '../../../renderer/features/backup/signed-export';
import { DEFAULT_RESTORE_LIMITS } from '../../../renderer/features/backup/store';
import { generateIdentity, lockIdentity } from '../../../renderer/features/identity';
import { world } from '../db/evidence-helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-07T02:00:00.000Z');
const weekly: BackupSchedule = { interval: 'weekly', folder: '/backups', rev: 1 };
const daily: BackupSchedule = { interval: 'daily', folder: '/backups', rev: 1 };
const last = (msAgo: number): LastBackup => ({ at: new Date(NOW.getTime() - msAgo).toISOString(), byId: 'u1', byName: '王管理', signed: true, folder: null });

describe('when a scheduled backup is due', () => {
  it('is never, while the schedule is off or has no folder', () => {
    expect(scheduledBackupState({ interval: 'off', folder: '/backups', rev: 2 }, undefined, NOW)).toEqual({ kind: 'off' });
    expect(scheduledBackupState({ interval: 'weekly', folder: null, rev: 2 }, undefined, NOW)).toEqual({ kind: 'off' });
  });

  it('is now when there is no backup at all, or its time does not read', () => {
    expect(scheduledBackupState(weekly, undefined, NOW)).toEqual({ kind: 'due', since: null });
    expect(scheduledBackupState(weekly, { ...last(0), at: 'not a time' }, NOW)).toEqual({ kind: 'due', since: null });
  });

  it('is one interval after the last backup, whoever made it', () => {
    expect(scheduledBackupState(daily, last(DAY - 1), NOW)).toEqual({ kind: 'waiting', nextAt: new Date(NOW.getTime() + 1) });
    expect(scheduledBackupState(daily, last(DAY), NOW)).toEqual({ kind: 'due', since: NOW });
    expect(scheduledBackupState(daily, last(3 * DAY), NOW)).toEqual({ kind: 'due', since: new Date(NOW.getTime() - 2 * DAY) });
    expect(scheduledBackupState(weekly, last(6 * DAY), NOW)).toEqual({ kind: 'waiting', nextAt: new Date(NOW.getTime() + DAY) });
    expect(scheduledBackupState(weekly, last(7 * DAY), NOW).kind).toBe('due');
    expect(scheduledBackupState(weekly, { ...last(6 * DAY), folder: '/backups' }, NOW).kind).toBe('waiting');
  });

  it('waits at most one interval when the last backup is dated in the future (the clock was put back)', () => {
    expect(scheduledBackupState(daily, last(-30 * DAY), NOW)).toEqual({ kind: 'waiting', nextAt: new Date(NOW.getTime() + DAY) });
  });
});

/** A folder host that keeps what it was given. */
function fakeFolders(options: { fail?: { code: string; message: string } } = {}) {
  const written: Array<{ folder: string; name: string; bytes: Uint8Array }> = [];
  const backups: BackupFolderAccess = {
    chooseFolder: async () => '/backups',
    async writeToFolder(folder, name, bytes) {
      if (options.fail) throw Object.assign(new Error(options.fail.message), { code: options.fail.code });
      written.push({ folder, name, bytes });
      return { path: `${folder}/${name}` };
    },
  };
  return { backups, written };
}

const PASS = 'correct horse 2026';
beforeEach(() => lockIdentity());

describe('the schedule setting', () => {
  it('is saved by an administrator with an audit event, and refused to others or over a newer change', async () => {
    const w = await world();
    expect(await readBackupSchedule(w.db)).toEqual({ interval: 'off', folder: null, rev: 0 });
    expect(await saveBackupSchedule(w.db, w.admin, 0, { interval: 'weekly', folder: null })).toMatchObject({ ok: false, error: { code: 'backup.schedule_no_folder' } });
    const saved = await saveBackupSchedule(w.db, w.admin, 0, { interval: 'weekly', folder: '/backups' }, NOW);
    expect(saved).toEqual({ ok: true, value: { interval: 'weekly', folder: '/backups', rev: 1 } });
    expect(await readBackupSchedule(w.db)).toEqual({ interval: 'weekly', folder: '/backups', rev: 1 });
    const events = (await w.db.events.all()).filter((e) => e.entityId === BACKUP_SCHEDULE_KEY);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'settings.update', entity: 'settings', actorId: w.admin.id, after: { interval: 'weekly', folder: '/backups' } });

    expect(await saveBackupSchedule(w.db, w.clerk, 1, { interval: 'off', folder: '/backups' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await saveBackupSchedule(w.db, w.admin, 0, { interval: 'daily', folder: '/backups' })).toMatchObject({ ok: false, error: { code: 'backup.schedule_changed' } });
    expect(await readBackupSchedule(w.db)).toMatchObject({ interval: 'weekly', rev: 1 });
  });
});

describe('a turn of the scheduled backup', () => {
  it('does nothing where the host has no folders (the browser), while off, or before it is due', async () => {
    const w = await world();
    const { backups, written } = fakeFolders();
    expect(await runScheduledBackup(w.db, w.platform, w.admin, NOW)).toEqual({ kind: 'unavailable' });
    expect(await runScheduledBackup(w.db, { ...w.platform, backups }, w.admin, NOW)).toEqual({ kind: 'off' });
    await saveBackupSchedule(w.db, w.admin, 0, { interval: 'daily', folder: '/backups' }, NOW);
    // Not an administrator: nothing, whatever the schedule.
    expect(await runScheduledBackup(w.db, { ...w.platform, backups }, w.clerk, NOW)).toEqual({ kind: 'off' });
    expect(written).toHaveLength(0);
  });

  it('without an identity, makes the backup unsigned as the page does, writes it into the folder and records it', async () => {
    const w = await world();
    const { backups, written } = fakeFolders();
    await saveBackupSchedule(w.db, w.admin, 0, { interval: 'daily', folder: '/backups' }, NOW);
    const run = await runScheduledBackup(w.db, { ...w.platform, backups }, w.admin, NOW);
    expect(run).toMatchObject({ kind: 'done', signed: false, path: expect.stringMatching(/^\/backups\/mediation-backup-\d{8}-\d{4}\.mwbackup$/), nextAt: new Date(NOW.getTime() + DAY) });
    expect(written).toHaveLength(1);
    expect(written[0]?.folder).toBe('/backups');
    const decoded = decodeBackup(written[0]!.bytes, DEFAULT_RESTORE_LIMITS);
    expect(decoded.ok).toBe(true);
    expect(await readLastBackup(w.db)).toEqual({ at: NOW.toISOString(), byId: w.admin.id, byName: w.admin.displayName, signed: false, folder: '/backups' });
    const exported = (await w.db.events.all()).filter((e) => e.action === 'backup.export');
    expect(exported).toHaveLength(1);
    expect(exported[0]?.after).toMatchObject({ signed: false, folder: '/backups' });

    // Just made: the next turn waits a day.
    expect(await runScheduledBackup(w.db, { ...w.platform, backups }, w.admin, new Date(NOW.getTime() + 60_000))).toEqual({ kind: 'not_due', nextAt: new Date(NOW.getTime() + DAY) });
    expect(written).toHaveLength(1);
  });

  it('with the key locked by its passphrase, makes nothing and reminds; once unlocked, signs', async () => {
    const w = await world();
    const generated = await generateIdentity(w.db, w.platform, w.admin, { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007', passphrase: PASS });
    expect(generated.ok).toBe(true);
    lockIdentity();
    const { backups, written } = fakeFolders();
    await saveBackupSchedule(w.db, w.admin, 0, { interval: 'weekly', folder: '/backups' }, NOW);
    expect(await runScheduledBackup(w.db, { ...w.platform, backups }, w.admin, NOW)).toEqual({ kind: 'locked' });
    expect(written).toHaveLength(0);
    expect(await readLastBackup(w.db)).toBeUndefined();

    // The administrator unlocks the key (a backup by hand asks for the passphrase).
    const byHand = await exportWorkstationBackup(w.db, w.platform, { passphrase: PASS });
    expect(byHand.ok).toBe(true);
    // Signed now, not at NOW: the certificate was issued a moment ago.
    const run = await runScheduledBackup(w.db, { ...w.platform, backups }, w.admin, new Date());
    expect(run, JSON.stringify(run)).toMatchObject({ kind: 'done', signed: true });
    expect(written).toHaveLength(1);
    expect(await readLastBackup(w.db)).toMatchObject({ signed: true, folder: '/backups' });
  });

  it('reports a full disk or a folder the host does not allow as the backup feature’s own refusal, recording nothing', async () => {
    const w = await world();
    await saveBackupSchedule(w.db, w.admin, 0, { interval: 'weekly', folder: '/backups' }, NOW);
    for (const [code, expected] of [
      ['disk-full', 'backup.folder_disk_full'],
      ['folder-not-chosen', 'backup.folder_not_chosen'],
      ['not-found', 'backup.folder_missing'],
      ['io', 'backup.folder_write_failed'],
    ] as const) {
      const { backups } = fakeFolders({ fail: { code, message: 'refused' } });
      const run = await runScheduledBackup(w.db, { ...w.platform, backups }, w.admin, NOW);
      expect(run).toMatchObject({ kind: 'failed', folder: '/backups', error: { code: expected } });
    }
    expect(await readLastBackup(w.db)).toBeUndefined();
    expect((await w.db.events.all()).filter((e) => e.action === 'backup.export')).toHaveLength(0);
  });
});
