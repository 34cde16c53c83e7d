// A small but complete judicial-confirmation package made with the app's code: a self-issued
// institution, a mediator it certified, an agreement PDF signed by both, identity documents, a
// power of attorney, evidence and property proof recorded in a signed ledger — and helpers to
// rezip a package's files after changing them, as an attacker or a careless re-zipper would.
import { createHash, createPrivateKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import forge from 'node-forge';
import { crc32 } from 'node:zlib';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import { buildPackage, packageLedgerFiles, type BuildOptions, type BuiltPackage, type HashFactory, type ManifestInput, type PackageFileSource } from '../../../shared/confirmation/build';
import type { FileRole } from '../../../shared/confirmation/manifest';
import { StoredZipWriter } from '../../../shared/archive';
import { certificateKeyId } from '../../../shared/identity/institution';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { bytesSource, openZip } from '../../../shared/archive';
import { makeInstitution, makeMediator, makePdf, signingKey, type TestSigner } from '../agreement/pdf-signature-fixtures';

export const CASE_ID = '5b1f0c2e-8d7a-4c39-9e21-7f3a6b0d4c11';
export const OTHER_CASE_ID = '9e4d2a71-3c5b-4f08-8a16-2b7c9d0e5f33';
export const NOW = new Date('2026-03-05T02:00:00Z');
export const RECEIVED_ON = '2026-03-10';

export const nodeSha256: HashFactory = () => {
  const hash = createHash('sha256');
  return { update: (data) => void hash.update(data), digest: () => new Uint8Array(hash.digest()) };
};
export const nodeCrc32 = (data: Uint8Array, previous: number) => crc32(data, previous);

export type Institution = TestSigner & { privateKeyPem: string };

export interface FileSpec {
  path: string;
  role: FileRole;
  bytes: Uint8Array;
  ledgerSeq?: number;
  party?: string;
}

export interface Fixture {
  institution: Institution;
  stranger: Institution;
  manifestInput: ManifestInput;
  files: FileSpec[];
  /** The same evidence recorded in another case's ledger. */
  otherCaseLedgerFiles: Map<string, Uint8Array>;
}

export function source(spec: FileSpec, chunk = 7000): PackageFileSource {
  return {
    path: spec.path,
    role: spec.role,
    size: spec.bytes.length,
    ...(spec.ledgerSeq !== undefined ? { ledgerSeq: spec.ledgerSeq } : {}),
    ...(spec.party !== undefined ? { party: spec.party } : {}),
    // Several chunks per file, as a file stream gives them.
    open: async function* () {
      for (let at = 0; at < spec.bytes.length; at += chunk) yield spec.bytes.slice(at, at + chunk);
    },
  };
}

function pseudoRandom(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function ledgerSigner(institution: Institution) {
  const key = createPrivateKey(institution.privateKeyPem);
  const keyId = certificateKeyId(institution.certificatePem);
  return async (data: Uint8Array) => ({ signature: nodeSign('sha256', data, key).toString('base64'), keyId });
}

async function recordedLedger(caseId: string, institution: Institution, recorded: { title: string; mediaType: string; kind: 'file' | 'agreement'; bytes: Uint8Array }[]) {
  const ledger = new CaseLedger(caseId);
  ledger.append({
    action: 'add', refersTo: null, kind: 'note', title: '调解笔录摘要', mediaType: 'text/plain; charset=utf-8', size: 12,
    contentSha256: bytesToHex(sha256Bytes(utf8ToBytes('双方同意分期还款。'))), author: { id: 'm1', name: '王芳' }, submittedBy: null, shownToOtherParty: true, createdAt: '2026-02-20T02:00:00.000Z',
  });
  const seqs = recorded.map((r, i) =>
    ledger.append({
      action: 'add', refersTo: null, kind: r.kind, title: r.title, mediaType: r.mediaType, size: r.bytes.length,
      contentSha256: bytesToHex(sha256Bytes(r.bytes)), author: { id: 'm1', name: '王芳' }, submittedBy: r.kind === 'agreement' ? null : 'applicant', shownToOtherParty: true,
      createdAt: new Date(Date.UTC(2026, 1, 21, 2, i)).toISOString(),
    }).seq,
  );
  const checkpoint = await ledger.checkpoint(ledgerSigner(institution), NOW);
  return { files: packageLedgerFiles(ledger, checkpoint, seqs, institution.certificatePem, NOW), seqs };
}

/**
 * An institution whose certificate a CA issued (a CA certificate itself, so it can certify its
 * mediators), as with a PKCS#12 from a real CA: its package carries the CA in certs/chain.pem.
 */
export async function caIssuedInstitution(ca: Institution, caName: string, name = '芜湖市镜湖区人民调解委员会'): Promise<Institution> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '0a1b2c3d4e5f';
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2031-01-01T00:00:00Z');
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  cert.setSubject([{ name: 'commonName', value: name, valueTagClass: utf8 }, { shortName: 'OU', value: '51340202MJ00000007' }, { name: 'countryName', value: 'CN' }]);
  // The CA's name as makeInstitution writes it (forge would encode a parsed UTF-8 name twice).
  cert.setIssuer([{ name: 'commonName', value: caName, valueTagClass: utf8 }, { name: 'organizationName', value: caName, valueTagClass: utf8 }, { shortName: 'OU', value: '51340202MJ00000007' }, { name: 'countryName', value: 'CN' }]);
  cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  cert.sign(forge.pki.privateKeyFromPem(ca.privateKeyPem), forge.md.sha256.create());
  const key = createPrivateKey(privateKeyPem);
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem, spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), sign: async (data) => new Uint8Array(nodeSign('sha256', data, key)) };
}

