// Reading and writing one case and its parties in the packed layout (./packing.ts). Writers run
// inside the caller's transaction, so a case, its catalog entry and its audit event commit
// together. The case and its parties are parsed on the way in and out, like every kind's records
// (./repositories.ts): a damaged row is named, not shown half-formed. The statistics dashboard's
// aggregate (../aggregates/dashboard.ts) changes in the same transaction as the case, and the repeat
// disputes' index (../aggregates/repeats.ts) with its parties.
import { partySchema, type Party } from '../../../shared/domain/model';
import type { CaseRow } from '../../../shared/backup/rows';
import { caseRowSchema } from '../../../shared/backup/rows';
import type { CaseRepository } from '../store';
import { applyDashboardChange, readDashboard } from '../aggregates/dashboard';
import { applyRepeatsChange, readRepeats } from '../aggregates/repeats';
import { putCatalogEntry, readCatalog, warmCatalog } from './case-catalog';
import { noteChange } from './change-tracking';
import { caseSeqKey } from './packed-tables';
import { bucketOf, byId, upsertById } from './packing';
import { parsed } from './repositories';
import type { WorkstationTables } from './tables';
import type Dexie from 'dexie';

type CaseTables = Pick<WorkstationTables, 'caseBuckets' | 'caseCatalog' | 'counters'> & Dexie;

const caseRow = (row: unknown, id: string) => parsed('cases', id, caseRowSchema, row) as CaseRow;
const party = (row: Party) => parsed('parties', row.id, partySchema, row);

export function caseRepository(db: CaseTables): CaseRepository {
  return {
    async get(caseId) {
      const bucket = await db.caseBuckets.get(bucketOf(caseId));
      const row = bucket?.cases.find((c) => c.id === caseId);
      return row && caseRow(row, caseId);
    },
    async parties(caseId) {
      const bucket = await db.caseBuckets.get(bucketOf(caseId));
      return (bucket?.parties ?? []).filter((p) => p.caseId === caseId).map(party);
    },
    async put(row: CaseRow, parties?: readonly Party[]) {
      noteChange('cases', 'put', [row.id]);
      const checked = caseRow(row, row.id);
      const checkedParties = parties?.map(party);
      const key = bucketOf(row.id);
      const bucket = (await db.caseBuckets.get(key)) ?? { bucket: key, cases: [], parties: [] };
      const before = bucket.cases.find((c) => c.id === row.id);
      const partiesBefore = checkedParties ? bucket.parties.filter((p) => p.caseId === row.id) : [];
      upsertById(bucket.cases, checked);
      if (checkedParties) bucket.parties = [...bucket.parties.filter((p) => p.caseId !== row.id), ...checkedParties].sort(byId);
      await db.caseBuckets.put(bucket);
      await putCatalogEntry(db, checked);
      await applyDashboardChange(db, before, checked);
      if (checkedParties) await applyRepeatsChange(db, row.id, partiesBefore, checkedParties);
    },
    async nextSeq(year) {
      const key = caseSeqKey(year);
      const last = (await db.counters.get(key))?.value;
      const seq = (typeof last === 'number' ? last : 0) + 1;
      await db.counters.put({ key, value: seq });
      return seq;
    },
    catalog: () => readCatalog(db),
    dashboard: () => readDashboard(db),
    repeats: () => readRepeats(db),
    warm: () => warmCatalog(db),
  };
}
