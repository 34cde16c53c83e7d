// The register's packed catalog (renderer/data/record-catalog.ts, kept by the data layer for the
// consultations kind): after every write path — recording, an edit, retention's anonymisation and
// removal, a restore from a backup, records written by the center sync's actor through a kind of the
// same name, another window — the desk's index holds exactly the entries a plain scan of the records
// gives, and its filters and searches answer as the plain scan's do (the selection the register
// made before the catalog: every entry tested, newest first). A catalog found stale (its count, its
// version) or damaged is rebuilt from the records.
import { describe, expect, it } from 'vitest';
import { defineRecordKind, SYSTEM_ACTOR, TERM_SEPARATOR, openDataStore, type DataStore } from '../../../renderer/data';
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { ConsultationCatalog, consultationCatalog } from '../../../renderer/features/consultations/catalog';
import { CONSULTATIONS, type ConsultationEntry } from '../../../renderer/features/consultations/kind';
import { queryConsultations, recordConsultation, runRetention, setRetention, type ConsultationQuery } from '../../../renderer/features/consultations/store';
import { consultationSchema, type Consultation } from '../../../shared/consultation/model';
import { normalizeSearchText } from '../../../shared/domain/search';
import type { User } from '../../../shared/domain/model';
import { freshDb } from '../db/helpers';
import { consultationInput, desk, NOW } from './fixtures';

const NAMES = ['王𠀀堃', '李四', '张三丰', '王五', '赵六'];
const TOPICS = ['LAB', 'FAM', 'NBR', 'CRIMINAL'];
const OUTCOMES = ['answered', 'referred_mediation', 'referred_arbitration', 'referred_court'];
const CHANNELS = ['walk_in', 'hotline', 'online', 'appointment'];
const DAY = 86_400_000;

/** `count` consultations over the 40 days before NOW, recorded through the desk's command in one transaction. */
async function recordMany(data: DataStore, lawyer: User, count: number, from = 0): Promise<Consultation[]> {
  return data.transact({ id: lawyer.id, displayName: lawyer.displayName }, async () => {
    const out: Consultation[] = [];
    for (let i = from; i < from + count; i++) {
      const input = consultationInput({
        receivedAt: new Date(NOW.getTime() - ((i * 7) % 40) * DAY - i * 60_000).toISOString(),
        name: NAMES[i % NAMES.length],
        phone: `139553${String(10000 + i * 37).slice(-5)}`,
        idNumber: i % 3 === 0 ? '' : consultationInput().idNumber,
        topic: TOPICS[i % TOPICS.length],
        outcome: OUTCOMES[(i >> 1) % OUTCOMES.length],
        channel: CHANNELS[(i >> 2) % CHANNELS.length],
      });
      const r = await recordConsultation(data, lawyer, input, NOW);
      if (!r.ok) throw r.error;
      out.push(r.value);
    }
    return out;
  });
}

/** The register's entries by a plain scan of its records. */
async function plain(data: DataStore): Promise<readonly ConsultationEntry[]> {
  return ConsultationCatalog.of(await data.records(CONSULTATIONS).all()).entries;
}

