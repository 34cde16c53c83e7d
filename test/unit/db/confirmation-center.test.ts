// The mediation center's side of judicial confirmation in the workstation database: an application
// from the signed agreement (incomplete ones refused with every gap), both parties' hand signatures,
// the institution's signature; the package refused while materials are missing, then built from
// the ledger (verifying as the court will verify it) and recorded; exporting moves the case to
// "confirmation applied"; a receipt for another package is refused, the court's receipt confirms.
import { beforeEach, describe, expect, it } from 'vitest';
import { getCase } from '../../../renderer/features/case-store';
import { signAgreement } from '../../../renderer/features/agreements/signing';
import { addEvidenceFile, readLedgerRows } from '../../../renderer/features/evidence/store';
import { lockIdentity } from '../../../renderer/features/identity/store';
import {
  addApplicationSignature,
  buildApplicationPackage,
  importReceipt,
  readiness,
  receiveSupplementRequest,
  recordSubmitted,
  saveDetails,
  signApplication,
  startApplication,
} from '../../../renderer/features/confirmation/store';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import { UNDERTAKINGS } from '../../../shared/confirmation/application/model';
import { buildReceipt } from '../../../shared/confirmation/court/receipt';
import { buildSupplementRequest } from '../../../shared/confirmation/court/supplement';
import { verifyZipPackage } from '../../../shared/confirmation/zip-package';
import { bytesSource } from '../../../shared/archive';
import { bytesToHex, sha256Bytes } from '../../../shared/ledger/hash';
import { maskIdNumber } from '../../../shared/domain/identifiers';
import { unzipped } from '../confirmation/package-fixtures';
import { handSignature } from '../agreement/agreement-fixtures';
import { makeInstitution, makePdf } from '../agreement/pdf-signature-fixtures';
import { allSigned, INSTITUTION, issued, MEDIATOR, NOW, setting } from './agreement-world';
import { details, fileOf } from './evidence-helpers';

beforeEach(() => lockIdentity());

async function signedCase() {
  const s = await setting();
  await issued(s);
  const ready = await allSigned(s);
  const signed = await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW });
  if (!signed.ok) throw signed.error;
  return s;
}

