// A seeded workstation whose cases also carry the report's details the seed leaves out: the
// district where the dispute arose (four districts, some cases without) and the escalation-risk
// mark (on open and on closed cases), set deterministically from a seed before the restore.
import { restoreBackup } from '../../../renderer/features/backup/store';
import type { DataStore } from '../../../renderer/data';
import { mulberry32 } from '../../../shared/seed/prng';
import type { SeedDataset } from '../../../shared/seed/generate';
import { freshDb } from './helpers';
import { acknowledgeUnsigned, SEED_NOW, seededBackup, seededData } from './seeded';

export const DISTRICTS = ['镜湖区', '弋江区', '鸠江区', '湾沚区'] as const;

export function withDistrictsAndRisk(data: SeedDataset, seed = 19): SeedDataset {
  const rng = mulberry32(seed);
  const admin = data.users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('the seed has no administrator');
  const cases = data.cases.map((c) => {
    const district = rng.chance(0.85) ? rng.pick(DISTRICTS) : undefined;
    const risk = rng.chance(0.12) ? { reason: '双方多次冲突', markedAt: SEED_NOW.toISOString(), markedBy: admin.id } : undefined;
    return { ...c, ...(district ? { district } : {}), ...(risk ? { escalationRisk: risk } : {}) };
  });
  return { ...data, cases };
}

export async function markedSeededDb(cases: number, seed = 11): Promise<{ db: DataStore; data: SeedDataset }> {
  const data = withDistrictsAndRisk(seededData(cases, seed));
  const db = freshDb();
  const result = await restoreBackup(db, seededBackup(data), { approve: acknowledgeUnsigned });
  if (!result.ok) throw new Error(`restore failed: ${result.code} ${result.detail}`);
  return { db, data };
}
