// The agreement in the workstation database: mediator certificates issued by the institution and
// revoked; drafts saved whole or not at all; finalisation listing what is missing; hand signatures
// into the ledger; signing with both keys (a wrong passphrase, a revoked certificate, a missing
// signature each refused with nothing recorded); the case then "agreement reached" with its
// deadline; a new version supersedes the old one only once signed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { getCase } from '../../../renderer/features/case-store';
import { readCheckpoints } from '../../../renderer/features/evidence/checkpoints';
import { readLedgerRows } from '../../../renderer/features/evidence/store';
import { issueMediatorCertificateTo, listMediatorIdentities, revokeMediatorCertificate } from '../../../renderer/features/identity/mediators';
import { lockIdentity } from '../../../renderer/features/identity/store';
import { signAgreement } from '../../../renderer/features/agreements/signing';
import { addHandSignature, createDraft, finaliseAgreement, readAgreements, reopenAgreement, saveDraft } from '../../../renderer/features/agreements/store';
import { verifyAgreementSignatures } from '../../../shared/agreement/pdf-signature/verify';
import { handSignature } from '../agreement/agreement-fixtures';
import { agreedContent, allSigned, covers, finaliseDraft, finalised, INSTITUTION, issued, MEDIATOR, NOW, setting } from './agreement-world';

beforeEach(() => lockIdentity());

describe('mediator certificates', () => {
  it('are issued by the institution to active mediators only, audited, and revoked with a reason', async () => {
    const s = await setting();
    expect(await issueMediatorCertificateTo(s.db, s.platform, s.mediator, { userId: s.mediator.id, keyPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await issueMediatorCertificateTo(s.db, s.platform, s.admin, { userId: s.clerk.id, keyPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION })).toMatchObject({ ok: false, error: { code: 'identity.not_mediator' } });
    expect(await issueMediatorCertificateTo(s.db, s.platform, s.admin, { userId: s.mediator.id, keyPassphrase: 'short', institutionPassphrase: INSTITUTION })).toMatchObject({ ok: false, error: { code: 'identity.passphrase_short' } });
    expect(await issueMediatorCertificateTo(s.db, s.platform, s.admin, { userId: s.mediator.id, keyPassphrase: MEDIATOR, institutionPassphrase: 'wrong one!' })).toMatchObject({ ok: false, error: { code: 'identity.wrong_passphrase' } });
    expect(await listMediatorIdentities(s.db)).toEqual([]);

    const identity = await issued(s);
    expect(identity.certificates).toHaveLength(1);
    const { summarizeCertificate } = await import('../../../shared/identity/certificate');
    const summary = summarizeCertificate(identity.certificates[0]?.certificatePem ?? '');
    expect(summary.issuer).toBe('芜湖市镜湖区人民调解委员会');
    expect(summary.subject).toContain(s.mediator.displayName);
    expect(summary.keyBits).toBe(2048);

    expect(await revokeMediatorCertificate(s.db, s.admin, s.mediator.id, ' ')).toMatchObject({ ok: false, error: { code: 'identity.revoke_reason' } });
    const revoked = await revokeMediatorCertificate(s.db, s.admin, s.mediator.id, '调离本委员会');
    expect(revoked).toMatchObject({ ok: true, value: { certificates: [{ revoked: { reason: '调离本委员会' } }] } });
    const actions = (await s.db.events.all()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['identity.mediator_issue', 'identity.mediator_revoke']));
  });
});

describe('drafting', () => {
  it('saves a draft whole or not at all, and finalises only a complete one', async () => {
    const s = await setting();
    const draft = await createDraft(s.db, s.mediator, s.caseId, NOW);
    if (!draft.ok) throw draft.error;
    expect(draft.value).toMatchObject({ version: 1, status: 'draft', content: { agreementDate: '2026-11-23', copies: 3 } });
    expect(await createDraft(s.db, s.mediator, s.caseId, NOW)).toMatchObject({ ok: false, error: { code: 'agreement.open_version' } });

    const tooLong = await saveDraft(s.db, s.mediator, draft.value.id, draft.value.rev, { ...agreedContent(s.applicant.id, s.respondent.id), defaultClause: '款'.repeat(10_000) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'agreement.invalid', fieldErrors: [{ path: ['defaultClause'], code: 'too_long', params: { max: 2000, actual: 10_000 } }] } });
    expect((await readAgreements(s.db, s.caseId))[0]?.rev).toBe(0);

    const empty = await finaliseAgreement(s.db, s.mediator, draft.value.id, 0, covers);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.fieldErrors.map((e) => e.code)).toEqual(expect.arrayContaining(['required', 'agreement.no_terms']));

    const saved = await saveDraft(s.db, s.mediator, draft.value.id, 0, agreedContent(s.applicant.id, s.respondent.id));
    if (!saved.ok) throw saved.error;
    expect(await saveDraft(s.db, s.mediator, draft.value.id, 0, agreedContent(s.applicant.id, s.respondent.id))).toMatchObject({ ok: false, error: { code: 'agreement.changed' } });
    expect(await saveDraft(s.db, s.clerk, draft.value.id, saved.value.rev, agreedContent(s.applicant.id, s.respondent.id))).toMatchObject({ ok: false });
    const final = await finaliseAgreement(s.db, s.mediator, saved.value.id, saved.value.rev, covers);
    expect(final).toMatchObject({ ok: true, value: { status: 'final' } });
    if (!final.ok) return;
    // The parties are fixed with the text: what the hand signatures are given on.
    expect(final.value.parties?.map((p) => p.name)).toEqual([s.applicant.name, s.respondent.name]);
    expect(await saveDraft(s.db, s.mediator, final.value.id, final.value.rev, agreedContent(s.applicant.id, s.respondent.id))).toMatchObject({ ok: false, error: { code: 'agreement.locked' } });
    const reopened = await reopenAgreement(s.db, s.mediator, final.value.id, final.value.rev);
    expect(reopened).toMatchObject({ ok: true, value: { status: 'draft', handSignatures: [], parties: null } });
  });
});

