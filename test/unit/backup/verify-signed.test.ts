// `mw backup-verify` on a signed backup (issue 14 §5): it names the institution that signed and
// its certificate fingerprint, and fails on a backup whose rows were changed with every hash
// recomputed — the edit the plain hashes could not catch.
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { beginBackup } from '../../../shared/backup/codec';
import { signBackupManifest, verifyBackupSignature } from '../../../shared/backup/signature';
import { certificateKeyId, issueInstitutionCertificate } from '../../../shared/identity/institution';
import type { Signer } from '../../../shared/ledger/checkpoint';
import { nodeVerifierFor } from '../../../cli/src/node-signatures';
import { decodeBackup } from '../../../shared/backup/codec';
import { seededData } from '../db/seeded';

const dir = mkdtempSync(join(tmpdir(), 'mw-backup-sig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mw(...args: string[]) {
  const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function institution(name: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { certificatePem } = issueInstitutionCertificate({ name, creditCode: '51340202MJ00000007' }, { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem }, new Date());
  const keyId = certificateKeyId(certificatePem);
  const signer: Signer = async (data) => ({ signature: sign('sha256', data, privateKey).toString('base64'), keyId });
  return { certificatePem, signer, keyId };
}

const data = seededData(3, 5);

async function signedBackup(who: ReturnType<typeof institution>): Promise<Uint8Array> {
  const pending = beginBackup({ meta: { createdAt: '2026-12-07T08:00:00+08:00', appVersion: 'test' }, tables: { institution: [data.institution], cases: data.cases } });
  return pending.finish(await signBackupManifest(pending.manifestBytes, who.signer, who.certificatePem, new Date('2026-12-07T00:00:00Z')));
}

describe('signed backups', () => {
  it('verifies in the CLI, naming the signer and its fingerprint; an altered one fails', async () => {
    const who = institution('芜湖市镜湖区人民调解委员会');
    const bytes = await signedBackup(who);
    const file = join(dir, 'signed.mwbackup');
    writeFileSync(file, bytes);
    const ok = mw('backup-verify', file, '--json');
    expect(ok.code, ok.err).toBe(0);
    const fingerprint = (who.keyId.toUpperCase().match(/../g) as string[]).join(':');
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, signed: true, signer: { name: '芜湖市镜湖区人民调解委员会', fingerprint256: fingerprint } });
    const human = mw('backup-verify', file);
    expect(human.out).toContain('Signed by 芜湖市镜湖区人民调解委员会');
    expect(human.out).toContain(fingerprint);

    // Another institution's name in the row, every hash in backup.json recomputed, the signature kept.
    const files = unzipSync(bytes);
    const original = strFromU8(files['tables/institution.jsonl'] as Uint8Array);
    const edited = original.replace(data.institution.name, '伪造的调解委员会');
    expect(edited).not.toBe(original);
    const institutionFile = strToU8(edited);
    const manifest = JSON.parse(strFromU8(files['backup.json'] as Uint8Array)) as { tables: Record<string, { bytes: number; sha256: string }> };
    manifest.tables.institution = { ...manifest.tables.institution, bytes: institutionFile.byteLength, sha256: createHash('sha256').update(institutionFile).digest('hex') } as never;
    const altered = join(dir, 'altered.mwbackup');
    writeFileSync(altered, zipSync({ ...files, 'backup.json': strToU8(JSON.stringify(manifest)), 'tables/institution.jsonl': institutionFile }));
    // The codec alone finds nothing wrong: only the signature tells.
    expect(decodeBackup(new Uint8Array(zipSync({ ...files, 'backup.json': strToU8(JSON.stringify(manifest)), 'tables/institution.jsonl': institutionFile })), { maxBytes: 1e8, maxEntries: 100 }).ok).toBe(true);
    const refused = mw('backup-verify', altered, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ ok: false, code: 'backup.signature_invalid' });
  }, 60_000);

  it('calls a signature by another key over the same backup.json invalid, never unsigned', async () => {
    const who = institution('芜湖市镜湖区人民调解委员会');
    const other = institution('芜湖市镜湖区人民调解委员会');
    const bytes = await signedBackup(who);
    const files = unzipSync(bytes);
    const entry = JSON.parse(strFromU8(files['signature.json'] as Uint8Array)) as { certificatePem: string; keyId: string };
    // The other institution's certificate swapped in: same name, different key.
    const swapped = zipSync({ ...files, 'signature.json': strToU8(JSON.stringify({ ...entry, certificatePem: other.certificatePem, keyId: other.keyId })) });
    const decoded = decodeBackup(swapped, { maxBytes: 1e8, maxEntries: 100 });
    if (!decoded.ok) throw new Error(decoded.detail);
    expect(await verifyBackupSignature(decoded.backup, nodeVerifierFor)).toMatchObject({ kind: 'invalid' });
    const garbage = decodeBackup(zipSync({ ...files, 'signature.json': strToU8('{"version":1}') }), { maxBytes: 1e8, maxEntries: 100 });
    if (!garbage.ok) throw new Error(garbage.detail);
    expect(await verifyBackupSignature(garbage.backup, nodeVerifierFor)).toMatchObject({ kind: 'invalid' });
  });
});
