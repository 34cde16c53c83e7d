// The Dexie adapter's packed layout: packing rows into buckets and pages loses nothing and keeps
// id order.
import { describe, expect, it } from 'vitest';
import { packCases, packEvents, unpackCases, unpackEvents, upsertById, EVENT_PAGE_SIZE } from '../../../renderer/data/dexie/packing';
import type { CaseRow, EventRow } from '../../../shared/backup/rows';
import type { Party } from '../../../shared/domain/model';
import { seededData } from '../db/seeded';

describe('packing', () => {
  it('round-trips the cases, parties and events of a seeded dataset', () => {
    const data = seededData(300, 4);
    const cases = data.cases as CaseRow[];
    const parties = data.parties as Party[];
    const events = data.events as EventRow[];
    const buckets = packCases([...cases].reverse(), [...parties].reverse());
    expect(buckets.length).toBeLessThan(cases.length);
    for (const b of buckets) for (const c of b.cases) expect(c.id.startsWith(b.bucket)).toBe(true);
    const back = unpackCases(buckets);
    expect(back.cases).toEqual([...cases].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(back.parties).toEqual([...parties].sort((a, b) => (a.id < b.id ? -1 : 1)));

    const pages = packEvents(events);
    expect(pages.length).toBe(Math.floor(events.at(-1)!.id / EVENT_PAGE_SIZE) - Math.floor(events[0]!.id / EVENT_PAGE_SIZE) + 1);
    for (const p of pages) {
      expect(p.events.length).toBeLessThanOrEqual(EVENT_PAGE_SIZE);
      expect(new Set(p.caseIds)).toEqual(new Set(p.events.flatMap((e) => (e.caseId ? [e.caseId] : []))));
    }
    expect(unpackEvents(pages)).toEqual(events);
  });

  it('replaces or inserts by id, in order', () => {
    const rows = [{ id: 'b', v: 1 }, { id: 'd', v: 1 }];
    upsertById(rows, { id: 'c', v: 1 });
    upsertById(rows, { id: 'a', v: 1 });
    upsertById(rows, { id: 'd', v: 2 });
    upsertById(rows, { id: 'e', v: 1 });
    expect(rows).toEqual([{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }, { id: 'd', v: 2 }, { id: 'e', v: 1 }]);
  });
});
