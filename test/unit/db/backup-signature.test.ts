// Issue 14 §5: backup.json held plain SHA-256s, so whoever could edit a backup could recompute
// them and restore invented records. A backup made by an institution is signed; a restore says
// who made it, refuses an altered one, refuses another institution's on a workstation that has
// one, and restores an unsigned one only once its being unauthenticated is acknowledged.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DataStore } from '../../../renderer/data';
import { exportWorkstationBackup } from '../../../renderer/features/backup/signed-export';
import { restoreBackup, type RestoreProvenance } from '../../../renderer/features/backup/store';
import { generateIdentity, lockIdentity } from '../../../renderer/features/identity';
import { world } from './evidence-helpers';
import { freshDb } from './helpers';
import { acknowledgeUnsigned, seededBackup, seededData } from './seeded';

const PASS = 'correct horse 2026';
beforeEach(() => lockIdentity());

async function institutionWorld(name: string) {
  const w = await world();
  const generated = await generateIdentity(w.db, w.platform, w.admin, { name, creditCode: '51340202MJ00000007', passphrase: PASS });
  if (!generated.ok) throw new Error(generated.error.code);
  return w;
}

async function signedBackupOf(w: Awaited<ReturnType<typeof world>>): Promise<Uint8Array> {
  const made = await exportWorkstationBackup(w.db, w.platform, { passphrase: PASS });
  if (!made.ok) throw new Error(made.error.code);
  expect(made.value.signedBy).not.toBeNull();
  return made.value.bytes;
}

/** What an attacker who can edit the file does: change rows, then fix every hash up. */
function withRecomputedHashes(bytes: Uint8Array, edit: (casesJsonl: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const original = strFromU8(files['tables/cases.jsonl'] as Uint8Array);
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const cases = strToU8(edited);
  const manifest = JSON.parse(strFromU8(files['backup.json'] as Uint8Array)) as { tables: Record<string, { bytes: number; sha256: string }> };
  manifest.tables.cases = { ...manifest.tables.cases, bytes: cases.byteLength, sha256: bytesToHex(sha256(cases)) } as { bytes: number; sha256: string };
  return zipSync({ ...files, 'tables/cases.jsonl': cases, 'backup.json': strToU8(`${JSON.stringify(manifest)}\n`) });
}

async function caseCount(db: DataStore): Promise<number> {
  return (await db.cases.catalog()).entries.length;
}

describe('who made a backup', () => {
  it('says which institution signed a backup, by name and fingerprint, before restoring it on a fresh profile', async () => {
    const w = await institutionWorld('芜湖市镜湖区人民调解委员会');
    const file = await signedBackupOf(w);
    const fresh = freshDb();
    const asked: RestoreProvenance[] = [];
    const result = await restoreBackup(fresh, file, {
      approve: async (provenance) => {
        asked.push(provenance);
        return { restore: true, unsignedAcknowledged: false };
      },
    });
    expect(result).toMatchObject({ ok: true, provenance: { kind: 'signed' } });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ kind: 'signed', signer: { name: '芜湖市镜湖区人民调解委员会' } });
    expect(asked[0]?.kind === 'signed' && asked[0].signer.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await caseCount(fresh)).toBeGreaterThan(0);
  });

  it('refuses a signed backup whose rows were changed and whose hashes were recomputed', async () => {
    const w = await institutionWorld('芜湖市镜湖区人民调解委员会');
    const file = await signedBackupOf(w);
    const forged = withRecomputedHashes(file, (text) => text.replace(/张堃/g, '王伪造'));
    const fresh = freshDb();
    let asked = false;
    const result = await restoreBackup(fresh, forged, {
      approve: async () => {
        asked = true;
        return { restore: true, unsignedAcknowledged: true };
      },
    });
    expect(result).toMatchObject({ ok: false, code: 'backup.signature_invalid', problem: { key: 'backup.signature_invalid', params: {} } });
    expect(asked).toBe(false);
    expect(await caseCount(fresh)).toBe(0);
  });

  it('treats a backup stripped of its signature as unsigned: it needs the acknowledgement', async () => {
    const w = await institutionWorld('芜湖市镜湖区人民调解委员会');
    const files = unzipSync(await signedBackupOf(w));
    delete files['signature.json'];
    const stripped = zipSync(files);
    const fresh = freshDb();
    expect(await restoreBackup(fresh, stripped, { approve: async () => ({ restore: true, unsignedAcknowledged: false }) })).toMatchObject({
      ok: false,
      code: 'backup.unsigned_not_acknowledged',
    });
    expect(await caseCount(fresh)).toBe(0);
  });

  it('refuses, on a workstation with an institution, a backup signed by another institution; its own restores', async () => {
    const ours = await institutionWorld('芜湖市镜湖区人民调解委员会');
    const theirs = await institutionWorld('芜湖市弋江区人民调解委员会');
    lockIdentity();
    const foreign = await signedBackupOf(theirs);
    const before = await caseCount(ours.db);
    const refused = await restoreBackup(ours.db, foreign, { approve: acknowledgeUnsigned });
    expect(refused).toMatchObject({ ok: false, code: 'backup.signer_foreign', problem: { key: 'backup.signer_foreign', params: { name: '芜湖市弋江区人民调解委员会', fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) } } });
    expect(await caseCount(ours.db)).toBe(before);
    lockIdentity();
    const own = await signedBackupOf(ours);
    expect(await restoreBackup(ours.db, own, { approve: acknowledgeUnsigned })).toMatchObject({ ok: true, provenance: { kind: 'signed' } });
  });

  it('restores an unsigned backup (mw seed) only after the acknowledgement', async () => {
    const file = seededBackup(seededData(20, 4));
    const db = freshDb();
    expect(await restoreBackup(db, file)).toMatchObject({ ok: false, code: 'backup.unsigned_not_acknowledged' });
    expect(await restoreBackup(db, file, { approve: async () => ({ restore: true, unsignedAcknowledged: false }) })).toMatchObject({ ok: false, code: 'backup.unsigned_not_acknowledged' });
    expect(await caseCount(db)).toBe(0);
    expect(await restoreBackup(db, file, { approve: acknowledgeUnsigned })).toMatchObject({ ok: true, provenance: { kind: 'unsigned' } });
    expect(await caseCount(db)).toBeGreaterThan(0);
  });
});
