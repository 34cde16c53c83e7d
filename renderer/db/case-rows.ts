// Reading and writing one case and its parties in the packed layout (./packing.ts). Writers run
// inside the caller's Dexie transaction, which must include `caseBuckets`, `caseCatalog` and
// `counters`, so a case, its catalog entry and its audit event commit together.
import type { Party } from '../../shared/domain/model';
import { putCatalogEntry } from './case-catalog';
import type { CaseRow, WorkstationDb } from './db';
import { caseSeqKey } from './packed-tables';
import { bucketOf, byId, upsertById } from './packing';

export async function readCaseRow(db: WorkstationDb, caseId: string): Promise<CaseRow | undefined> {
  const bucket = await db.caseBuckets.get(bucketOf(caseId));
  return bucket?.cases.find((c) => c.id === caseId);
}

/** The case's parties in id order. */
export async function readParties(db: WorkstationDb, caseId: string): Promise<Party[]> {
  const bucket = await db.caseBuckets.get(bucketOf(caseId));
  return (bucket?.parties ?? []).filter((p) => p.caseId === caseId);
}

/**
 * Stores the case (new or changed) and, when given, replaces its parties; keeps the list's
 * catalog entry in step.
 */
export async function writeCaseRow(db: WorkstationDb, row: CaseRow, parties?: readonly Party[]): Promise<void> {
  const key = bucketOf(row.id);
  const bucket = (await db.caseBuckets.get(key)) ?? { bucket: key, cases: [], parties: [] };
  upsertById(bucket.cases, row);
  if (parties) {
    bucket.parties = [...bucket.parties.filter((p) => p.caseId !== row.id), ...parties].sort(byId);
  }
  await db.caseBuckets.put(bucket);
  await putCatalogEntry(db, row);
}

/** The next case number sequence of `year`, reserved in the caller's transaction. */
export async function nextCaseSeq(db: WorkstationDb, year: number): Promise<number> {
  const key = caseSeqKey(year);
  const last = (await db.counters.get(key))?.value;
  const seq = (typeof last === 'number' ? last : 0) + 1;
  await db.counters.put({ key, value: seq });
  return seq;
}
