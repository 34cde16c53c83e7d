// `npm run bench -- agreement`: the signed mediation agreement (issue 4), in Node, beside the
// issue's targets:
//   rendering a 3-page agreement with its embedded font subsets   ≤ 500 ms
//   both signatures (mediator, then institution incrementally)    ≤ 300 ms
//   the file without images                                       ≤ 250 KB
// Reference in the same run: poppler's `pdfsig` verifying the same file. And hostile input, timed
// here rather than in the unit tests (which show what is refused, never how fast):
//   a signer's certificate with a 4,096-bit public exponent: verified (and refused)  ≤ 2,000 ms
//   10,000 /ByteRange entries: verified, stopping at the most it reads              ≤ 1,000 ms
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { register } from 'tsx/esm/api';

register();
const { renderAgreementPdf } = await import('../../shared/agreement/pdf/render.ts');
const { addPdfSignature } = await import('../../shared/agreement/pdf-signature/sign.ts');
const { MAX_SIGNATURES, verifyAgreementSignatures } = await import('../../shared/agreement/pdf-signature/verify.ts');
const { issueInstitutionCertificate } = await import('../../shared/identity/institution.ts');
const { issueMediatorCertificate } = await import('../../shared/identity/mediator-certificate.ts');
const { documentInput, content } = await import('../unit/agreement/agreement-fixtures.ts');

const log = (message) => process.stderr.write(`bench agreement: ${message}\n`);
const RUNS = Number(process.env.BENCH_AGREEMENT_RUNS ?? 10);
const round = (n) => Math.round(n * 10) / 10;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const timed = async (fn) => {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
};

const font = (name) => new Uint8Array(readFileSync(new URL(`../../build/fonts/${name}`, import.meta.url)));
const fonts = { cjk: font('DroidSansFallbackFull.ttf'), latin: font('DejaVuSans.ttf') };

// Three pages: the fixture's loan agreement with the facts told at length, as mediators write them.
const facts = `${'2025年3月，申请人王堃借给被申请人刘䶮人民币50,000元，约定2025年12月31日前归还，并约定年利率百分之六。到期后被申请人以资金周转困难为由未归还，申请人多次催讨未果。'.repeat(5)}`;
const input = documentInput({ content: content({ facts, responsibility: '被申请人未按约定期限还款，应承担归还借款本金的责任；申请人同意放弃利息请求。'.repeat(3) }) });

log('rendering');
const cold = await timed(() => renderAgreementPdf(input, fonts, { creationDate: new Date() }));
const warm = [];
for (let i = 0; i < RUNS; i++) warm.push((await timed(() => renderAgreementPdf(input, fonts, { creationDate: new Date() }))).ms);
const rendered = cold.value;

