// Reading and writing one case and its parties in the packed layout (./packing.ts). Writers run
// inside the caller's transaction, so a case, its catalog entry and its audit event commit
// together.
import type { Party } from '../../../shared/domain/model';
import type { CaseRow } from '../../../shared/backup/rows';
import { caseRowSchema } from '../../../shared/backup/rows';
import type { CaseRepository } from '../store';
import { putCatalogEntry, readCatalog, warmCatalog } from './case-catalog';
import { noteChange } from './change-tracking';
import { caseSeqKey } from './packed-tables';
import { bucketOf, byId, upsertById } from './packing';
import type { WorkstationTables } from './tables';
import type Dexie from 'dexie';

type CaseTables = Pick<WorkstationTables, 'caseBuckets' | 'caseCatalog' | 'counters'> & Dexie;

export function caseRepository(db: CaseTables): CaseRepository {
  return {
    async get(caseId) {
      const bucket = await db.caseBuckets.get(bucketOf(caseId));
      return bucket?.cases.find((c) => c.id === caseId);
    },
    async parties(caseId) {
      const bucket = await db.caseBuckets.get(bucketOf(caseId));
      return (bucket?.parties ?? []).filter((p) => p.caseId === caseId);
    },
    async put(row: CaseRow, parties?: readonly Party[]) {
      noteChange('cases', 'put', [row.id]);
      const checked = caseRowSchema.parse(row) as CaseRow;
      const key = bucketOf(row.id);
      const bucket = (await db.caseBuckets.get(key)) ?? { bucket: key, cases: [], parties: [] };
      upsertById(bucket.cases, checked);
      if (parties) bucket.parties = [...bucket.parties.filter((p) => p.caseId !== row.id), ...parties].sort(byId);
      await db.caseBuckets.put(bucket);
      await putCatalogEntry(db, checked);
    },
    async nextSeq(year) {
      const key = caseSeqKey(year);
      const last = (await db.counters.get(key))?.value;
      const seq = (typeof last === 'number' ? last : 0) + 1;
      await db.counters.put({ key, value: seq });
      return seq;
    },
    catalog: () => readCatalog(db),
    warm: () => warmCatalog(db),
  };
}
