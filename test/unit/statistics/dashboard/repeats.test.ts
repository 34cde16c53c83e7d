// Repeat disputes: the index kept in the data layer equals, after a restore, after writes of
// parties and when built for a database without it, what a brute-force scan of every pair of cases
// finds — cases sharing a party's identity number (or credit code), a party's name and phone, or a
// precise address; agents never count. The case list's repeat filter selects exactly a line's cases.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataStore } from '../../../../renderer/data';
import { countCases } from '../../../../renderer/features/case-store';
import type { CaseRow } from '../../../../shared/backup/rows';
import type { Party, User } from '../../../../shared/domain/model';
import { caseListQuery, keepsRepeatCase, repeatGroups, type DashboardFilter, type RepeatCase } from '../../../../shared/statistics/dashboard';
import type { SeedDataset } from '../../../../shared/seed/generate';
import { openWorkstationDb } from '../../../../renderer/data/dexie/db';
import { freshDb } from '../../db/helpers';
import { acknowledgeUnsigned, seededBackup, seededData } from '../../db/seeded';
import { restoreBackup } from '../../../../renderer/features/backup/store';

/** What the brute force compares: written out again here, not taken from the code under test. */
function traitsOf(p: Party): string[] {
  if (p.kind === 'agent') return [];
  const out: string[] = [];
  const number = p.kind === 'legal' ? p.creditCode : p.idNumber;
  if (number.trim()) out.push(`id ${number.trim().toUpperCase()}`);
  const phone = p.phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (p.name.trim() && phone.length >= 7) out.push(`person ${p.name.trim()} ${phone}`);
  const address = p.address.replace(/\s+/g, '');
  if ([...address].length >= 10 && /[0-9号室栋幢组]/.test(address)) out.push(`address ${address}`);
  return out;
}

/** Every set of two or more cases sharing a trait, by comparing every pair of cases. */
function bruteForce(cases: readonly CaseRow[], parties: readonly Party[], keep: (c: CaseRow) => boolean): Set<string> {
  const traits = new Map<string, Set<string>>();
  for (const c of cases) traits.set(c.id, new Set(parties.filter((p) => p.caseId === c.id).flatMap(traitsOf)));
  const kept = cases.filter(keep);
  const sets = new Set<string>();
  for (const a of kept) {
    for (const trait of traits.get(a.id) ?? []) {
      const sharing = kept.filter((b) => traits.get(b.id)?.has(trait)).map((b) => b.id);
      if (sharing.length >= 2) sets.add(sharing.sort().join(','));
    }
  }
  return sets;
}

async function snapshot(db: DataStore): Promise<{ cases: CaseRow[]; parties: Party[] }> {
  const tables = await db.bulk.snapshot();
  return { cases: tables.cases as CaseRow[], parties: tables.parties as Party[] };
}

async function indexedSets(db: DataStore, caseOf: (id: string) => RepeatCase | null): Promise<Set<string>> {
  const groups = repeatGroups((await db.cases.repeats()).shards.values(), caseOf, Number.MAX_SAFE_INTEGER);
  return new Set(groups.map((g) => g.caseIds.join(',')));
}

async function expectEqualsBruteForce(db: DataStore, keep: (c: CaseRow) => boolean = () => true): Promise<number> {
  const { cases, parties } = await snapshot(db);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const caseOf = (id: string): RepeatCase | null => {
    const c = byId.get(id);
    return c && keep(c) ? { category: c.category, source: c.source, mediatorKey: c.mediatorKey } : null;
  };
  const expected = bruteForce(cases, parties, keep);
  expect(await indexedSets(db, caseOf)).toEqual(expected);
  return expected.size;
}

/** The seed with planted repeats: a person (by number, and by name and phone) in three cases, an agent in many. */
function plantedData(): SeedDataset {
  const data = seededData(400, 23);
  const natural = data.parties.filter((p): p is Extract<Party, { kind: 'natural' }> => p.kind === 'natural');
  const [first, second, third, fourth] = [natural[0]!, natural[40]!, natural[80]!, natural[120]!];
  const parties = data.parties.map((p) => {
    if (p.id === second.id) return { ...p, idNumber: first.idNumber };
    if (p.id === third.id) return { ...p, name: first.name, phone: first.phone, idNumber: '' };
    if (p.id === fourth.id) return { ...p, address: '安徽省芜湖市' };
    return p;
  });
  return { ...data, parties };
}