log('signing');
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
const now = new Date();
async function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = await webcrypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), RSA, false, ['sign']);
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    sign: async (data) => new Uint8Array(await webcrypto.subtle.sign(RSA, key, data)),
  };
}
const institutionKeys = await keyPair();
const { certificatePem: institutionPem } = issueInstitutionCertificate({ name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007' }, institutionKeys, new Date(now.getTime() - 86_400_000));
const mediatorKeys = await keyPair();
const { certificatePem: mediatorPem } = await issueMediatorCertificate({ name: '赵调解', userId: 'm1', organization: '芜湖市镜湖区人民调解委员会' }, mediatorKeys.spki, { certificatePem: institutionPem, sign: institutionKeys.sign }, now);
const signBoth = async () => {
  const once = await addPdfSignature(rendered.bytes, { certificatePem: mediatorPem, chainPems: [institutionPem], sign: mediatorKeys.sign }, { name: '赵调解', reason: '人民调解员签名', signingTime: new Date() });
  return addPdfSignature(once, { certificatePem: institutionPem, chainPems: [], sign: institutionKeys.sign }, { name: '芜湖市镜湖区人民调解委员会', reason: '人民调解委员会印章', signingTime: new Date() });
};
const firstSigning = await timed(signBoth);
const signingRuns = [];
for (let i = 0; i < RUNS; i++) signingRuns.push((await timed(signBoth)).ms);
const signed = firstSigning.value;

log('verifying');
const ours = [];
let report;
for (let i = 0; i < RUNS; i++) {
  const run = await timed(() => verifyAgreementSignatures(signed, { trustedInstitutionPems: [institutionPem] }));
  ours.push(run.ms);
  report = run.value;
}
const dir = mkdtempSync(join(tmpdir(), 'bench-agreement-'));
const file = join(dir, 'agreement.pdf');
writeFileSync(file, signed);
const pdfsigRuns = [];
let pdfsigOutput = '';
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  pdfsigRuns.push(performance.now() - started);
  pdfsigOutput = result.stdout ?? '';
}
rmSync(dir, { recursive: true, force: true });
const pdfsigAvailable = pdfsigOutput !== '';

log('hostile input');
// The mediator's certificate with a public exponent that would stall a naive RSA check for minutes.
const forged = forge.pki.certificateFromPem(mediatorPem);
forged.publicKey = forge.pki.setRsaPublicKey(forged.publicKey.n, new forge.jsbn.BigInteger('1'.padEnd(4096, '1'), 2));
// forge re-encodes the parsed TBSCertificate unless it is dropped.
forged.tbsCertificate = undefined;
const forgedOnce = await addPdfSignature(rendered.bytes, { certificatePem: forge.pki.certificateToPem(forged), chainPems: [institutionPem], sign: mediatorKeys.sign }, { name: '赵调解', reason: '人民调解员签名', signingTime: new Date() });
const forgedPdf = await addPdfSignature(forgedOnce, { certificatePem: institutionPem, chainPems: [], sign: institutionKeys.sign }, { name: '芜湖市镜湖区人民调解委员会', reason: '人民调解委员会印章', signingTime: new Date() });
const hugeExponent = [];
for (let i = 0; i < RUNS; i++) {
  const run = await timed(() => verifyAgreementSignatures(forgedPdf));
  if (run.value.mediator?.signatureValid !== false) throw new Error('the 4,096-bit exponent was not refused');
  hugeExponent.push(run.ms);
}
const flood = new TextEncoder().encode(`%PDF-1.7\n${'/ByteRange [0 100 200 300] /Contents <00>\n'.repeat(10_000)}%%EOF`);
const byteRanges = [];
for (let i = 0; i < RUNS; i++) {
  const run = await timed(() => verifyAgreementSignatures(flood));
  if (run.value.signatures.length !== MAX_SIGNATURES) throw new Error('the /ByteRange flood was not bounded');
  byteRanges.push(run.ms);
}

const figures = {
  bench: 'agreement',
  pages: rendered.pages,
  render: { coldMs: round(cold.ms), warmMedianMs: round(median(warm)), targetMs: 500, runs: RUNS },
  signBoth: { firstMs: round(firstSigning.ms), medianMs: round(median(signingRuns)), targetMs: 300 },
  size: { unsignedBytes: rendered.bytes.length, signedBytes: signed.length, targetBytes: 250 * 1024 },
  verify: {
    oursMedianMs: round(median(ours)),
    ok: report.ok,
    pdfsigMedianMs: pdfsigAvailable ? round(median(pdfsigRuns)) : null,
    pdfsigValidSignatures: (pdfsigOutput.match(/Signature is Valid\./g) ?? []).length,
    pdfsigTotalDocumentSigned: pdfsigOutput.includes('Total document signed'),
    ratioOursToPdfsig: pdfsigAvailable ? round(median(ours) / median(pdfsigRuns)) : null,
  },
  hostile: {
    hugeExponentMedianMs: round(median(hugeExponent)),
    hugeExponentTargetMs: 2000,
    byteRangeFloodMedianMs: round(median(byteRanges)),
    byteRangeFloodTargetMs: 1000,
  },
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
