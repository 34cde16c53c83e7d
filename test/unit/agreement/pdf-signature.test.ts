// The agreement's two PDF signatures (mediator, then institution as an incremental update) as
// poppler's pdfsig and OpenSSL see them, and as the offline verifier reports them — intact, then
// tampered with, re-signed by the wrong party, expired, and replaced by hostile input.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature, requireBuffer, type PdfSignatureInfo } from '../../../shared/agreement/pdf-signature/sign';
import { MAX_CONTENTS_HEX, MAX_SIGNATURES, verifyAgreementSignatures, verifyPdfSignatures } from '../../../shared/agreement/pdf-signature/verify';
import { makeInstitution, makeMediator, makePdf, signingKey, type TestSigner } from './pdf-signature-fixtures';
import { installNodeBuffer } from '../../../renderer/features/agreements/node-buffer';
import { serialNumberFrom } from '../../../shared/identity/certificate';

const root = mkdtempSync(join(tmpdir(), 'mw-pdfsig-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const hasTool = (tool: string, arg: string) => spawnSync(tool, [arg], { encoding: 'utf8' }).error === undefined;
const HAS_PDFSIG = hasTool('pdfsig', '-v');
const HAS_OPENSSL = hasTool('openssl', 'version');
if (!HAS_PDFSIG) console.warn('pdfsig (poppler-utils) is not installed: the pdfsig checks of the agreement signatures are skipped.');
if (!HAS_OPENSSL) console.warn('openssl is not installed: the OpenSSL checks of the agreement signatures are skipped.');

const MEDIATOR_INFO: PdfSignatureInfo = { name: '王芳', reason: '调解员签名：人民调解协议书', location: '芜湖市镜湖区', signingTime: new Date('2026-03-02T02:00:00Z') };
const INSTITUTION_INFO: PdfSignatureInfo = { name: '芜湖市镜湖区人民调解委员会', reason: '人民调解委员会印章', signingTime: new Date('2026-03-02T02:10:00Z') };

let institution: TestSigner;
let mediator: TestSigner;
let unsigned: Uint8Array;
let signed: Uint8Array;

async function signBoth(pdf: Uint8Array, first: TestSigner, second: TestSigner, chain: TestSigner[] = [second]): Promise<Uint8Array> {
  const once = await addPdfSignature(pdf, signingKey(first, chain), MEDIATOR_INFO);
  return addPdfSignature(once, signingKey(second), INSTITUTION_INFO);
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(root, name);
  writeFileSync(path, bytes);
  return path;
}

function pdfsig(bytes: Uint8Array, name: string): string {
  return spawnSync('pdfsig', [write(name, bytes)], { encoding: 'utf8' }).stdout;
}

const codes = (report: { problems: { code: string }[] }) => report.problems.map((p) => p.code);

/**
 * Appends an incremental update that (re)defines `objects` — what someone holding the institution
 * key could slip in between the mediator's signature and their own.
 */
function appendUpdate(pdf: Uint8Array, objects: { id: number; body: string; header?: string }[], options: { free?: number[]; root?: string } = {}): Uint8Array {
  const text = new TextDecoder('latin1').decode(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
  const root = options.root ?? /\/Root (\d+ \d+ R)/.exec(trailer)?.[1];
  let body = '\n';
  const offsets: [number, number][] = [];
  for (const object of objects) {
    offsets.push([object.id, pdf.length + body.length]);
    body += `${object.header ?? `${object.id} 0 obj`}\n${object.body}\nendobj\n`;
  }
  const xrefAt = pdf.length + body.length;
  const rows = [...offsets.map(([id, at]) => `${id} 1\n${String(at).padStart(10, '0')} 00000 n \n`), ...(options.free ?? []).map((id) => `${id} 1\n0000000000 00001 f \n`)];
  body += `xref\n0 1\n0000000000 65535 f \n${rows.join('')}`;
  body += `trailer\n<<\n/Size ${Math.max(size, ...objects.map((o) => o.id + 1))}\n/Root ${root}\n/Prev ${prev}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + body.length);
  out.set(pdf);
  out.set(Uint8Array.from(body, (c) => c.charCodeAt(0)), pdf.length);
  return out;
}

function lastObject(pdf: Uint8Array, pattern: RegExp): { id: number; body: string } {
  const text = new TextDecoder('latin1').decode(pdf);
  const all = [...text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)].filter((m) => pattern.test(m[2] as string));
  const last = all.at(-1);
  if (!last) throw new Error(`no object matches ${pattern}`);
  return { id: Number(last[1]), body: last[2] as string };
}


beforeAll(async () => {
  institution = await makeInstitution();
  mediator = await makeMediator(institution);
  unsigned = await makePdf(100_000);
  signed = await signBoth(unsigned, mediator, institution);
});

describe('signing', () => {
  it.skipIf(!HAS_PDFSIG)('gives two signatures pdfsig calls valid, the last one over the whole document', () => {
    const out = pdfsig(signed, 'signed.pdf');
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    const [first, second] = out.split(/Signature #2:/);
    expect(first).toContain('Signer Certificate Common Name: 王芳');
    expect(first).toContain('Not total document signed');
    expect(second).toContain('Signer Certificate Common Name: 芜湖市镜湖区人民调解委员会');
    expect(second).toContain('Total document signed');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
  });

  it.skipIf(!HAS_PDFSIG)('pdfsig notices a changed byte (so the check above can fail)', () => {
    const tampered = signed.slice();
    tampered[1000] = (tampered[1000] as number) ^ 0x01;
    const out = pdfsig(tampered, 'tampered.pdf');
    expect(out.match(/Signature is Valid\./g)).toBeNull();
  });

  it.skipIf(!HAS_OPENSSL)("is a CMS OpenSSL verifies against the institution's certificate", () => {
    const [report] = verifyPdfSignatures(signed);
    const [, b, c, d] = report?.byteRange as [number, number, number, number];
    const hex = new TextDecoder().decode(signed.subarray(b + 1, c - 1)).replace(/(00)+$/, '');
    const cms = write('mediator.p7s', Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    const content = write('mediator-range.bin', Buffer.concat([signed.subarray(0, b), signed.subarray(c, c + d)]));
    const run = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', write('ca.pem', institution.certificatePem), '-out', '/dev/null'], { encoding: 'utf8' });
    expect(run.stderr).toContain('Verification successful');
    const wrongContent = write('wrong-range.bin', Buffer.concat([signed.subarray(0, b - 1), signed.subarray(c, c + d)]));
    const wrong = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', wrongContent, '-CAfile', join(root, 'ca.pem'), '-out', '/dev/null'], { encoding: 'utf8' });
    expect(wrong.stderr).not.toContain('Verification successful');
  });

  // The time of both signatures is measured by `npm run bench -- agreement`, not here.
  it('keeps the overhead of both signatures on a 100 KB PDF small', async () => {
    const again = await signBoth(unsigned, mediator, institution);
    expect(unsigned.length).toBeGreaterThan(95_000);
    // Two RSA-2048 CMS with three certificates in all, hex-encoded, plus the incremental updates.
    expect(again.length - unsigned.length).toBeLessThan(16_000);
    expect(verifyAgreementSignatures(again).ok).toBe(true);
  });

  it('works with the buffer package the renderer installs, and says so when there is no Buffer at all', async () => {
    const host = globalThis as { Buffer?: unknown };
    const nodeBuffer = host.Buffer;
    let viaPackage: Uint8Array;
    try {
      delete host.Buffer;
      installNodeBuffer();
      expect(host.Buffer).not.toBe(nodeBuffer);
      viaPackage = await signBoth(unsigned, mediator, institution);
      delete host.Buffer;
      expect(() => requireBuffer()).toThrow(/globalThis\.Buffer/);
      await expect(addPdfSignature(unsigned, signingKey(mediator), MEDIATOR_INFO)).rejects.toThrow(/Buffer implementation/);
    } finally {
      host.Buffer = nodeBuffer;
    }
    expect(verifyAgreementSignatures(viaPackage).ok).toBe(true);
  });

  it('sizes the placeholder to the key and the chain (RSA-4096, three certificates)', async () => {
    const big = await makeMediator(institution, { bits: 4096 });
    const chain = [institution, await makeInstitution('安徽省司法厅'), await makeInstitution('司法部')];
    const once = await addPdfSignature(unsigned, signingKey(big, chain), MEDIATOR_INFO);
    const report = verifyAgreementSignatures(await addPdfSignature(once, signingKey(institution), INSTITUTION_INFO));
    expect(report.problems).toEqual([]);
    expect(once.length - unsigned.length).toBeLessThan(16_000);
    // A key of another size cannot be the certificate's: refused before anything is written.
    await expect(addPdfSignature(unsigned, { ...signingKey(big, [institution]), sign: mediator.sign }, MEDIATOR_INFO)).rejects.toThrow(/does not belong to the certificate/);
  });

  it('writes Chinese names and reasons as UTF-16 text strings', () => {
    const [first, second] = verifyPdfSignatures(signed);
    expect(first).toMatchObject({ name: '王芳', reason: MEDIATOR_INFO.reason, location: '芜湖市镜湖区', signingTime: '2026-03-02T02:00:00.000Z' });
    expect(second).toMatchObject({ name: INSTITUTION_INFO.name, reason: INSTITUTION_INFO.reason, signingTime: '2026-03-02T02:10:00.000Z' });
    expect(second?.location).toBeUndefined();
  });
});

describe('the mediator certificate', () => {
  it('gets a positive, minimal DER serial number whatever the hash begins with', () => {
    for (const first of '0123456789abcdef') {
      const serial = serialNumberFrom(`${first}0${'7f'.repeat(20)}`, 16);
      expect(serial).toMatch(/^[1-7][0-9a-f]{31}$/);
    }
  });

  it.skipIf(!HAS_OPENSSL)('is accepted by openssl verify against the institution certificate, and another CA is not', async () => {
    const ca = write('institution.pem', institution.certificatePem);
    const leaf = write('mediator.pem', mediator.certificatePem);
    const ok = spawnSync('openssl', ['verify', '-CAfile', ca, leaf], { encoding: 'utf8' });
    expect(ok.stdout.trim()).toBe(`${leaf}: OK`);
    const other = await makeInstitution('另一个调解委员会');
    const bad = spawnSync('openssl', ['verify', '-CAfile', write('other.pem', other.certificatePem), leaf], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  it('carries the subject, the key usages and the key identifiers, within the issuer validity', async () => {
    const leaf = new X509Certificate(mediator.certificatePem);
    const ca = new X509Certificate(institution.certificatePem);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.subject).toContain('CN=王芳');
    expect(leaf.subject).toContain('OU=mediator-0007');
    expect(leaf.subject).toContain('O=芜湖市镜湖区人民调解委员会');
    expect(leaf.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.36']));
    if (HAS_OPENSSL) {
      const text = spawnSync('openssl', ['x509', '-noout', '-text', '-in', join(root, 'mediator.pem')], { encoding: 'utf8' }).stdout;
      expect(text).toContain('Digital Signature, Non Repudiation');
      const caText = spawnSync('openssl', ['x509', '-noout', '-text', '-in', join(root, 'institution.pem')], { encoding: 'utf8' }).stdout;
      const caSki = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(caText)?.[1];
      expect(caSki).toBeDefined();
      expect(text).toMatch(new RegExp(`Authority Key Identifier:\\s*\\n\\s*(keyid:)?${caSki}`));
    }
    const long = await makeMediator(institution, { years: 50 });
    expect(new X509Certificate(long.certificatePem).validTo).toBe(ca.validTo);
  });

  it('refuses to issue from an institution certificate that has expired', async () => {
    await expect(makeMediator(institution, { now: new Date('2040-01-01T00:00:00Z') })).rejects.toThrow(/expired/);
  });
});

describe('verifyAgreementSignatures', () => {

  it('refuses an update between the signatures that changes what the mediator signed (pdfsig alone would not notice)', async () => {
    const once = await addPdfSignature(unsigned, signingKey(mediator, [institution]), MEDIATOR_INFO);
    const page = lastObject(once, /\/Type \/Page\b/);
    const stream = 'BT /F1 24 Tf 72 700 Td (Nothing is owed) Tj ET';
    const swapped = appendUpdate(once, [
      { id: 900, body: `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream` },
      { id: page.id, body: page.body.replace(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/, '/Contents [ 900 0 R ]') },
    ]);
    const tampered = await addPdfSignature(swapped, signingKey(institution), INSTITUTION_INFO);
    const report = verifyAgreementSignatures(tampered);
    expect(codes(report)).toEqual(['agreement.changed_after_mediator']);
    expect(report.problems[0]?.message).toContain(`object ${page.id} (/Page) redefined`);
    if (HAS_PDFSIG) expect(pdfsig(tampered, 'swapped.pdf').match(/Signature is Valid\./g)).toHaveLength(2);

    // A note drawn over the text is a new object too, and refused.
    const note = appendUpdate(once, [
      { id: 901, body: '<< /Type /Annot /Subtype /FreeText /Rect [72 700 400 730] /Contents (Paid in full) /DA (/Helv 12 Tf 0 g) >>' },
      { id: page.id, body: page.body.replace(/\/Annots\s*\[/, '/Annots [ 901 0 R ') },
    ]);
    expect(codes(verifyAgreementSignatures(await addPdfSignature(note, signingKey(institution), INSTITUTION_INFO)))).toEqual(['agreement.changed_after_mediator']);
  });

  it('reads the update as a reader does: spacing, comments, strings and the cross-reference table cannot hide a change', async () => {
    const once = await addPdfSignature(unsigned, signingKey(mediator, [institution]), MEDIATOR_INFO);
    const page = lastObject(once, /\/Type \/Page\b/);
    const catalog = lastObject(once, /\/Type \/Catalog\b/);
    const content = /\/Contents\s*\[?\s*(\d+) 0 R/.exec(page.body)?.[1];
    const cropped = page.body.replace('/Type /Page', '/Type /Page /CropBox [0 0 10 10]');
    const variants: [string, Uint8Array][] = [
      ['a header split over lines', appendUpdate(once, [{ id: page.id, body: cropped, header: `${page.id} 0\nobj` }])],
      ['a header with extra spaces', appendUpdate(once, [{ id: page.id, body: cropped, header: `${page.id}  0   obj` }])],
      ['a fake header in a comment', appendUpdate(once, [{ id: page.id, body: cropped, header: `% 99 0 obj /Type /Sig\n${page.id} 0 obj` }])],
      ['a note whose text says /Type /Sig', appendUpdate(once, [
        { id: 902, body: '<< /Type /Annot /Subtype /FreeText /Rect [72 700 400 730] /Contents (VOID /Type /Sig) >>' },
        { id: page.id, body: page.body.replace(/\/Annots\s*\[/, '/Annots [ 902 0 R ') },
      ])],
      ['the content stream freed', appendUpdate(once, [], { free: [Number(content)] })],
      ['a new catalog', appendUpdate(once, [{ id: 903, body: catalog.body }], { root: '903 0 R' })],
    ];
    for (const [name, tampered] of variants) {
      const report = verifyAgreementSignatures(await addPdfSignature(tampered, signingKey(institution), INSTITUTION_INFO));
      expect(codes(report), name).toContain('agreement.changed_after_mediator');
    }
  });

  it('refuses a public exponent that would stall the check', async () => {
    const forged = forge.pki.certificateFromPem(mediator.certificatePem);
    const key = forged.publicKey as forge.pki.rsa.PublicKey;
    forged.publicKey = forge.pki.setRsaPublicKey(key.n, new forge.jsbn.BigInteger('1'.padEnd(4096, '1'), 2));
    // forge re-encodes the parsed TBSCertificate unless it is dropped.
    (forged as { tbsCertificate?: unknown }).tbsCertificate = undefined;
    expect((forge.pki.certificateFromPem(forge.pki.certificateToPem(forged)).publicKey as forge.pki.rsa.PublicKey).e.bitLength()).toBe(4096);
    const once = await addPdfSignature(unsigned, { certificatePem: forge.pki.certificateToPem(forged), chainPems: [institution.certificatePem], sign: mediator.sign }, MEDIATOR_INFO);
    const report = verifyAgreementSignatures(await addPdfSignature(once, signingKey(institution), INSTITUTION_INFO));
    expect(report.mediator?.signatureValid).toBe(false);
  });
  it('accepts the intact agreement and names both signers', () => {
    const report = verifyAgreementSignatures(signed, { trustedInstitutionPems: [institution.certificatePem] });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, chainValid: true, institutionPinned: true, nothingAfterLastSignature: true });
    expect(report.mediator).toMatchObject({ index: 0, signerSubjectCommonName: '王芳', signerOrganization: '芜湖市镜湖区人民调解委员会', issuerCommonName: '芜湖市镜湖区人民调解委员会', coversWholeFile: false, digestMatches: true, signatureValid: true, certificateValidAtSigning: true });
    expect(report.institution).toMatchObject({ index: 1, coversWholeFile: true, signerFingerprint256: new X509Certificate(institution.certificatePem).fingerprint256 });
    expect(report.institution?.byteRange[2] as number + (report.institution?.byteRange[3] as number)).toBe(signed.length);
    expect(verifyAgreementSignatures(signed).institutionPinned).toBeNull();
  });

  it('reports a changed byte in the first revision against both signatures, and one in the second against the institution only', () => {
    const early = signed.slice();
    early[500] = (early[500] as number) ^ 0x20;
    const both = verifyAgreementSignatures(early);
    expect(both.ok).toBe(false);
    expect(both.signatures.map((s) => s.digestMatches)).toEqual([false, false]);
    expect(both.signatures.map((s) => s.signatureValid)).toEqual([true, true]);
    expect(both.problems.filter((p) => p.code === 'pdfsig.digest_mismatch').map((p) => p.message)).toEqual([expect.stringContaining('signature 1 (mediator, 王芳)'), expect.stringContaining('signature 2 (institution')]);

    const [m] = verifyPdfSignatures(signed);
    const firstEnd = (m?.byteRange[2] as number) + (m?.byteRange[3] as number);
    const late = signed.slice();
    late[firstEnd + 5] = (late[firstEnd + 5] as number) ^ 0x01;
    expect(verifyPdfSignatures(late).map((s) => s.digestMatches)).toEqual([true, false]);
  });

  it('notices bytes appended after the last signature', () => {
    const extra = new TextEncoder().encode('\n1 0 obj\n(changed)\nendobj\n');
    const appended = new Uint8Array([...signed, ...extra]);
    const report = verifyAgreementSignatures(appended);
    expect(report.ok).toBe(false);
    expect(report.nothingAfterLastSignature).toBe(false);
    expect(report.signatures.every((s) => s.digestMatches && s.signatureValid)).toBe(true);
    expect(report.problems.find((p) => p.code === 'agreement.changed_after_signing')?.message).toContain(`(${extra.length} bytes follow it)`);
  });

  it('refuses a second signature by someone other than the issuing institution', async () => {
    const stranger = await makeInstitution('某某商务咨询有限公司');
    const report = verifyAgreementSignatures(await signBoth(unsigned, mediator, stranger, [institution]));
    expect(report.signatures.every((s) => s.digestMatches && s.signatureValid)).toBe(true);
    expect(report.chainValid).toBe(false);
    expect(codes(report)).toContain('agreement.chain_not_issued_by_institution');
    expect(report.ok).toBe(false);
  });

  it('refuses an impostor institution with the same name but another key', async () => {
    const impostor = await makeInstitution();
    expect(new X509Certificate(impostor.certificatePem).subject).toBe(new X509Certificate(institution.certificatePem).subject);
    const report = verifyAgreementSignatures(await signBoth(unsigned, mediator, impostor, [institution]));
    expect(report.signatures.every((s) => s.digestMatches && s.signatureValid)).toBe(true);
    expect(codes(report)).toEqual(['agreement.chain_not_issued_by_institution']);
  });

  it('reports a signature made with a key other than the certificate claims', async () => {
    const other = await makeMediator(institution, { name: '李四' });
    const once = await addPdfSignature(unsigned, { ...signingKey(mediator, [institution]), sign: other.sign }, MEDIATOR_INFO);
    const report = verifyAgreementSignatures(await addPdfSignature(once, signingKey(institution), INSTITUTION_INFO));
    expect(report.mediator).toMatchObject({ digestMatches: true, signatureValid: false, problems: ['pdfsig.bad_signature'] });
    expect(report.institution?.problems).toEqual([]);
    if (HAS_PDFSIG) expect(pdfsig(once, 'wrong-key.pdf')).not.toContain('Signature is Valid.');
  });

  it('refuses the institution signing twice in place of the mediator', async () => {
    const report = verifyAgreementSignatures(await signBoth(unsigned, institution, institution, []));
    expect(report.chainValid).toBe(false);
    expect(codes(report)).toEqual(['agreement.chain_same_certificate']);
  });

  it('says when the institution is not the pinned one', async () => {
    const other = await makeInstitution('另一个调解委员会');
    const report = verifyAgreementSignatures(signed, { trustedInstitutionPems: [other.certificatePem, 'not a certificate'] });
    expect(report).toMatchObject({ ok: false, institutionPinned: false, chainValid: true });
    expect(codes(report)).toEqual(['agreement.institution_not_pinned']);
  });

  it('reports a mediator certificate that had expired at the signing time', async () => {
    const shortLived = await makeMediator(institution, { years: 1 });
    const once = await addPdfSignature(unsigned, signingKey(shortLived, [institution]), { ...MEDIATOR_INFO, signingTime: new Date('2027-06-01T00:00:00Z') });
    const twice = await addPdfSignature(once, signingKey(institution), { ...INSTITUTION_INFO, signingTime: new Date('2027-06-01T00:05:00Z') });
    const report = verifyAgreementSignatures(twice);
    expect(report.mediator).toMatchObject({ signatureValid: true, digestMatches: true, certificateValidAtSigning: false, problems: ['pdfsig.certificate_expired'] });
    expect(report.problems[0]?.message).toMatch(/signature 1 \(mediator, 王芳\).*expired/);
    expect(report.ok).toBe(false);
  });

  it('reports a mediator signing before the institution certificate was valid', async () => {
    const early = new Date('2025-12-01T00:00:00Z');
    const once = await addPdfSignature(unsigned, signingKey(mediator, [institution]), { ...MEDIATOR_INFO, signingTime: early });
    const report = verifyAgreementSignatures(await addPdfSignature(once, signingKey(institution), INSTITUTION_INFO));
    expect(codes(report)).toEqual(['pdfsig.certificate_not_yet_valid', 'agreement.chain_issuer_not_valid']);
    expect(report.chainValid).toBe(false);
  });

  it('refuses a chain whose issuer is not allowed to issue certificates', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const leafOnly = forge.pki.createCertificate();
    leafOnly.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    leafOnly.serialNumber = '01';
    leafOnly.validity.notBefore = new Date('2026-01-01T00:00:00Z');
    leafOnly.validity.notAfter = new Date('2036-01-01T00:00:00Z');
    leafOnly.setSubject([{ name: 'commonName', value: 'End entity' }]);
    leafOnly.setIssuer([{ name: 'commonName', value: 'End entity' }]);
    leafOnly.setExtensions([{ name: 'basicConstraints', cA: false, critical: true }, { name: 'subjectKeyIdentifier' }]);
    leafOnly.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), forge.md.sha256.create());
    const key = await crypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const notCa: TestSigner = {
      certificatePem: forge.pki.certificateToPem(leafOnly),
      spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      sign: async (data) => new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data as Uint8Array<ArrayBuffer>)),
    };
    // The app refuses to issue from such a certificate; a hand-made chain shows what the verifier says.
    await expect(makeMediator(notCa)).rejects.toMatchObject({ code: 'identity.not_ca' });
    const { privateKey: mediatorKey, publicKey: mediatorPublic } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const handMade = forge.pki.createCertificate();
    handMade.publicKey = forge.pki.publicKeyFromPem(mediatorPublic.export({ type: 'spki', format: 'pem' }).toString());
    handMade.serialNumber = '02';
    handMade.validity.notBefore = new Date('2026-01-01T00:00:00Z');
    handMade.validity.notAfter = new Date('2030-01-01T00:00:00Z');
    handMade.setSubject([{ name: 'commonName', value: 'Mediator' }]);
    handMade.setIssuer(leafOnly.subject.attributes);
    handMade.setExtensions([{ name: 'basicConstraints', cA: false, critical: true }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]);
    handMade.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), forge.md.sha256.create());
    const mediatorWebKey = await crypto.subtle.importKey('pkcs8', mediatorKey.export({ type: 'pkcs8', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const mediatorSigner: TestSigner = {
      certificatePem: forge.pki.certificateToPem(handMade),
      spki: new Uint8Array(mediatorPublic.export({ type: 'spki', format: 'der' })),
      sign: async (data) => new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', mediatorWebKey, data as Uint8Array<ArrayBuffer>)),
    };
    const report = verifyAgreementSignatures(await signBoth(unsigned, mediatorSigner, notCa));
    expect(codes(report)).toEqual(['agreement.chain_issuer_not_ca']);
  });

  it('wants exactly two signatures', async () => {
    const one = verifyAgreementSignatures(await addPdfSignature(unsigned, signingKey(mediator, [institution]), MEDIATOR_INFO));
    expect(one.nothingAfterLastSignature).toBe(true);
    expect(codes(one)).toEqual(['agreement.signature_count']);
    expect(codes(verifyAgreementSignatures(unsigned))).toEqual(['agreement.no_signature']);
  });

  it('reports a byte range whose gap is not the /Contents string', () => {
    const text = new TextDecoder('latin1').decode(signed);
    const at = text.lastIndexOf('/ByteRange [');
    const original = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text.slice(at)) as RegExpExecArray;
    const shifted = `/ByteRange [0 ${Number(original[2]) - 1} ${original[3]} ${original[4]}]`.padEnd(original[0].length, ' ');
    const bytes = signed.slice();
    bytes.set(new TextEncoder().encode(shifted), at);
    const report = verifyAgreementSignatures(bytes);
    expect(report.signatures[1]?.problems).toEqual(['pdfsig.contents_invalid']);
    expect(report.ok).toBe(false);
  });
  it('refuses a signature of a kind it does not check', () => {
    const text = new TextDecoder('latin1').decode(signed);
    const at = text.lastIndexOf('/SubFilter /adbe.pkcs7.detached');
    const bytes = signed.slice();
    bytes.set(new TextEncoder().encode('/SubFilter /adbe.x509.rsa_sha1 '), at);
    expect(verifyPdfSignatures(bytes).map((s) => s.problems)).toEqual([[], ['pdfsig.unsupported_filter']]);
  });
});

describe('hostile input', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty', new Uint8Array(0), 'agreement.not_pdf'],
    ['text', new TextEncoder().encode('hello, this is not a PDF'), 'agreement.not_pdf'],
    ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff), 'agreement.not_pdf'],
    ['a header alone', new TextEncoder().encode('%PDF-1.7\n'), 'agreement.no_signature'],
    ['a placeholder never signed', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 /********** /********** /**********] /Contents <0000> >>\nendobj\n%%EOF'), 'pdfsig.byte_range_invalid'],
    ['numbers past the end', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /ByteRange [0 30 99999999999 5] /Contents <00> >>\nendobj\n'), 'pdfsig.byte_range_invalid'],
  ];
  it.each(cases)('%s: a clear problem, no exception', (_, bytes, code) => {
    const report = verifyAgreementSignatures(bytes);
    expect(report.ok).toBe(false);
    expect(codes(report)).toContain(code);
    expect(report.problems.every((p) => p.message.length > 10)).toBe(true);
  });

  it('copes with every truncation of a signed agreement', () => {
    for (const cut of [10, 1000, 50_000, signed.length - 20_000, signed.length - 8000, signed.length - 3000, signed.length - 1]) {
      const report = verifyAgreementSignatures(signed.subarray(0, cut));
      expect(report.ok, `cut at ${cut}`).toBe(false);
      expect(report.problems.length, `cut at ${cut}`).toBeGreaterThan(0);
    }
  });

  it('copes with garbage inside the signature (the CMS replaced by other hex)', () => {
    const [, second] = verifyPdfSignatures(signed);
    const [, b, c] = second?.byteRange as [number, number, number, number];
    for (const fill of ['30', 'ff', '3082ffff']) {
      const bytes = signed.slice();
      bytes.set(new TextEncoder().encode(fill.repeat(Math.floor((c - b - 2) / fill.length))), b + 1);
      expect(verifyPdfSignatures(bytes)[1]?.problems).toEqual(['pdfsig.malformed_cms']);
    }
  });

  it('copes with a huge /Contents, and refuses one beyond the limit unread', () => {
    const sized = (hexDigits: number) => {
      const head = '%PDF-1.7\n1 0 obj\n<< /Type /Sig /SubFilter /adbe.pkcs7.detached /ByteRange [0 0000000000 0000000000 0000000000] /Contents ';
      const b = head.length;
      const c = b + hexDigits + 2;
      const tail = ' >>\nendobj\n%%EOF';
      const range = `[0 ${b} ${c} ${tail.length}]`.padEnd('[0 0000000000 0000000000 0000000000]'.length, ' ');
      return new TextEncoder().encode(`${head.replace('[0 0000000000 0000000000 0000000000]', range)}<${'0'.repeat(hexDigits)}>${tail}`);
    };
    expect(verifyPdfSignatures(sized(200_000))[0]?.problems).toEqual(['pdfsig.malformed_cms']);
    expect(verifyPdfSignatures(sized(MAX_CONTENTS_HEX + 2))[0]?.problems).toEqual(['pdfsig.contents_too_large']);
  });

  it('stops after a bounded number of /ByteRange entries', () => {
    const body = '/ByteRange [0 100 200 300] /Contents <00>\n'.repeat(10_000);
    const bytes = new TextEncoder().encode(`%PDF-1.7\n${body}%%EOF`);
    const report = verifyAgreementSignatures(bytes);
    expect(report.signatures).toHaveLength(MAX_SIGNATURES);
    expect(codes(report)).toContain('agreement.too_many_signatures');
    expect(report.ok).toBe(false);
  });
});