describe('the repeat disputes’ index', () => {
  let db: DataStore;
  let data: SeedDataset;
  let admin: User;
  beforeAll(async () => {
    data = plantedData();
    db = freshDb();
    const restored = await restoreBackup(db, seededBackup(data), { approve: acknowledgeUnsigned });
    if (!restored.ok) throw new Error(`restore failed: ${restored.code}`);
    admin = data.users.find((u) => u.role === 'admin')!;
  }, 120_000);

  it('is built by the restore, equal to a brute-force scan (the planted person and the seed’s shared addresses among them)', async () => {
    expect(await expectEqualsBruteForce(db)).toBeGreaterThan(1);
    const natural = data.parties.filter((p) => p.kind === 'natural');
    const planted = [natural[0]!, natural[40]!, natural[80]!].map((p) => p.caseId).sort().join(',');
    const groups = repeatGroups((await db.cases.repeats()).shards.values(), () => ({ category: '', source: '', mediatorKey: '' }), Number.MAX_SAFE_INTEGER);
    // Two of them share the number, two the name and phone: two lines, not one of three.
    expect(groups.filter((g) => planted.includes(g.caseIds[0]!) && g.caseIds.length === 2).map((g) => g.kind).sort()).toEqual(['id', 'person']);
  });

  it('follows writes of a case’s parties: a repeat made, undone, an agent ignored', async () => {
    const { cases, parties } = await snapshot(db);
    const [a, b, c] = [cases[5]!, cases[6]!, cases[7]!];
    const partiesOf = (id: string) => parties.filter((p) => p.caseId === id);
    const aParty = partiesOf(a.id).find((p) => p.kind === 'natural')!;
    const write = (row: CaseRow, list: Party[]) => db.transact({ id: admin.id, displayName: admin.displayName }, () => db.cases.put({ ...row, version: row.version + 1 }, list));
    // b's applicant becomes a's (same number); c gets an agent with a's name and phone.
    await write(b, partiesOf(b.id).map((p, i) => (i === 0 && p.kind === 'natural' ? { ...p, idNumber: (aParty as { idNumber: string }).idNumber } : p)));
    const agent: Party = { id: 'agent-1', caseId: c.id, side: 'applicant', kind: 'agent', name: aParty.name, phone: aParty.phone, address: '', principalId: partiesOf(c.id)[0]!.id, licenseNo: '', firm: '' };
    await write(c, [...partiesOf(c.id), agent]);
    await expectEqualsBruteForce(db);
    const sets = await indexedSets(db, () => ({ category: '', source: '', mediatorKey: '' }));
    expect([...sets].some((s) => s.includes(a.id) && s.includes(b.id))).toBe(true);
    expect([...sets].some((s) => s.includes(c.id) && s.includes(a.id))).toBe(false);
    // Written back: the repeat is gone.
    await write({ ...b, version: b.version + 1 }, partiesOf(b.id));
    await expectEqualsBruteForce(db);
    // A case's write without parties leaves the index as it is.
    await db.transact({ id: admin.id, displayName: admin.displayName }, () => db.cases.put({ ...a, version: a.version + 1 }));
    await expectEqualsBruteForce(db);
  });

  it('under a filter counts only the cases it keeps (a category)', async () => {
    await expectEqualsBruteForce(db, (c) => c.category === 'NBR' || c.category === 'LEN');
  });

  it('is built from the cases at the first read in a database without it', async () => {
    const other = freshDb();
    const restored = await restoreBackup(other, seededBackup(plantedData()), { approve: acknowledgeUnsigned });
    if (!restored.ok) throw new Error('restore failed');
    const raw = openWorkstationDb(other.name);
    await raw.counters.where('key').startsWith('repeats:').delete();
    raw.close();
    await expectEqualsBruteForce(other);
  });

  it('a line opens the case list of exactly its cases, under the dashboard’s filter too', async () => {
    const { cases } = await snapshot(db);
    const byId = new Map(cases.map((c) => [c.id, c]));
    const filters: DashboardFilter[] = [{ period: { kind: 'all' } }, { period: { kind: 'year', year: 2026 }, category: 'NBR' }, { period: { kind: 'all' }, source: 'walk_in' }];
    let lines = 0;
    for (const filter of filters) {
      const caseOf = (id: string): RepeatCase | null => {
        const c = byId.get(id);
        const r = c && { category: c.category, source: c.source, mediatorKey: c.mediatorId ?? '' };
        return r && keepsRepeatCase(filter, r) ? r : null;
      };
      for (const g of repeatGroups((await db.cases.repeats()).shards.values(), caseOf, 5)) {
        const query = caseListQuery(filter, { repeat: g.token });
        expect(query.from).toBeUndefined();
        expect((await countCases(db, query, admin, { today: '2026-11-22' })).count).toBe(g.caseIds.length);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(3);
    expect((await countCases(db, { sort: 'registeredAt', dir: 'desc', repeat: '0123456789abcdef' }, admin, { today: '2026-11-22' })).count).toBe(0);
  });
});
