// A workstation with an administrator, a clerk and one case, and in-memory evidence files, for the
// evidence store's tests.
import type { EvidenceFile } from '../../../renderer/features/evidence';
import { registerCase } from '../../../renderer/features/case-store';
import { browserBlobStore, chunkedHasher, passphraseKeyProtection } from '../../../renderer/platform/browser';
import { addUser, freshDb, neighbourIntake, setUp } from './helpers';

export function fileOf(name: string, text: string): EvidenceFile {
  const bytes = new TextEncoder().encode(text);
  return {
    mediaType: 'text/plain',
    file: {
      name,
      size: bytes.length,
      async *chunks() {
        for (let at = 0; at < bytes.length; at += 7) yield bytes.slice(at, at + 7);
      },
      readBytes: async () => bytes,
    },
  };
}
export const details = { submittedBy: 'applicant' as const, shownToOtherParty: true };

export async function world() {
  const db = freshDb();
  const admin = await setUp(db);
  const clerk = await addUser(db, admin, 'sunli', 'clerk');
  const registered = await registerCase(db, admin, neighbourIntake('张堃'), { today: '2026-03-02' });
  if (!registered.ok) throw new Error(registered.error.code);
  return { db, admin, clerk, caseId: registered.value.case.id, platform: { blobs: browserBlobStore(db.blobs), hashing: chunkedHasher(), keys: passphraseKeyProtection() } };
}

