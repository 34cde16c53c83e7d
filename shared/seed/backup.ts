// A synthetic data set as the backup file the app restores: what `mw seed` writes and the db tests
// restore. Unsigned: synthetic data carries no institution's signature.
import { encodeBackup, type BackupInput, type EncodeOptions } from '../backup/codec';
import type { SeedDataset } from './generate';

export function encodeSeedBackup(data: SeedDataset, meta: BackupInput['meta'], options?: EncodeOptions): Uint8Array {
  return encodeBackup(
    {
      meta,
      tables: {
        institution: [data.institution],
        settings: [data.settings],
        users: data.users,
        cases: data.cases,
        parties: data.parties,
        events: data.events,
      },
    },
    options,
  );
}
