// The institution identity and signed checkpoints in the app, and export for others: a generated
// identity signs checkpoints (audited), a wrong passphrase and a clerk are refused, an imported
// PKCS#12 works and a broken one is named; the app's zip export passes `mw ledger verify`, and a
// single item's disclosure verifies on its own and fails once changed.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import forge from 'node-forge';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../renderer/data';
import { readCheckpoints, signCaseCheckpoint } from '../../../renderer/features/evidence/checkpoints';
import { exportCaseLedger, exportEvidenceItem } from '../../../renderer/features/evidence/export';
import { addEvidenceFile } from '../../../renderer/features/evidence/store';
import { verifyCaseEvidence } from '../../../renderer/features/evidence/verification';
import { generateIdentity, identityCertificates, importIdentity, lockIdentity, readIdentity, verifierFor } from '../../../renderer/features/identity/store';
import { issueInstitutionCertificate } from '../../../shared/identity/institution';
import { verifyDisclosure } from '../../../shared/ledger/disclosure';
import { details, fileOf, world } from './evidence-helpers';

const PASS = 'correct horse 2026';
const tmp = mkdtempSync(join(tmpdir(), 'mw-evidence-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => lockIdentity());

async function withEvidence() {
  const w = await world();
  for (const [name, text] of [
    ['借款合同.pdf', '借款合同全文'],
    ['转账回单.png', '转账回单'],
    ['聊天记录.txt', '张堃：下月还。'],
  ] as const) {
    const added = await addEvidenceFile(w.db, w.platform, w.admin, w.caseId, fileOf(name, text), { ...details, title: name });
    if (!added.ok) throw added.error;
  }
  return w;
}

function p12Of(iterations: number, options: { withKey?: boolean } = {}): Uint8Array {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { certificatePem } = issueInstitutionCertificate(
    { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007' },
    { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem },
    new Date(),
  );
  const key = options.withKey === false ? null : forge.pki.privateKeyFromPem(createPrivateKey(privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(certificatePem)], 'p12-pass', { algorithm: 'aes256', count: iterations } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
  return Uint8Array.from(forge.asn1.toDer(asn1).getBytes(), (c) => c.charCodeAt(0));
}

describe('institution identity and checkpoints', () => {
  it('signs audited checkpoints with a generated identity; a wrong passphrase, a clerk and no identity are refused', async () => {
    const w = await withEvidence();
    expect(await signCaseCheckpoint(w.db, w.platform, w.admin, w.caseId, 'on_demand', { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'identity.missing' } });
    expect(await generateIdentity(w.db, w.platform, w.clerk, { name: '调解委员会', creditCode: '51340202MJ00000007', passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await generateIdentity(w.db, w.platform, w.admin, { name: '调解委员会', creditCode: '123', passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'identity.credit_code' } });
    expect(await generateIdentity(w.db, w.platform, w.admin, { name: '调解委员会', creditCode: '51340202MJ00000007', passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'identity.passphrase_short' } });
    expect(await readIdentity(w.db)).toBeNull();
    const generated = await generateIdentity(w.db, w.platform, w.admin, { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202mj0000000x', passphrase: PASS });
    expect(generated.ok).toBe(true);
    const stored = await readIdentity(w.db);
    expect(stored?.sealedKey).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY');

    expect(await signCaseCheckpoint(w.db, w.platform, w.admin, w.caseId, 'on_demand', { passphrase: 'wrong passphrase' })).toMatchObject({ ok: false, error: { code: 'identity.wrong_passphrase' } });
    expect(await signCaseCheckpoint(w.db, w.platform, w.clerk, w.caseId, 'on_demand', { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const signed = await signCaseCheckpoint(w.db, w.platform, w.admin, w.caseId, 'on_demand', { passphrase: PASS });
    expect(signed).toMatchObject({ ok: true, value: { treeSize: 3, reason: 'on_demand' } });
    // Unlocked for this window now: no passphrase needed until locked.
    expect(await signCaseCheckpoint(w.db, w.platform, w.admin, w.caseId, 'on_demand')).toMatchObject({ ok: false, error: { code: 'evidence.checkpoint_current' } });
    expect(await signCaseCheckpoint(w.db, w.platform, w.admin, w.caseId, 'agreement_signed')).toMatchObject({ ok: true, value: { treeSize: 3 } });
    expect((await readCheckpoints(w.db, w.caseId)).length).toBe(1);
    const events = (await w.db.events.all()).map((e) => e.action);
    expect(events).toContain('identity.generate');
    expect(events.filter((a) => a === 'evidence.checkpoint')).toHaveLength(1);

    const report = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(report.ok && report.value.ok).toBe(true);
    expect(report.ok && report.value.entries.map((e) => e.coveredBy)).toEqual([3, 3, 3]);
    expect(report.ok && report.value.checkpoints).toEqual([{ index: 0, treeSize: 3, signature: true, root: true }]);

    // A checkpoint row altered behind the app's back is caught.
    const row = (await readCheckpoints(w.db, w.caseId))[0]!;
    await w.db.transact(SYSTEM_ACTOR, () => w.db.checkpoints.put({ ...row, signed: { ...row.signed, checkpoint: { ...row.signed.checkpoint, treeSize: 2 } } }));
    const altered = await verifyCaseEvidence(w.db, w.platform, w.admin, w.caseId);
    expect(altered.ok && altered.value.ok).toBe(false);
  }, 60_000);

  it('imports a PKCS#12 file and names a wrong passphrase or a file without a key', async () => {
    const w = await world();
    expect(await importIdentity(w.db, w.platform, w.admin, { p12: p12Of(2048), p12Passphrase: 'nope', passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'identity.p12_passphrase' } });
    expect(await importIdentity(w.db, w.platform, w.admin, { p12: p12Of(2048, { withKey: false }), p12Passphrase: 'p12-pass', passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'identity.p12_no_key' } });
    expect(await importIdentity(w.db, w.platform, w.admin, { p12: new TextEncoder().encode('not a p12'), p12Passphrase: 'p12-pass', passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'identity.p12_unreadable' } });
    expect(await readIdentity(w.db)).toBeNull();
    const imported = await importIdentity(w.db, w.platform, w.admin, { p12: p12Of(2048), p12Passphrase: 'p12-pass', passphrase: PASS });
    expect(imported).toMatchObject({ ok: true, value: { source: 'imported' } });
  }, 60_000);

  it('exports a zip that `mw ledger verify` accepts, and single items that verify alone', async () => {
    const w = await withEvidence();
    await generateIdentity(w.db, w.platform, w.admin, { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007', passphrase: PASS });
    const exported = await exportCaseLedger(w.db, w.platform, w.admin, w.caseId, { withFiles: true, passphrase: PASS });
    if (!exported.ok) throw exported.error;
    expect((await readCheckpoints(w.db, w.caseId)).map((c) => c.reason)).toEqual(['ledger_exported']);
    const zip = join(tmp, 'ledger.zip');
    writeFileSync(zip, exported.value.bytes);
    const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', 'ledger', 'verify', zip], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('VALID');
    expect(run.stdout).toContain('files checked: 3');
    expect(run.status).toBe(0);

    const item = await exportEvidenceItem(w.db, w.platform, w.admin, w.caseId, 1, { withFiles: true });
    if (!item.ok) throw item.error;
    const files = unzipSync(item.value.bytes);
    expect(Object.keys(files)).toHaveLength(3);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['certificates.pem', 'item.json', expect.stringMatching(/^files\/[0-9a-f]{64}$/)]));
    const disclosed = JSON.parse(strFromU8(files['item.json'] as Uint8Array)) as { entry: string };
    const verifier = verifierFor(identityCertificates(await readIdentity(w.db)));
    const good = await verifyDisclosure(disclosed, verifier);
    expect(good).toMatchObject({ ok: true, signature: true, included: true });
    expect(good.entry?.title).toBe('转账回单.png');
    const forged = await verifyDisclosure({ ...disclosed, entry: disclosed.entry.replace('转账回单', '转账回单（伪）') }, verifier);
    expect(forged).toMatchObject({ ok: false, included: false });

    const itemZip = join(tmp, 'item.zip');
    writeFileSync(itemZip, item.value.bytes);
    const itemRun = spawnSync(process.execPath, ['cli/bin/mw.mjs', 'ledger', 'verify', itemZip], { encoding: 'utf8' });
    expect(itemRun.stdout).toContain('VALID');
    expect(itemRun.status).toBe(0);
  }, 120_000);
});