describe('hand signatures', () => {
  it('go into the ledger, once per signer, only on a finalised agreement', async () => {
    const s = await setting();
    const agreement = await finalised(s);
    const bad = await addHandSignature(s.db, s.platform, s.mediator, agreement.id, agreement.rev, { ...handSignature(s.applicant.id, 'party', s.applicant.name), strokes: [{ pointerType: 'mouse', points: [[10, 10, 0, 0.5]] }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'signature.dot' } });
    expect(await addHandSignature(s.db, s.platform, s.mediator, agreement.id, agreement.rev, handSignature('stranger', 'party', '路人'))).toMatchObject({ ok: false, error: { code: 'signature.signer' } });
    const first = await addHandSignature(s.db, s.platform, s.mediator, agreement.id, agreement.rev, handSignature(s.applicant.id, 'party', s.applicant.name));
    if (!first.ok) throw first.error;
    expect(await addHandSignature(s.db, s.platform, s.mediator, first.value.id, first.value.rev, handSignature(s.applicant.id, 'party', s.applicant.name))).toMatchObject({ ok: false, error: { code: 'signature.duplicate' } });
    const rows = await readLedgerRows(s.db, s.caseId);
    expect(rows.map((r) => r.entry.kind)).toEqual(['signature']);
    const stored = await s.platform.blobs.get(first.value.handSignatures[0]?.sha256 ?? '');
    expect(JSON.parse(new TextDecoder().decode(stored ?? new Uint8Array()))).toMatchObject({ signerName: s.applicant.name, strokes: [{ pointerType: 'mouse' }] });
  });
});

