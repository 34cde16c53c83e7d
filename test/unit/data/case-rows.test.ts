// The Dexie adapter's cases: a case and its parties are parsed on the way in and out like every
// other kind, so a bad write is refused and a damaged stored row is named (DataError), never
// handed to a screen half-formed.
import { describe, expect, it } from 'vitest';
import { DataError, SYSTEM_ACTOR } from '../../../renderer/data';
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { bucketOf } from '../../../renderer/data/dexie/packing';
import { getCase, registerCase } from '../../../renderer/features/case-store';
import { toCaseRow } from '../../../shared/backup/rows';
import type { Party } from '../../../shared/domain/model';
import { freshDb, neighbourIntake, setUp } from '../db/helpers';

const day = { today: '2026-03-02', now: new Date('2026-03-02T09:00:00+08:00') };

async function registered() {
  const data = freshDb();
  const admin = await setUp(data);
  const result = await registerCase(data, admin, neighbourIntake(), day);
  if (!result.ok) throw result.error;
  return { data, record: result.value.case, parties: result.value.parties };
}

describe('case rows', () => {
  it('refuses a party that does not parse, and writes nothing', async () => {
    const { data, record, parties } = await registered();
    const broken = { ...parties[0], kind: 'natural', idType: 'library_card' } as unknown as Party;
    const write = data.transact(SYSTEM_ACTOR, () => data.cases.put(toCaseRow(record), [broken]));
    await expect(write).rejects.toBeInstanceOf(DataError);
    await expect(write).rejects.toMatchObject({ problem: { key: 'data.record_invalid', params: { kind: 'parties', id: broken.id } } });
    // Stored in id order.
    expect(await data.cases.parties(record.id)).toEqual([...parties].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('names a damaged stored case instead of returning it', async () => {
    const { data, record } = await registered();
    const db = openWorkstationDb(data.name);
    const bucket = (await db.caseBuckets.get(bucketOf(record.id)))!;
    await db.caseBuckets.put({ ...bucket, cases: bucket.cases.map((c) => (c.id === record.id ? { ...c, status: 'lost' as never } : c)) });
    db.close();
    await expect(getCase(data, record.id)).rejects.toMatchObject({ problem: { key: 'data.record_invalid', params: { kind: 'cases', id: record.id } } });
  });
});
