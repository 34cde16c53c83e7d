// Ambiguous is invalid, for the agreement's PDF (issue 14 part 1): a structure readers could resolve
// differently from the verifier — an object listed twice in one cross-reference section (the
// attack that passed as VALID: the changed /Pages first, the original copy second, both signatures
// valid for pdfsig), overlapping subsections, an xref stream listing an object twice, a hybrid
// file, an object defined twice in one revision, an entry pointing into another object's data — is
// refused with the one detail `ambiguous`; the intact agreement still passes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature, type PdfSignatureInfo } from '../../../shared/agreement/pdf-signature/sign';
import { verifyAgreementSignatures, type AgreementSignatureReport } from '../../../shared/agreement/pdf-signature/verify';
import { pdfAmbiguity } from '../../../shared/agreement/pdf-signature/pdf-ambiguity';
import { firstAgreementProblem } from '../../../shared/confirmation/pdf-details';
import { englishText } from '../../../shared/confirmation/check-detail';
import { findAmbiguity } from '../../../shared/integrity/ambiguity';
import { makeInstitution, makeMediator, makePdf, signingKey, type TestSigner } from '../agreement/pdf-signature-fixtures';
import { appendRaw, objectById, objectText, row, xrefStream } from './pdf-updates';

const MEDIATOR_INFO: PdfSignatureInfo = { name: '王芳', reason: '调解员签名', signingTime: new Date('2026-03-02T02:00:00Z') };
const INSTITUTION_INFO: PdfSignatureInfo = { name: '芜湖市镜湖区人民调解委员会', reason: '人民调解委员会印章', signingTime: new Date('2026-03-02T02:10:00Z') };