/** The selection as the register made it before the packed catalog: every entry tested, newest first. */
function plainSelection(entries: readonly ConsultationEntry[], institutionId: string, q: ConsultationQuery): string[] {
  const text = q.text ? normalizeSearchText(q.text) : '';
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`).toISOString() : undefined;
  const to = q.to ? new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + DAY).toISOString() : undefined;
  return entries
    .filter(
      (e) =>
        e.institutionId === institutionId &&
        (q.topic === undefined || e.topic === q.topic) &&
        (q.outcome === undefined || e.outcome === q.outcome) &&
        (q.channel === undefined || e.channel === q.channel) &&
        (from === undefined || e.receivedAt >= from) &&
        (to === undefined || e.receivedAt < to) &&
        (text === '' || e.searchText.includes(TERM_SEPARATOR + text)),
    )
    .reverse()
    .map((e) => e.id);
}

const QUERIES: ConsultationQuery[] = [
  {},
  { topic: 'LAB' },
  { outcome: 'answered' },
  { topic: 'FAM', outcome: 'referred_mediation' },
  { topic: 'NBR', channel: 'hotline' },
  { channel: 'online', from: '2026-11-10', to: '2026-11-30' },
  { from: '2026-12-01' },
  { to: '2026-11-05', outcome: 'referred_court' },
  { text: '王' },
  { text: '𠀀堃' },
  { text: '李四', topic: 'FAM' },
  { text: '咨2026-0001' },
  { text: '13955' },
  { text: '王五', from: '2026-11-20' },
];

/** The desk's index equals a plain scan, and every query answers as the plain selection does. */
async function expectInStep(data: DataStore, institutionId: string): Promise<void> {
  const entries = await plain(data);
  expect((await consultationCatalog(data)).entries).toEqual(entries);
  for (const q of QUERIES) {
    const page = await queryConsultations(data, institutionId, q, { offset: 0, limit: 500 });
    const expected = plainSelection(entries, institutionId, q);
    expect({ q, ids: page.rows.map((r) => r.id), total: page.total }).toEqual({ q, ids: expected, total: expected.length });
  }
}

/** Another window on the same store. */
const window2 = (data: DataStore) => openDataStore(data.name);

describe('the packed catalog after each write path', () => {
  it('recording and an edit (one window and another)', async () => {
    const { data, lawyer, institutionId } = await desk();
    await expectInStep(data, institutionId);
    const recorded = await recordMany(data, lawyer, 60);
    await expectInStep(data, institutionId);
    const other = window2(data);
    await expectInStep(other, institutionId);
    // An edit: topic, outcome, time and the person change; the list and the other window follow.
    const edited = { ...recorded[5]!, topic: 'CRIMINAL' as const, outcome: 'answered' as const, receivedAt: '2026-10-01T00:00:00.000Z', version: 2 };
    await data.transact(SYSTEM_ACTOR, () => data.records(CONSULTATIONS).put(edited));
    await recordMany(other, lawyer, 5, 60);
    await expectInStep(data, institutionId);
    await expectInStep(other, institutionId);
    other.close();
    // A new window reads the packed catalog, not the records, and finds the same.
    const third = window2(data);
    await expectInStep(third, institutionId);
    third.close();
  });

  it("retention's anonymisation and removal", async () => {
    const { data, admin, lawyer, institutionId } = await desk();
    await recordMany(data, lawyer, 40);
    await expectInStep(data, institutionId);
    // Twelve months' retention, run a little under a year after NOW: the older half is due.
    const later = new Date(NOW.getTime() + 345 * DAY);
    expect((await setRetention(data, admin, { months: 12, action: 'anonymise' }, later)).ok).toBe(true);
    const anonymised = await runRetention(data, lawyer, later);
    expect(anonymised.ok && anonymised.value.anonymised).toBeGreaterThan(0);
    expect((await consultationCatalog(data)).entries.filter((e) => e.anonymised).length).toBe(anonymised.ok ? anonymised.value.anonymised : -1);
    await expectInStep(data, institutionId);
    expect((await setRetention(data, admin, { months: 12, action: 'remove' }, later)).ok).toBe(true);
    const removed = await runRetention(data, lawyer, later);
    expect(removed.ok && removed.value.removed).toBeGreaterThan(0);
    await expectInStep(data, institutionId);
    const left = (await consultationCatalog(data)).entries;
    expect(left.length).toBe(40 - (removed.ok ? removed.value.removed : 0));
    expect(left.length).toBeGreaterThan(0);
  });

  it('a restore from a backup, into this window and another', async () => {
    const { data, lawyer, institutionId } = await desk();
    await recordMany(data, lawyer, 30);
    const snapshot = await data.bulk.snapshot();
    const target = freshDb();
    const watching = window2(target);
    await consultationCatalog(watching);
    await target.bulk.replaceAll(snapshot, { actor: SYSTEM_ACTOR });
    // The restore wrote the catalog with the other packed tables: it is there without a rebuild.
    const db = openWorkstationDb(target.name);
    const head = (await db.counters.get('records:consultations:head'))?.value as { count: number } | undefined;
    db.close();
    expect(head?.count).toBe(30);
    await expectInStep(target, institutionId);
    await expectInStep(watching, institutionId);
    // Restoring the same backup over the register again (records removed meanwhile come back).
    await recordMany(target, lawyer, 3, 100);
    await target.bulk.replaceAll(snapshot, { actor: SYSTEM_ACTOR });
    await expectInStep(target, institutionId);
    await expectInStep(watching, institutionId);
    watching.close();
  });

  it("records written by the center sync's actor through a kind of the same name", async () => {
    const { data, lawyer, institutionId } = await desk();
    const recorded = await recordMany(data, lawyer, 20);
    await expectInStep(data, institutionId);
    // The sync side writes pulled records through data.transact with its own actor; a kind object
    // defined there without the catalog still keeps it (the data layer keeps it by the kind's name).
    const pulledKind = defineRecordKind('consultations', consultationSchema);
    const pulled = { ...recorded[0]!, id: crypto.randomUUID(), number: '咨2026-09001', seq: 9001, topic: 'FAM' as const };
    // A window (store connection) whose first repository of the kind is the sync's.
    const syncing = window2(data);
    await syncing.transact({ id: 'center-sync', displayName: 'sync' }, async () => {
      await syncing.records(pulledKind).put(pulled);
      await syncing.records(pulledKind).put({ ...recorded[1]!, outcome: 'referred_court', version: 2 });
      await syncing.records(pulledKind).delete(recorded[2]!.id);
    });
    await expectInStep(data, institutionId);
    await expectInStep(syncing, institutionId);
    syncing.close();
  });
});

describe('a stale or damaged catalog', () => {
  async function seeded() {
    const { data, lawyer, institutionId } = await desk();
    await recordMany(data, lawyer, 30);
    await consultationCatalog(data);
    return { data, lawyer, institutionId };
  }

  it('is rebuilt when its count disagrees with the records (a record written around the data layer)', async () => {
    const { data, institutionId } = await seeded();
    const db = openWorkstationDb(data.name);
    const victim = (await data.records(CONSULTATIONS).all())[3]!;
    await db.records.delete(`consultations/${victim.id}`);
    db.close();
    const other = window2(data);
    expect((await consultationCatalog(other)).entries.map((e) => e.id)).not.toContain(victim.id);
    await expectInStep(other, institutionId);
    other.close();
  });

  it('is rebuilt when it is of another version', async () => {
    const { data, institutionId } = await seeded();
    const db = openWorkstationDb(data.name);
    const head = (await db.counters.get('records:consultations:head'))!.value as Record<string, unknown>;
    // A layout of another version, whose chunks decode but mean something else: never read as this one.
    await db.counters.put({ key: 'records:consultations:head', value: { ...head, version: 0 } });
    const chunks = await db.counters.where('key').startsWith('records:consultations:chunk:').toArray();
    await db.counters.bulkPut(chunks.map((row) => ({ key: row.key, value: (row.value as unknown[][]).map((column, f) => (f === 7 ? column.map(() => '旧') : column)) })));
    db.close();
    const other = window2(data);
    await expectInStep(other, institutionId);
    other.close();
  });

  it('is rebuilt when a chunk is damaged, in a new window and in one that already read it', async () => {
    const { data, lawyer, institutionId } = await seeded();
    const db = openWorkstationDb(data.name);
    const chunks = await db.counters.where('key').startsWith('records:consultations:chunk:').toArray();
    expect(chunks.length).toBeGreaterThan(0);
    await db.counters.bulkPut(chunks.map((row, i) => ({ key: row.key, value: i % 2 === 0 ? 'garbage' : [[1, 2], []] })));
    db.close();
    const other = window2(data);
    await expectInStep(other, institutionId);
    other.close();
    // Damaged again; this window writes before it reads: the write finds the chunk damaged and
    // leaves the catalog to be rebuilt, never half-kept.
    const db2 = openWorkstationDb(data.name);
    const again = await db2.counters.where('key').startsWith('records:consultations:chunk:').toArray();
    await db2.counters.bulkPut(again.map((row) => ({ key: row.key, value: { columns: 'none' } })));
    db2.close();
    await recordMany(data, lawyer, 5, 200);
    await expectInStep(data, institutionId);
  });

  it('is built from the records of a database that has none (from before the catalog)', async () => {
    const { data, institutionId } = await seeded();
    const db = openWorkstationDb(data.name);
    await db.counters.where('key').startsWith('records:consultations:').delete();
    db.close();
    const other = window2(data);
    await expectInStep(other, institutionId);
    other.close();
  });

  it('names a damaged record instead of listing it half-read', async () => {
    const { data } = await seeded();
    const db = openWorkstationDb(data.name);
    const row = (await db.records.where('kind').equals('consultations').first())!;
    await db.records.put({ ...row, value: { ...(row.value as object), topic: 'NOT_A_TOPIC' } });
    await db.counters.where('key').startsWith('records:consultations:').delete();
    db.close();
    const other = window2(data);
    await expect(consultationCatalog(other)).rejects.toMatchObject({ problem: { key: 'data.record_invalid', params: { kind: 'consultations', id: row.id } } });
    other.close();
  });
});