describe('signing', () => {
  it('refuses a missing signature, a missing or revoked certificate and a wrong passphrase, recording nothing', async () => {
    const s = await setting();
    const agreement = await finalised(s);
    expect(await signAgreement(s.db, s.platform, s.mediator, agreement.id, agreement.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'agreement.signatures_missing' },
    });
    const ready = await allSigned(s, agreement);
    const ledgerBefore = (await readLedgerRows(s.db, s.caseId)).length;
    expect(await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'identity.mediator_missing' },
    });
    await issued(s);
    expect(await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: 'wrong one!', institutionPassphrase: INSTITUTION, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'identity.mediator_wrong_passphrase' },
    });
    // Three years on, the mediator's certificate has expired (the institution's runs ten).
    expect(await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: new Date('2029-12-01T00:00:00Z') })).toMatchObject({
      ok: false,
      error: { code: 'identity.expired' },
    });
    await revokeMediatorCertificate(s.db, s.admin, s.mediator.id, '证书泄露');
    lockIdentity();
    expect(await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'identity.revoked' },
    });
    expect((await readLedgerRows(s.db, s.caseId)).length).toBe(ledgerBefore);
    expect((await getCase(s.db, s.caseId))?.status).toBe('in_mediation');
    expect((await readAgreements(s.db, s.caseId))[0]?.status).toBe('final');
  });

  it('signs twice, records the PDF in the ledger under a checkpoint and moves the case; a new version supersedes it once signed', async () => {
    const s = await setting();
    await issued(s);
    const ready = await allSigned(s);
    const steps: string[] = [];
    const signed = await signAgreement(s.db, s.platform, s.mediator, ready.id, ready.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: NOW, onStep: (step) => steps.push(step) });
    if (!signed.ok) throw signed.error;
    expect(steps).toEqual(['render', 'mediator', 'institution', 'verify', 'record', 'checkpoint']);
    expect(signed.value).toMatchObject({ status: 'signed', signed: { effectiveOn: '2026-11-23' } });
    const pdf = await s.platform.blobs.get(signed.value.signed?.pdfSha256 ?? '');
    if (!pdf) throw new Error('the signed PDF is not stored');
    const report = verifyAgreementSignatures(pdf);
    expect(report.ok).toBe(true);
    if (spawnSync('pdfsig', ['-v']).status === 0) {
      const file = join(mkdtempSync(join(tmpdir(), 'mw-agreement-')), 'agreement.pdf');
      writeFileSync(file, pdf);
      const out = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
      expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
      expect(out).toContain('Total document signed');
    }
    const record = await getCase(s.db, s.caseId);
    expect(record).toMatchObject({ status: 'agreement_reached', agreementEffectiveOn: '2026-11-23', confirmationDeadline: '2026-12-23' });
    const rows = await readLedgerRows(s.db, s.caseId);
    expect(rows.map((r) => r.entry.kind)).toEqual(['signature', 'signature', 'signature', 'agreement']);
    expect(rows[3]?.entry.contentSha256).toBe(signed.value.signed?.pdfSha256);
    const checkpoints = await readCheckpoints(s.db, s.caseId);
    expect(checkpoints.at(-1)).toMatchObject({ reason: 'agreement_signed', treeSize: 4 });
    expect((await s.db.events.all()).map((e) => e.action)).toEqual(expect.arrayContaining(['agreement.sign', 'agreement.hand_signature', 'agreement.finalise']));

    // Read-only: a change is a new version, the signed one stays until the new one is signed.
    expect(await saveDraft(s.db, s.mediator, signed.value.id, signed.value.rev, agreedContent(s.applicant.id, s.respondent.id))).toMatchObject({ ok: false, error: { code: 'agreement.locked' } });
    const next = await createDraft(s.db, s.mediator, s.caseId, NOW);
    expect(next).toMatchObject({ ok: true, value: { version: 2, status: 'draft' } });
    expect((await readAgreements(s.db, s.caseId)).map((a) => a.status)).toEqual(['signed', 'draft']);

    // Version 2, signed two days later, supersedes version 1 and restarts the confirmation window.
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    const second = await allSigned(s, await finaliseDraft(s, next.ok ? next.value : null), later.toISOString());
    const signedAgain = await signAgreement(s.db, s.platform, s.mediator, second.id, second.rev, { mediatorPassphrase: MEDIATOR, institutionPassphrase: INSTITUTION, now: later });
    if (!signedAgain.ok) throw signedAgain.error;
    expect((await readAgreements(s.db, s.caseId)).map((a) => a.status)).toEqual(['superseded', 'signed']);
    expect(await getCase(s.db, s.caseId)).toMatchObject({ status: 'agreement_reached', agreementEffectiveOn: '2026-11-25', confirmationDeadline: '2026-12-25' });
    expect((await s.db.events.all()).map((e) => e.action)).toContain('case.agreement_effective');
  });
});