describe('judicial confirmation at the center', () => {
  it('goes from the signed agreement to a verified package and the court’s receipt', { timeout: 120_000 }, async () => {
    const s = await signedCase();
    const later = new Date(NOW.getTime() + 3_600_000);
    const started = await startApplication(s.db, s.mediator, s.caseId, later);
    if (!started.ok) throw started.error;
    let app = started.value;
    expect(app).toMatchObject({ version: 1, side: 'center', concernsProperty: true, application: null });

    // Incomplete: no undertakings and no hand signatures; the signature of the PDF is refused with every gap.
    const incomplete = await signApplication(s.db, s.platform, s.mediator, app.id, app.rev, INSTITUTION, later);
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'confirmation.application_incomplete' } });
    if (!incomplete.ok) {
      expect(String(incomplete.error.params.names)).toContain(s.applicant.name);
      // Each gap is a problem of its own, keyed and with its values — no sentence, no JSON in a value.
      const gaps = incomplete.error.problem.items ?? [];
      expect(gaps.filter((g) => g.key === 'confirmation.gap.undertaking').map((g) => g.params.undertaking)).toEqual([...UNDERTAKINGS]);
      expect(gaps.find((g) => g.key === 'confirmation.gap.undertaking')?.items).toEqual([{ key: 'confirmation.undertaking.voluntary', params: {} }]);
      expect(gaps.filter((g) => g.key === 'confirmation.gap.hand_signature').map((g) => g.params.name)).toEqual([s.applicant.name, s.respondent.name]);
      expect(Object.values(incomplete.error.params).every((value) => typeof value !== 'string' || !value.includes('{'))).toBe(true);
    }

    // Evidence to choose from: identity documents of both parties and a proof of the loan.
    const files = [];
    for (const [name, text] of [['王堃身份证.png', 'id-a'], ['刘䶮身份证.png', 'id-b'], ['转账记录.png', 'transfer']] as const) {
      const added = await addEvidenceFile(s.db, s.platform, s.mediator, s.caseId, fileOf(name, text), { ...details, title: name }, { now: later });
      if (!added.ok) throw added.error;
      files.push(added.value.seq);
    }
    const saved = await saveDetails(s.db, s.mediator, app.id, app.rev, {
      ...app,
      undertakings: Object.fromEntries(UNDERTAKINGS.map((u) => [u, true])) as typeof app.undertakings,
      materials: [{ ledgerSeq: files[0]!, role: 'identity', party: s.applicant.id }],
    });
    if (!saved.ok) throw saved.error;
    app = saved.value;
    for (const p of [s.applicant, s.respondent]) {
      const signedByHand = await addApplicationSignature(s.db, s.mediator, app.id, app.rev, handSignature(p.id, 'party', p.name, later.toISOString()));
      if (!signedByHand.ok) throw signedByHand.error;
      app = signedByHand.value;
    }
    const application = await signApplication(s.db, s.platform, s.mediator, app.id, app.rev, INSTITUTION, later);
    if (!application.ok) throw application.error;
    app = application.value;
    expect(app.application?.date).toBe('2026-11-23');

    // Missing: the respondent's identity document and the proof of property; building is refused, naming them.
    const missing = await readiness(s.db, s.mediator, app.id, later);
    expect(missing.checklist.filter((c) => !c.ok).map((c) => c.id)).toEqual(['checklist.identity', 'checklist.property']);
    const refused = await buildApplicationPackage(s.db, s.platform, s.mediator, app.id, app.rev, { passphrase: INSTITUTION, now: later });
    expect(refused).toMatchObject({ ok: false, error: { code: 'confirmation.not_ready' } });
    if (!refused.ok) expect(refused.error.problem.items?.map((p) => p.key)).toEqual(['confirmation.missing.checklist.identity', 'confirmation.missing.checklist.property']);

    const complete = await saveDetails(s.db, s.mediator, app.id, app.rev, {
      ...app,
      materials: [
        { ledgerSeq: files[0]!, role: 'identity', party: s.applicant.id },
        { ledgerSeq: files[1]!, role: 'identity', party: s.respondent.id },
        { ledgerSeq: files[2]!, role: 'property', party: null },
      ],
    });
    if (!complete.ok) throw complete.error;
    expect(complete.value.application).not.toBeNull();
    const progress: number[] = [];
    const built = await buildApplicationPackage(s.db, s.platform, s.mediator, complete.value.id, complete.value.rev, { passphrase: INSTITUTION, now: later, onProgress: (p) => progress.push(p.bytesDone) });
    if (!built.ok) throw built.error;
    expect(progress.length).toBeGreaterThan(0);
    const zip = await s.platform.blobs.get(built.value.built!.sha256);
    expect(bytesToHex(sha256Bytes(zip!))).toBe(built.value.built!.sha256);
    const identity = await s.db.institution.get();
    const report = await verifyZipPackage(bytesSource(zip!), { receivedOn: '2026-11-24' });
    expect(report.failed).toEqual([]);
    expect(report).toMatchObject({ ok: true });
    expect(identity?.name).toBeTruthy();
    // The court's ruling prints the parties' full ID numbers: the manifest carries them beside the masked ones.
    const manifest = JSON.parse(new TextDecoder().decode((await unzipped(zip!)).get('manifest.json'))) as { case: { parties: { kind: string; idNumber?: string; idNumberMasked: string }[] } };
    const naturals = manifest.case.parties.filter((p) => p.kind === 'natural');
    expect(naturals.length).toBeGreaterThan(0);
    for (const p of naturals) expect([p.idNumber?.length, maskIdNumber(p.idNumber ?? '')]).toEqual([p.idNumberMasked.length, p.idNumberMasked]);
    const rows = await readLedgerRows(s.db, s.caseId);
    expect(rows.at(-1)?.entry).toMatchObject({ kind: 'package', contentSha256: built.value.built!.sha256 });

    // The court's intake found it invalid: recorded with what it named, the case unchanged.
    const invalidAnswer = { url: 'https://court.example.cn/intake', at: later.toISOString(), verdict: 'invalid' as const, problems: ['files.hash: evidence/1.png changed'], receivedOn: '2026-11-24' };
    const notHanded = await recordSubmitted(s.db, s.mediator, built.value.id, later, invalidAnswer);
    if (!notHanded.ok) throw notHanded.error;
    expect(notHanded.value.built).toMatchObject({ exportedAt: null, submission: invalidAnswer });
    expect((await getCase(s.db, s.caseId))?.status).not.toBe('confirmation_applied');
    // Accepted at the intake: handed over, and the case is "confirmation applied for".
    const accepted = { ...invalidAnswer, verdict: 'valid' as const, problems: [] };
    const exported = await recordSubmitted(s.db, s.mediator, built.value.id, later, accepted);
    if (!exported.ok) throw exported.error;
    expect(exported.value.built).toMatchObject({ exportedAt: later.toISOString(), submission: accepted });
    expect((await getCase(s.db, s.caseId))?.status).toBe('confirmation_applied');

    // The court's receipt: one for another package is refused; the right one confirms the case.
    const court = await makeInstitution('芜湖市镜湖区人民法院');
    const ruling = await addPdfSignature(await makePdf(), { certificatePem: court.certificatePem, chainPems: [], sign: court.sign }, { name: '芜湖市镜湖区人民法院', reason: '民事裁定书', signingTime: later });
    const input = (packageSha256: string) => ({
      packageId: built.value.built!.packageId,
      packageSha256,
      caseId: s.caseId,
      court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
      docketNumber: '（2026）皖0202民特123号',
      ruling: { outcome: 'confirmed' as const, grounds: [], decidedOn: '2026-11-25', pdfSha256: bytesToHex(sha256Bytes(ruling)) },
    });
    const signer = { certificatePem: court.certificatePem, chainPems: [], sign: court.sign };
    // A request for supplementary materials about this package is shown; one about another is refused.
    const supplementInput = (packageSha256: string) => ({ packageId: built.value.built!.packageId, packageSha256, caseId: s.caseId, court: { name: '芜湖市镜湖区人民法院', code: '皖0202' }, docketNumber: null, missing: [{ item: 'authority' as const, detail: '代理人的特别授权委托书' }], dueOn: '2026-11-30' });
    const request = await buildSupplementRequest(supplementInput(built.value.built!.sha256), signer, later);
    // The court's certificate is not registered yet: nothing it signed is accepted until its fingerprint is confirmed.
    const unknown = await receiveSupplementRequest(s.db, s.mediator, built.value.id, { json: request.json, p7s: request.p7s }, { now: later });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'confirmation.court_unknown', params: { name: '芜湖市镜湖区人民法院' } } });
    const fingerprint = !unknown.ok ? String(unknown.error.params.fingerprint) : '';
    expect(await receiveSupplementRequest(s.db, s.mediator, built.value.id, { json: request.json, p7s: request.p7s }, { now: later, trustSigner: 'AA:BB' })).toMatchObject({ ok: false, error: { code: 'confirmation.court_unknown' } });
    expect(await receiveSupplementRequest(s.db, s.mediator, built.value.id, { json: request.json, p7s: request.p7s }, { now: later, trustSigner: fingerprint })).toMatchObject({ ok: true, value: { dueOn: '2026-11-30', missing: [{ item: 'authority' }] } });
    const other = await buildSupplementRequest(supplementInput('1'.repeat(64)), signer, later);
    const otherRequest = await receiveSupplementRequest(s.db, s.mediator, built.value.id, { json: other.json, p7s: other.p7s }, { now: later });
    expect(otherRequest).toMatchObject({ ok: false, error: { code: 'confirmation.supplement_invalid' } });
    if (!otherRequest.ok) expect(otherRequest.error.problem.items).toEqual([{ key: 'confirmation.document.package_mismatch', params: { file: 'supplement.json', signer: '芜湖市镜湖区人民法院', court: '芜湖市镜湖区人民法院' } }]);
    // Once a court is registered, a receipt signed by an impostor with the same name is refused.
    const impostor = await makeInstitution('芜湖市镜湖区人民法院');
    const forged = await buildReceipt(input(built.value.built!.sha256), { certificatePem: impostor.certificatePem, chainPems: [], sign: impostor.sign }, later);
    expect(await importReceipt(s.db, s.platform, s.mediator, built.value.id, { json: forged.json, p7s: forged.p7s, ruling }, { now: later })).toMatchObject({ ok: false, error: { code: 'confirmation.court_unknown' } });
    const wrong = await buildReceipt(input('0'.repeat(64)), signer, later);
    const refusedReceipt = await importReceipt(s.db, s.platform, s.mediator, built.value.id, { json: wrong.json, p7s: wrong.p7s, ruling }, { now: later });
    expect(refusedReceipt).toMatchObject({ ok: false, error: { code: 'confirmation.receipt_invalid' } });
    if (!refusedReceipt.ok) expect(refusedReceipt.error.problem.items?.map((p) => p.key)).toEqual(['confirmation.document.package_mismatch']);
    expect((await getCase(s.db, s.caseId))?.status).toBe('confirmation_applied');
    const right = await buildReceipt(input(built.value.built!.sha256), signer, later);
    const imported = await importReceipt(s.db, s.platform, s.mediator, built.value.id, { json: right.json, p7s: right.p7s, ruling }, { now: later });
    if (!imported.ok) throw imported.error;
    expect(imported.value.record.receipt).toMatchObject({ outcome: 'confirmed', courtCaseNumber: '（2026）皖0202民特123号' });
    expect((await getCase(s.db, s.caseId))?.status).toBe('confirmed');
    expect((await readLedgerRows(s.db, s.caseId)).at(-1)?.entry.kind).toBe('ruling');
  });
});
