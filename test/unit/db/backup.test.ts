// Backup → restore on a fresh profile gives the same data byte for byte; a bad file changes nothing.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from '../../../renderer/db/backup';
import { browserBlobStore } from '../../../renderer/platform/browser';
import type { WorkstationDb } from '../../../renderer/db/db';
import { allEvents } from '../../../renderer/db/audit';
import { unpackCases } from '../../../renderer/db/packing';
import { decodeBackup } from '../../../shared/backup/codec';
import { countStoredCases, freshDb } from './helpers';
import { acknowledgeUnsigned, SEED_NOW, seededBackup, seededData, seededDb } from './seeded';

const platformOf = (db: WorkstationDb) => ({ blobs: browserBlobStore(db) });

async function snapshot(db: WorkstationDb) {
  return {
    ...unpackCases(await db.caseBuckets.toArray()),
    events: await allEvents(db),
    users: await db.users.toArray(),
    blobs: (await db.blobs.toArray()).map((b) => b.sha256),
  };
}

describe('backup and restore', () => {
  it('restores into a fresh database and exports the identical bytes again', async () => {
    const { db } = await seededDb(300);
    const evidence = await browserBlobStore(db).put(strToU8('调解笔录 PDF bytes'));
    await db.ledgerEntries.add({ id: 'entry-1', caseId: 'c', blob: evidence });
    const first = await exportBackup(db, platformOf(db), { now: SEED_NOW });

    const copy = freshDb();
    const progress: number[] = [];
    const result = await restoreBackup(copy, first, { onProgress: (p) => progress.push(p.done), approve: acknowledgeUnsigned });
    expect(result).toMatchObject({ ok: true, blobs: 1, counts: { cases: 300, ledgerEntries: 1 } });
    expect(progress.at(-1)).toBeGreaterThan(300);
    const second = await exportBackup(copy, platformOf(copy), { now: SEED_NOW });
    expect(second).toEqual(first);
    expect(await snapshot(copy)).toEqual(await snapshot(db));
    expect(await browserBlobStore(copy).get(evidence)).toEqual(strToU8('调解笔录 PDF bytes'));
  });

  it('restores what `mw seed` writes', async () => {
    const data = seededData(120, 3);
    const db = freshDb();
    const result = await restoreBackup(db, seededBackup(data), { approve: acknowledgeUnsigned });
    expect(result.ok).toBe(true);
    expect(await countStoredCases(db)).toBe(120);
    expect(await db.institution.get('institution')).toEqual(data.institution);
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
    const signal = { aborted: false };
    const result = await restoreBackup(db, big, {
      signal,
      approve: acknowledgeUnsigned,
      onProgress: (p) => {
        if (p.phase === "write" && p.done > p.total / 2) signal.aborted = true;
      },
    });
    expect(result).toMatchObject({ ok: false, code: 'backup.cancelled' });
    expect(await snapshot(db)).toEqual(before);
  }, 60_000);
});
