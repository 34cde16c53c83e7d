// A seeded workstation for the db tests: the synthetic data set restored through the real
// backup path into a fresh store (fake-indexeddb).
import { restoreBackup, type RestoreApproval } from '../../../renderer/features/backup/store';
import type { DataStore } from '../../../renderer/data';
import { todayIn } from '../../../shared/domain/deadlines';
import type { PasswordHash } from '../../../shared/domain/model';
import { encodeSeedBackup } from '../../../shared/seed/backup';
import { generateDataset, SEED_STAFF, seedUsers, type SeedDataset } from '../../../shared/seed/generate';
import { freshDb } from './helpers';

/** The tick in the restore dialog: `mw seed` output and these test files are unsigned. */
export const acknowledgeUnsigned = async (): Promise<RestoreApproval> => ({ restore: true, unsignedAcknowledged: true });

export const SEED_NOW = new Date('2026-11-22T10:00:00+08:00');
export const SEED_TODAY = todayIn('Asia/Shanghai', SEED_NOW);
const placeholderHash: PasswordHash = { algorithm: 'PBKDF2-SHA256', iterations: 310_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(44) };

export function seededData(cases: number, seed = 11): SeedDataset {
  const users = seedUsers(seed, SEED_NOW, SEED_STAFF.map(() => placeholderHash));
  return generateDataset({ cases, seed, now: SEED_NOW, users });
}

export function seededBackup(data: SeedDataset): Uint8Array {
  return encodeSeedBackup(data, { createdAt: SEED_NOW.toISOString(), appVersion: 'test' });
}

export async function seededDb(cases: number, seed = 11): Promise<{ db: DataStore; data: SeedDataset }> {
  const data = seededData(cases, seed);
  const db = freshDb();
  const result = await restoreBackup(db, seededBackup(data), { approve: acknowledgeUnsigned });
  if (!result.ok) throw new Error(`restore failed: ${result.code} ${result.detail}`);
  return { db, data };
}
