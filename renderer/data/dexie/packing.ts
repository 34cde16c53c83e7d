// How cases, parties and audit events sit in IndexedDB since schema 3. Chromium's IndexedDB
// spends about 70 µs on every record and 15 µs on every index entry it writes, so 100,000 cases
// stored one record per row, with the list's indexes and search terms, took 108 s to restore
// (issue 2 asks for 30 s). Rows are therefore packed into few records: a case and its parties live
// in a bucket of the cases sharing the first characters of their id, audit events in pages of
// consecutive ids, and the case list reads a compact catalog held in memory (./case-catalog.ts).
// The backup format keeps one row per case, party and event; these functions convert both ways.
import type { Party } from '../../../shared/domain/model';
import type { CaseRow, EventRow } from '../../../shared/backup/rows';

/** Cases with the same first three id characters (random UUIDs: 4,096 buckets) share a record. */
const BUCKET_PREFIX = 3;
/** Events with ids n·64 … n·64+63 share a record. */
export const EVENT_PAGE_SIZE = 64;

export interface CaseBucketRow {
  bucket: string;
  /** Sorted by id. */
  cases: CaseRow[];
  /** The parties of those cases, sorted by id. */
  parties: Party[];
}

export interface EventPageRow {
  page: number;
  /** Sorted by id. */
  events: EventRow[];
  /** The distinct case ids the events belong to: a multi-entry index finds a case's timeline. */
  caseIds: string[];
}

export function bucketOf(caseId: string): string {
  return caseId.slice(0, BUCKET_PREFIX);
}

export function pageOf(eventId: number): number {
  return Math.floor(eventId / EVENT_PAGE_SIZE);
}

export function byId<T extends { id: string | number }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Replaces the element with the same id, or inserts it in id order. */
export function upsertById<T extends { id: string | number }>(rows: T[], row: T): void {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byId(rows[mid] as T, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (rows[lo] !== undefined && byId(rows[lo] as T, row) === 0) rows[lo] = row;
  else rows.splice(lo, 0, row);
}

export function packCases(cases: readonly CaseRow[], parties: readonly Party[]): CaseBucketRow[] {
  const buckets = new Map<string, CaseBucketRow>();
  const bucket = (caseId: string): CaseBucketRow => {
    const key = bucketOf(caseId);
    let row = buckets.get(key);
    if (!row) buckets.set(key, (row = { bucket: key, cases: [], parties: [] }));
    return row;
  };
  for (const c of cases) bucket(c.id).cases.push(c);
  for (const p of parties) bucket(p.caseId).parties.push(p);
  for (const row of buckets.values()) {
    row.cases.sort(byId);
    row.parties.sort(byId);
  }
  return [...buckets.values()];
}

export function unpackCases(buckets: readonly CaseBucketRow[]): { cases: CaseRow[]; parties: Party[] } {
  return {
    cases: buckets.flatMap((b) => b.cases).sort(byId),
    parties: buckets.flatMap((b) => b.parties).sort(byId),
  };
}

export function caseIdsOf(events: readonly EventRow[]): string[] {
  return [...new Set(events.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
}

export function packEvents(events: readonly EventRow[]): EventPageRow[] {
  const pages = new Map<number, EventRow[]>();
  for (const event of events) {
    const key = pageOf(event.id);
    let list = pages.get(key);
    if (!list) pages.set(key, (list = []));
    list.push(event);
  }
  return [...pages].map(([page, list]) => {
    list.sort(byId);
    return { page, events: list, caseIds: caseIdsOf(list) };
  });
}

export function unpackEvents(pages: readonly EventPageRow[]): EventRow[] {
  return pages.flatMap((p) => p.events).sort(byId);
}

/** The highest case number sequence of each year: where the next registration continues. */
export function lastSeqByYear(cases: readonly CaseRow[]): Map<number, number> {
  const last = new Map<number, number>();
  for (const c of cases) last.set(c.year, Math.max(last.get(c.year) ?? 0, c.seq));
  return last;
}