export async function makeFixture(given?: Institution): Promise<Fixture> {
  const institution = given ?? (await makeInstitution());
  const stranger = await makeInstitution('冒名调解委员会');
  const mediator = await makeMediator(institution);
  const signedOnce = await addPdfSignature(await makePdf(), signingKey(mediator, [institution]), { name: '王芳', reason: '调解员签名', signingTime: new Date('2026-03-02T02:00:00Z') });
  const agreement = await addPdfSignature(signedOnce, signingKey(institution), { name: '芜湖市镜湖区人民调解委员会', reason: '人民调解委员会印章', signingTime: new Date('2026-03-02T02:10:00Z') });
  const contract = pseudoRandom(30_000, 7);
  const transfer = pseudoRandom(12_345, 11);
  const deed = pseudoRandom(9_000, 13);
  const recorded = [
    { title: '借款合同.pdf', mediaType: 'application/pdf', kind: 'file' as const, bytes: contract },
    { title: '银行转账回单.png', mediaType: 'image/png', kind: 'file' as const, bytes: transfer },
    { title: '房屋所有权证.jpg', mediaType: 'image/jpeg', kind: 'file' as const, bytes: deed },
    { title: '人民调解协议书', mediaType: 'application/pdf', kind: 'agreement' as const, bytes: agreement },
  ];
  const own = await recordedLedger(CASE_ID, institution, recorded);
  const other = await recordedLedger(OTHER_CASE_ID, institution, recorded);
  const [contractSeq, transferSeq, deedSeq, agreementSeq] = own.seqs as [number, number, number, number];

  const files: FileSpec[] = [
    { path: 'application.pdf', role: 'application', bytes: await makePdf() },
    { path: 'agreement.pdf', role: 'agreement', bytes: agreement, ledgerSeq: agreementSeq },
    { path: 'identity/张堃-居民身份证.jpg', role: 'identity', bytes: pseudoRandom(5_000, 17), party: 'p1' },
    { path: 'identity/李喆-居民身份证.jpg', role: 'identity', bytes: pseudoRandom(5_100, 19), party: 'p2' },
    { path: 'identity/赵律师-执业证.jpg', role: 'identity', bytes: pseudoRandom(4_000, 23), party: 'a1' },
    { path: 'identity/授权委托书-张堃.pdf', role: 'authority', bytes: pseudoRandom(3_000, 29), party: 'a1' },
    { path: 'evidence/借款合同.pdf', role: 'evidence', bytes: contract, ledgerSeq: contractSeq },
    { path: 'evidence/银行转账回单.png', role: 'evidence', bytes: transfer, ledgerSeq: transferSeq },
    { path: 'evidence/房屋所有权证.jpg', role: 'property', bytes: deed, ledgerSeq: deedSeq },
    ...[...own.files].map(([path, bytes]) => ({ path, role: 'ledger' as const, bytes })),
  ];
  const manifestInput: ManifestInput = {
    packageId: 'pkg-2026-0001',
    case: {
      caseId: CASE_ID,
      number: '（2026）镜解字第00042号',
      category: 'LEN',
      parties: [
        { id: 'p1', kind: 'natural', name: '张堃', side: 'applicant', idNumberMasked: '340202********1234', principalId: null },
        { id: 'p2', kind: 'natural', name: '李喆', side: 'respondent', idNumberMasked: '340203********5678', principalId: null },
        { id: 'a1', kind: 'agent', name: '赵律师', side: 'applicant', idNumberMasked: '340204********0011', principalId: 'p1' },
      ],
      agreementEffectiveOn: '2026-03-02',
      confirmationDeadline: '2026-04-01',
      concernsProperty: true,
    },
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    jurisdiction: 'mediation_organisation_seat',
    institution: { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007' },
  };
  return { institution, stranger, manifestInput, files, otherCaseLedgerFiles: other.files };
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function buildOptions(fixture: Fixture, overrides: Partial<BuildOptions> = {}, signer: Institution = fixture.institution): BuildOptions {
  return {
    manifestInput: fixture.manifestInput,
    files: fixture.files.map((f) => source(f)),
    sign: { certificatePem: signer.certificatePem, chainPems: [], sign: signer.sign },
    now: NOW,
    sha256: nodeSha256,
    crc32: nodeCrc32,
    ...overrides,
  };
}

export async function buildZip(fixture: Fixture, overrides: Partial<BuildOptions> = {}, signer?: Institution): Promise<{ zip: Uint8Array; built: BuiltPackage }> {
  const build = buildPackage(buildOptions(fixture, overrides, signer));
  const zip = await collect(build.chunks);
  return { zip, built: await build.result };
}

/** Every file of a zip, read with the hardened reader. */
export async function unzipped(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const archive = await openZip(bytesSource(zip));
  const out = new Map<string, Uint8Array>();
  for (const entry of archive.files) out.set(entry.name, await archive.read(entry));
  return out;
}

/** The files as a zip again (stored, in map order), with no checks: what a re-zipper makes. */
export function rezip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const writer = new StoredZipWriter({ modified: NOW });
  const parts: Uint8Array[] = [];
  for (const [name, bytes] of files) {
    parts.push(writer.start(name, bytes.length));
    writer.data(bytes);
    parts.push(bytes, writer.finish());
  }
  parts.push(writer.end());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sha256Hex = (bytes: Uint8Array) => bytesToHex(sha256Bytes(bytes));
