// Backup → restore on a fresh profile gives the same data byte for byte; a bad file changes nothing.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exportBackup, restoreBackup, type RestoreProgress } from '../../../renderer/features/backup/store';
import { readLastBackup } from '../../../renderer/kit/last-backup';
import { browserBlobStore } from '../../../renderer/platform/browser';
import type { DataStore } from '../../../renderer/data';
import { decodeBackup } from '../../../shared/backup/codec';
import { countStoredCases, freshDb } from './helpers';
import { acknowledgeUnsigned, SEED_NOW, seededBackup, seededData, seededDb } from './seeded';

const platformOf = (db: DataStore) => ({ blobs: browserBlobStore(db.blobs) });
const ACTOR = { id: 'admin-1', displayName: '管理员' };

async function snapshot(db: DataStore) {
  const tables = await db.bulk.snapshot();
  return {
    cases: tables.cases,
    parties: tables.parties,
    events: await db.events.all(),
    users: tables.users,
    blobs: await db.blobs.hashes(),
  };
}

describe('backup and restore', () => {
  it('restores into a fresh database and exports the identical bytes again', async () => {
    const { db } = await seededDb(300);
    const evidence = await browserBlobStore(db.blobs).put(strToU8('调解笔录 PDF bytes'));
    await db.transact(ACTOR, () => db.meta.put('test.entry', { blob: evidence }));
    const first = await exportBackup(db, platformOf(db), { now: SEED_NOW });

    const copy = freshDb();
    const progress: number[] = [];
    const result = await restoreBackup(copy, first, { onProgress: (p) => progress.push(p.done), approve: acknowledgeUnsigned });
    expect(result).toMatchObject({ ok: true, blobs: 1, counts: { cases: 300 } });
    expect(progress.at(-1)).toBeGreaterThan(300);
    expect(await copy.meta.get('test.entry', z.object({ blob: z.string() }))).toEqual({ blob: evidence });
    const second = await exportBackup(copy, platformOf(copy), { now: SEED_NOW });
    expect(second).toEqual(first);
    expect(await snapshot(copy)).toEqual(await snapshot(db));
    expect(await browserBlobStore(copy.blobs).get(evidence)).toEqual(strToU8('调解笔录 PDF bytes'));
  });

  it('restores what `mw seed` writes', async () => {
    const data = seededData(120, 3);
    const db = freshDb();
    const result = await restoreBackup(db, seededBackup(data), { approve: acknowledgeUnsigned });
    expect(result.ok).toBe(true);
    expect(await countStoredCases(db)).toBe(120);
    expect(await db.institution.get()).toEqual(data.institution);
  });

  it('refuses corrupted, truncated, foreign and newer files and leaves the database untouched', async () => {
    const { db } = await seededDb(60, 5);
    const before = await snapshot(db);
    const good = await exportBackup(db, platformOf(db), { now: SEED_NOW });
    const files = unzipSync(good);

    const flipped = good.slice();
    const at = Math.floor(flipped.length / 3);
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    const tampered = { ...files, 'tables/cases.jsonl': strToU8(strFromU8(files['tables/cases.jsonl'] as Uint8Array).replace('"NBR"', '"FAM"')) };
    const manifest = JSON.parse(strFromU8(files['backup.json'] as Uint8Array));
    const newer = { ...files, 'backup.json': strToU8(JSON.stringify({ ...manifest, schemaVersion: 99 })) };

    const bad: Array<[string, Uint8Array, string[]]> = [
      ['empty', new Uint8Array(0), ['backup.not_zip']],
      ['text', strToU8('hello'), ['backup.not_zip']],
      ['truncated', good.slice(0, good.length - 10), ['backup.truncated']],
      ['half', good.slice(0, good.length >> 1), ['backup.truncated', 'backup.corrupt']],
      ['bit flip', flipped, ['backup.corrupt', 'backup.table_invalid', 'backup.foreign']],
      ['tampered', zipSync(tampered), ['backup.corrupt']],
      ['foreign', zipSync({ 'word/document.xml': strToU8('<w:document/>') }), ['backup.foreign']],
      ['newer', zipSync(newer), ['backup.version']],
    ];
    for (const [label, bytes, codes] of bad) {
      const result = await restoreBackup(db, bytes, { approve: acknowledgeUnsigned });
      expect({ label, ok: result.ok }).toEqual({ label, ok: false });
      if (!result.ok) {
        expect({ label, code: codes.includes(result.code) ? 'expected' : result.code }).toEqual({ label, code: 'expected' });
        // Said by its code and values; the codec's English is kept apart, for logs.
        expect(result.problem).toEqual({ key: result.code, params: {} });
        expect(result.detail.length).toBeGreaterThan(10);
      }
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back completely when the restore is cancelled midway', async () => {
    const { db } = await seededDb(40, 9);
    const before = await snapshot(db);
    const big = seededBackup(seededData(6_000, 2));
    expect(decodeBackup(big, { maxBytes: 1e9, maxEntries: 100 }).ok).toBe(true);
    const abort = new AbortController();
    const result = await restoreBackup(db, big, {
      signal: abort.signal,
      approve: acknowledgeUnsigned,
      onProgress: (p) => {
        if (p.phase === 'write' && p.done > p.total / 2) abort.abort();
      },
    });
    expect(result).toMatchObject({ ok: false, code: 'backup.cancelled' });
    expect(await snapshot(db)).toEqual(before);
  }, 60_000);

  it('counts progress in the backup’s rows up to exactly their number, and records the restore as the one who restored it', async () => {
    const data = seededData(700, 6);
    const file = seededBackup(data);
    const db = freshDb();
    const admin = data.users[0];
    if (!admin) throw new Error('no users');
    const progress: RestoreProgress[] = [];
    const result = await restoreBackup(db, file, { actor: admin, now: SEED_NOW, approve: acknowledgeUnsigned, onProgress: (p) => progress.push(p) });
    if (!result.ok) throw new Error(result.code);
    const total = Object.values(result.counts).reduce((n, rows) => n + rows, 0) + result.blobs;
    const writes = progress.filter((p) => p.phase === 'write');
    expect(writes.at(-1)).toEqual({ phase: 'write', done: total, total });
    expect(writes.every((p, i) => i === 0 || p.done > (writes[i - 1]?.done ?? 0))).toBe(true);
    const restored = (await db.events.all()).filter((e) => e.action === 'backup.restore');
    expect(restored).toMatchObject([{ actorId: admin.id, after: { cases: 700, signedBy: null } }]);
    // One commit, its change records per batch rather than per row.
    const changes = await db.changesSince(0);
    expect(new Set(changes.map((c) => c.version)).size).toBe(1);
    expect(changes.length).toBeLessThan(50);
  });

  it('restores a backup made before the generic records table existed', async () => {
    const files = unzipSync(seededBackup(seededData(30, 5)));
    const manifest = JSON.parse(strFromU8(files['backup.json'] as Uint8Array)) as { tables: Record<string, unknown> };
    delete manifest.tables.records;
    delete files['tables/records.jsonl'];
    const old = zipSync({ ...files, 'backup.json': strToU8(`${JSON.stringify(manifest)}\n`) });
    const db = freshDb();
    expect(await restoreBackup(db, old, { approve: acknowledgeUnsigned })).toMatchObject({ ok: true, counts: { cases: 30, records: 0 } });
    expect(await countStoredCases(db)).toBe(30);
  });

  it('records an export as its maker’s: the audit event and the last backup, in one commit', async () => {
    const { db, data } = await seededDb(20, 3);
    const admin = data.users[0];
    if (!admin) throw new Error('no users');
    await exportBackup(db, platformOf(db), { now: SEED_NOW });
    expect(await readLastBackup(db)).toBeUndefined();
    const before = (await db.changesSince(0)).at(-1)?.version ?? 0;

    await exportBackup(db, platformOf(db), { now: SEED_NOW, actor: admin });
    expect(await readLastBackup(db)).toEqual({ at: SEED_NOW.toISOString(), byId: admin.id, byName: admin.displayName, signed: false, folder: null });
    expect((await db.events.all()).filter((e) => e.action === 'backup.export')).toMatchObject([{ actorId: admin.id, after: { cases: 20, signed: false } }]);
    const changes = await db.changesSince(before);
    expect(changes.map((c) => c.kind).sort()).toEqual(['events', 'meta']);
    expect(new Set(changes.map((c) => c.version)).size).toBe(1);

    // A scheduled backup says where it went.
    await exportBackup(db, platformOf(db), { now: new Date(SEED_NOW.getTime() + 60_000), actor: admin, folder: 'D:\\备份' });
    expect(await readLastBackup(db)).toMatchObject({ folder: 'D:\\备份' });
  });
});