const root = mkdtempSync(join(tmpdir(), 'mw-ambiguous-pdf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const has = (tool: string) => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined;

let institution: TestSigner;
let once: Uint8Array;
let signed: Uint8Array;

beforeAll(async () => {
  institution = await makeInstitution();
  const mediator = await makeMediator(institution);
  once = await addPdfSignature(await makePdf(), signingKey(mediator, [institution]), MEDIATOR_INFO);
  signed = await addPdfSignature(once, signingKey(institution), INSTITUTION_INFO);
});

const sealed = (pdf: Uint8Array) => addPdfSignature(pdf, signingKey(institution), INSTITUTION_INFO);
const reasonOf = (report: AgreementSignatureReport) => findAmbiguity(report.problems.find((p) => p.code === 'agreement.ambiguous')?.detail)?.params.reason;

/** The /Pages object with its first page dropped: the first page (the parties, the terms) gone. */
function pagesDroppingFirst(): { id: number; changed: string; original: string } {
  const pages = objectText(once, /\/Type \/Pages\b/);
  const changed = pages.body.replace(/\/Kids\s*\[\s*\d+ 0 R/, '/Kids [').replace(/\/Count \d+/, '/Count 1');
  expect(changed).not.toBe(pages.body);
  return { id: pages.id, changed: `${pages.id} 0 obj\n${changed}\nendobj`, original: pages.text };
}

describe('an agreement a reader could read otherwise than the verifier', () => {
  it('refuses the update that lists /Pages twice, the changed version first and the original copy second (it verified as VALID)', async () => {
    const { id, changed, original } = pagesDroppingFirst();
    const attack = await sealed(appendRaw(once, [{ text: changed }, { text: original }], ([a, b]) => `0 1\n${row(0, 65535, 'f')}${id} 1\n${row(a as number)}${id} 1\n${row(b as number)}`));
    const report = verifyAgreementSignatures(attack, { trustedInstitutionPems: [institution.certificatePem] });
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.code).toBe('agreement.ambiguous');
    expect(report.problems[0]?.detail).toMatchObject({ key: 'ambiguous', params: { reason: 'pdf_xref_duplicate' }, items: [{ key: 'ambiguity.pdf_xref_duplicate', params: { object: id } }] });
    expect(report.problems[0]?.message).toContain(`object ${id} is listed twice in the cross-reference section`);
    // The package report names the same detail.
    expect(englishText(firstAgreementProblem(report))).toMatch(/^ambiguous, so refused/);
    // Both signatures themselves hold: only the structure is refused.
    expect(report.signatures.map((s) => s.signatureValid && s.digestMatches)).toEqual([true, true]);

    // What readers show: poppler takes the first entry, the one-page document.
    if (has('pdfinfo')) {
      const path = join(root, 'attack.pdf');
      writeFileSync(path, attack);
      expect(spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout).toMatch(/Pages:\s+1\n/);
    }
    // Without the duplicate entry the same change was refused already, as a change.
    const plain = verifyAgreementSignatures(await sealed(appendRaw(once, [{ text: changed }], ([a]) => `0 1\n${row(0, 65535, 'f')}${id} 1\n${row(a as number)}`)));
    expect(plain.problems.map((p) => p.code)).toEqual(['agreement.changed_after_mediator']);
  });

  it('refuses overlapping subsections, an xref stream listing an object twice, a hybrid file, an object defined twice, an entry inside another object', async () => {
    const { id, changed, original } = pagesDroppingFirst();
    // The object after /Pages, copied unchanged, so that a subsection of two can list both.
    const next = objectById(once, id + 1);
    const variants: [string, Uint8Array, string][] = [
      [
        'overlapping subsections',
        await sealed(appendRaw(once, [{ text: changed }, { text: next }, { text: original }], ([a, n, b]) => `${id} 2\n${row(a as number)}${row(n as number)}${id} 1\n${row(b as number)}`)),
        'pdf_xref_overlap',
      ],
      ['an xref stream whose /Index lists an object twice', appendRaw(once, [{ text: changed }, { text: original }], ([a, b]) => xrefStream(once, 990, [id, 1, id, 1], [a as number, b as number])), 'pdf_xref_stream_overlap'],
      ['a hybrid-reference trailer', await sealed(appendRaw(once, [{ text: original }], ([a]) => `${id} 1\n${row(a as number)}`, '\n/XRefStm 17')), 'pdf_hybrid'],
      ['an object defined twice in one revision', await sealed(appendRaw(once, [{ text: changed }, { text: original }], ([, b]) => `${id} 1\n${row(b as number)}`)), 'pdf_object_twice'],
      [
        'an entry pointing into a stream',
        await sealed(
          appendRaw(once, [{ text: `991 0 obj\n<< /Length ${changed.length + 2} >>\nstream\n\n${changed}\n\nendstream\nendobj` }], ([a]) => `${id} 1\n${row((a as number) + `991 0 obj\n<< /Length ${changed.length + 2} >>\nstream\n\n`.length)}`),
        ),
        'pdf_body_unreadable',
      ],
    ];
    for (const [name, pdf, reason] of variants) {
      const report = verifyAgreementSignatures(pdf);
      expect(report.ok, name).toBe(false);
      expect(reasonOf(report), name).toBe(reason);
      expect(pdfAmbiguity(pdf)?.key, name).toBe('ambiguous');
    }
  });

  it('fails closed on a signed file whose structure cannot be read in full (a /Prev chain that loops)', () => {
    const xrefAt = signed.length + 1;
    const tail = new TextEncoder().encode(`\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${xrefAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    const broken = new Uint8Array(signed.length + tail.length);
    broken.set(signed);
    broken.set(tail, signed.length);
    const found = pdfAmbiguity(broken);
    expect(found?.key).toBe('ambiguous');
    expect(found?.params.reason).toBe('pdf_structure_unreadable');
  });

  it('still accepts the intact agreement, and every revision of it', () => {
    expect(pdfAmbiguity(signed)).toBeNull();
    expect(pdfAmbiguity(once)).toBeNull();
    expect(verifyAgreementSignatures(signed, { trustedInstitutionPems: [institution.certificatePem] })).toMatchObject({ ok: true, problems: [] });
  });
});
