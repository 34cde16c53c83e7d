// The court clerk's verification of a judicial-confirmation package (design.md §6), layer by layer:
// the manifest and its signature by the institution, every file against the manifest and
// SHA256SUMS, the agreement's PDF signatures, the evidence ledger with its signed checkpoint and
// the inclusion proof of every file recorded in it, the legal checklist and the 30-day deadline.
// It reads the package through PackageReader — the CLI's hardened zip reader, an extracted
// folder, or memory — and returns a report with every check. A damaged file inside a readable
// package gives a failed check; a zip the reader refuses (bad deflate data, sizes that lie) is not
// a package at all and surfaces as the reader's error (exit 2 in the CLI).
import canonicalize from 'canonicalize';
import forge from 'node-forge';
import { equalBytes } from '../pkix/der';
import { examinePdfSignatures, verifyAgreementSignatures } from '../agreement/pdf-signature/verify';
import { summarizeCertificate, type CertificateSummary } from '../identity/certificate';
import { bytesToHex, sha256Bytes } from '../ledger/hash';
import { deadlineCheck, legalChecklist, type CheckResult } from './checklist';
import { issuanceProblem, issuerPath, MAX_CMS_BYTES, pemCertificates, readCertificate, subjectName, validAt, verifyDetachedCms, type Certificate } from './cms';
import { manifestSchema, PACKAGE_FILES, parseSha256Sums, pathCollisions, pathProblem, RESERVED_PATHS, sha256sumsText, type Manifest } from './manifest';
import { listed, parseJson, READ_LIMITS, readCapped, type FileDigest, type PackageReader } from './package-reader';
import { ledgerChecks } from './verify-ledger';

export type { CheckResult } from './checklist';
export { FileTooLargeError, memoryPackageReader, READ_LIMITS, type FileDigest, type PackageReader } from './package-reader';

/** The input is not a package at all (no manifest.json, or one too large to be one). */
export class PackageUnusableError extends Error {
  override name = 'PackageUnusableError';
}

export interface VerifyOptions {
  /** The day the court received the application (YYYY-MM-DD), for the 30-day limit. */
  receivedOn: string;
  /** The institution certificates the court trusts; without them the package is only checked to be consistent. */
  trustedInstitutionPems?: string[];
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export interface FileReport {
  path: string;
  ok: boolean;
  problem: string | null;
}

export interface PackageSummary {
  packageId: string;
  createdAt: string;
  caseId: string;
  caseNumber: string;
  category: string;
  court: { name: string; code: string };
  jurisdiction: Manifest['jurisdiction'];
  parties: { name: string; side: string; kind: string }[];
  files: number;
  bytes: number;
  institution: { name: string; creditCode: string; subject: string | null; fingerprint256: string | null; pinned: boolean | null };
  agreementEffectiveOn: string;
  confirmationDeadline: string;
  receivedOn: string;
  /** The earlier version this package replaces (after a 补正 request), or null. */
  supersedes: { packageId: string; packageSha256: string } | null;
}

export interface PackageReport {
  ok: boolean;
  checks: CheckResult[];
  /** Ids of the failed checks, in report order. */
  failed: string[];
  summary: PackageSummary | null;
  files: FileReport[];
}

/** The certificate's common name for messages, or its fingerprint when forge cannot describe it. */
function subjectOf(certificate: Certificate): string {
  try {
    return summarizeCertificate(forge.pem.encode({ type: 'CERTIFICATE', body: forge.util.binary.raw.encode(certificate.der) })).subject;
  } catch {
    return `the certificate ${fingerprint(certificate)}`;
  }
}

const fingerprint = (c: Certificate) => (c.sha256.toUpperCase().match(/../g) as string[]).join(':');

// ---------------------------------------------------------------- manifest

function readManifest(bytes: Uint8Array): { manifest: Manifest | null; check: CheckResult } {
  const id = 'manifest.schema';
  const json = parseJson(bytes);
  if (!json.ok) return { manifest: null, check: { id, ok: false, message: 'manifest.json is not UTF-8 JSON.' } };
  const parsed = manifestSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { manifest: null, check: { id, ok: false, message: `manifest.json is not a package manifest: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}.` } };
  }
  // Its canonical form only: other spellings (duplicate keys, reordered members) could be read differently by other tools.
  const canonical = new TextEncoder().encode(canonicalize(json.value) ?? '');
  if (!equalBytes(canonical, bytes)) return { manifest: null, check: { id, ok: false, message: 'manifest.json is not in its canonical form (RFC 8785): it was rewritten after it was made.' } };
  return { manifest: parsed.data, check: { id, ok: true, message: `manifest.json describes package ${parsed.data.packageId} with ${parsed.data.files.length} files.` } };
}

// ---------------------------------------------------------------- certificates and signature

interface Institution {
  certificate: Certificate;
  pem: string;
  summary: CertificateSummary;
  /** The institution's issuers from certs/chain.pem, each checked to have issued the one below it. */
  chain: Certificate[];
}

/**
 * certs/chain.pem, where the institution's certificate was issued by a CA: every certificate in it
 * must be on the institution's issuer path at the package's signing time, so that a court can
 * trust the CA (pinCheck) instead of each institution's own certificate.
 */
async function readChain(reader: PackageReader, certificate: Certificate, when: Date): Promise<{ chain: Certificate[]; problem: string | null }> {
  if (!reader.paths.includes(PACKAGE_FILES.chainCertificates)) return { chain: [], problem: null };
  const { bytes, tooLarge } = await readCapped(reader, PACKAGE_FILES.chainCertificates, READ_LIMITS.certificates);
  if (!bytes) return { chain: [], problem: `${PACKAGE_FILES.chainCertificates} is ${tooLarge ? 'too large to be a certificate chain' : 'unreadable'}` };
  let candidates: Certificate[];
  try {
    candidates = pemCertificates(new TextDecoder().decode(bytes)).map(readCertificate);
  } catch {
    return { chain: [], problem: `${PACKAGE_FILES.chainCertificates} holds a certificate that cannot be read` };
  }
  if (candidates.length === 0) return { chain: [], problem: `${PACKAGE_FILES.chainCertificates} holds no certificate` };
  const { path, problem } = issuerPath(certificate, candidates, when);
  return { chain: path, problem: problem === null ? null : `${PACKAGE_FILES.chainCertificates}: ${problem}` };
}

async function readInstitution(reader: PackageReader, manifest: Manifest): Promise<{ institution: Institution | null; check: CheckResult }> {
  const id = 'institution.certificate';
  const { bytes, tooLarge } = await readCapped(reader, PACKAGE_FILES.institutionCertificate, READ_LIMITS.certificates);
  const fail = (message: string) => ({ institution: null, check: { id, ok: false, message } });
  if (tooLarge) return fail(`${PACKAGE_FILES.institutionCertificate} is too large to be a certificate.`);
  if (!bytes) return fail(`${PACKAGE_FILES.institutionCertificate} is missing: the institution's signatures cannot be checked.`);
  const pem = new TextDecoder().decode(bytes);
  let certificate: Certificate;
  let summary: CertificateSummary;
  try {
    const ders = pemCertificates(pem);
    if (ders.length !== 1) return fail(`${PACKAGE_FILES.institutionCertificate} holds ${ders.length} certificates, not the institution's one.`);
    certificate = readCertificate(ders[0] as Uint8Array);
    summary = summarizeCertificate(pem);
  } catch {
    return fail(`${PACKAGE_FILES.institutionCertificate} is not a readable RSA certificate.`);
  }
  if (certificate.sha256 !== manifest.institution.certificateSha256) return fail(`${PACKAGE_FILES.institutionCertificate} is not the certificate the manifest names (SHA-256 ${manifest.institution.certificateSha256}).`);
  // Self-issued certificates (institution.ts) carry the credit code as OU; a CA's may use OU otherwise.
  if (summary.organisationId !== null && /^[0-9A-Z]{18}$/.test(summary.organisationId) && summary.organisationId !== manifest.institution.creditCode) {
    return fail(`The institution's certificate is for credit code ${summary.organisationId}, the manifest names ${manifest.institution.creditCode}.`);
  }
  const { chain, problem } = await readChain(reader, certificate, new Date(manifest.createdAt));
  if (problem) return fail(`The institution's certificate chain does not hold: ${problem}.`);
  const issuedBy = chain.length === 0 ? '' : `, issued by ${chain.map(subjectName).join(' ← ')} (${PACKAGE_FILES.chainCertificates})`;
  return { institution: { certificate, pem, summary, chain }, check: { id, ok: true, message: `The institution's certificate: ${summary.subject} (SHA-256 fingerprint ${summary.fingerprint256})${issuedBy}.` } };
}

function signatureChecks(p7s: Uint8Array | null, tooLarge: boolean, manifestJson: Uint8Array, institution: Institution | null): CheckResult[] {
  if (!p7s) {
    const message = tooLarge ? 'manifest.p7s is too large to be a signature.' : 'manifest.p7s is missing: the manifest is not signed.';
    return [
      { id: 'manifest.signature', ok: false, message },
      { id: 'manifest.signer', ok: false, message: 'The signer cannot be checked without a signature.' },
    ];
  }
  const cms = verifyDetachedCms(p7s, manifestJson);
  const signature: CheckResult = cms.ok
    ? { id: 'manifest.signature', ok: true, message: 'manifest.p7s is a valid CMS signature over manifest.json.' }
    : { id: 'manifest.signature', ok: false, message: `manifest.p7s is not a valid signature over manifest.json: ${cms.problem ?? 'invalid'}.` };
  const signer = (): CheckResult => {
    const id = 'manifest.signer';
    if (!cms.signer) return { id, ok: false, message: "The signature carries no signer's certificate." };
    if (!institution) return { id, ok: false, message: "The signer cannot be checked against the institution's certificate, which is missing or unreadable." };
    const when = cms.signingTime;
    if (!when) return { id, ok: false, message: 'The signature carries no signing time.' };
    const who = subjectOf(cms.signer);
    if (!validAt(cms.signer, when)) return { id, ok: false, message: `The signer's certificate (${who}) was not valid when it signed (${when.toISOString()}).` };
    // The institution itself signs the package (design.md §6), not one of the mediators it certifies.
    if (cms.signer.sha256 !== institution.certificate.sha256) {
      const problem = issuanceProblem(cms.signer, institution.certificate, when) ?? "it is not the institution's own certificate";
      return { id, ok: false, message: `manifest.json was signed by ${who} (SHA-256 fingerprint ${fingerprint(cms.signer)}), not by the institution: ${problem}.` };
    }
    return { id, ok: true, message: `manifest.json was signed by ${who} on ${when.toISOString()}.` };
  };
  return [signature, signer()];
}

function pinCheck(institution: Institution | null, trusted: readonly string[]): CheckResult {
  const id = 'institution.pinned';
  const fingerprints = new Set<string>();
  for (const pem of trusted) {
    try {
      for (const der of pemCertificates(pem)) fingerprints.add(bytesToHex(sha256Bytes(der)));
    } catch {
      // An unreadable trusted certificate trusts nothing.
    }
  }
  if (!institution) return { id, ok: false, message: "The institution's certificate is missing, so it cannot match a trusted one." };
  if (fingerprints.has(institution.certificate.sha256)) return { id, ok: true, message: "The institution's certificate is one of the trusted institution certificates." };
  // A trusted CA that issued the institution's certificate, through the chain checked link by link.
  const anchor = institution.chain.find((c) => fingerprints.has(c.sha256));
  return anchor
    ? { id, ok: true, message: `The institution's certificate was issued, through ${PACKAGE_FILES.chainCertificates}, by the trusted certificate ${subjectName(anchor)}.` }
    : { id, ok: false, message: `The institution's certificate (SHA-256 fingerprint ${fingerprint(institution.certificate)}) is not one of the trusted institution certificates: the package was signed by an unknown certificate.` };
}

// ---------------------------------------------------------------- files

function fileChecks(reader: PackageReader, manifest: Manifest, digests: ReadonlyMap<string, FileDigest>): { checks: CheckResult[]; files: FileReport[] } {
  const present = new Set(reader.paths);
  const expected = new Set([...manifest.files.map((f) => f.path), ...RESERVED_PATHS]);
  const missing = manifest.files.filter((f) => !present.has(f.path)).map((f) => f.path);
  const unlisted = reader.paths.filter((p) => !expected.has(p));
  const files: FileReport[] = manifest.files.map((f) => {
    const digest = digests.get(f.path);
    let problem: string | null = null;
    if (!digest) problem = 'missing';
    else if (digest.damage) problem = digest.damage;
    else if (digest.size !== f.size) problem = `${digest.size} bytes, the manifest says ${f.size}`;
    else if (digest.sha256 !== f.sha256) problem = 'its SHA-256 differs from the manifest: the file was changed';
    return { path: f.path, ok: problem === null, problem };
  });
  const broken = files.filter((f) => !f.ok && f.problem !== 'missing').map((f) => `${f.path}: ${f.problem}`);
  // The three files the manifest cannot list are checked by what they contain, but damage is damage.
  for (const path of RESERVED_PATHS) {
    const damage = digests.get(path)?.damage;
    if (damage) broken.push(`${path}: ${damage}`);
  }
  const checks: CheckResult[] = [
    missing.length === 0
      ? { id: 'files.missing', ok: true, message: `Every file the manifest lists is in the package (${manifest.files.length}).` }
      : { id: 'files.missing', ok: false, message: `The manifest lists files that are not in the package: ${listed(missing)}.` },
    unlisted.length === 0
      ? { id: 'files.unlisted', ok: true, message: 'The package holds no file the manifest does not list.' }
      : { id: 'files.unlisted', ok: false, message: `The package holds files the manifest does not list: ${listed(unlisted)}.` },
    broken.length === 0
      ? { id: 'files.integrity', ok: true, message: `Every file present has the size and SHA-256 the manifest states.` }
      : { id: 'files.integrity', ok: false, message: `Files differ from the manifest: ${listed(broken)}.` },
  ];
  return { checks, files };
}

function sumsCheck(bytes: Uint8Array | null, tooLarge: boolean, manifest: Manifest, digests: ReadonlyMap<string, FileDigest>): CheckResult {
  const id = 'sha256sums';
  if (!bytes) return { id, ok: false, message: tooLarge ? 'SHA256SUMS is too large.' : 'SHA256SUMS is missing.' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { id, ok: false, message: 'SHA256SUMS is not UTF-8 text.' };
  }
  const parsed = parseSha256Sums(text);
  if (!parsed.ok) return { id, ok: false, message: `SHA256SUMS line ${parsed.line} is not "<sha256>  <path>".` };
  const expected = new Map<string, string>(manifest.files.map((f) => [f.path, f.sha256]));
  for (const path of [PACKAGE_FILES.manifest, PACKAGE_FILES.signature]) {
    const digest = digests.get(path);
    if (digest) expected.set(path, digest.sha256);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { path, sha256 } of parsed.entries) {
    if (seen.has(path)) problems.push(`${path} is listed twice`);
    seen.add(path);
    const want = expected.get(path);
    if (want === undefined) problems.push(`${path} is not a file of the package`);
    else if (want !== sha256) problems.push(`${path} has another SHA-256 than ${RESERVED_PATHS.includes(path) ? 'the file itself' : 'the manifest states'}`);
  }
  for (const path of expected.keys()) if (!seen.has(path)) problems.push(`${path} is not listed`);
  if (problems.length > 0) return { id, ok: false, message: `SHA256SUMS does not match the package: ${listed(problems)}.` };
  // Nothing in it is free: it is exactly what the builder derives from the manifest and the two files.
  if (text !== sha256sumsText([...expected].map(([path, sha256]) => ({ path, sha256 })))) {
    return { id, ok: false, message: 'SHA256SUMS lists the right hashes but not in the form the builder writes (one "<sha256>  <path>" line per file, in manifest order): it was rewritten.' };
  }
  return { id, ok: true, message: `SHA256SUMS lists the ${parsed.entries.length} files with the manifest's hashes (sha256sum -c checks them).` };
}

// ---------------------------------------------------------------- PDFs

async function agreementCheck(reader: PackageReader, institution: Institution | null): Promise<CheckResult> {
  const id = 'agreement.signatures';
  const { bytes, tooLarge } = await readCapped(reader, PACKAGE_FILES.agreement, READ_LIMITS.pdf);
  if (!bytes) return { id, ok: false, message: tooLarge ? 'agreement.pdf is too large to be an agreement.' : 'agreement.pdf is missing.' };
  if (!institution) return { id, ok: false, message: "agreement.pdf cannot be tied to the institution, whose certificate is missing." };
  const report = verifyAgreementSignatures(bytes, { trustedInstitutionPems: [institution.pem] });
  return report.ok
    ? { id, ok: true, message: `agreement.pdf is signed by the mediator ${report.mediator?.signerSubjectCommonName ?? ''}, then by the institution ${report.institution?.signerSubjectCommonName ?? ''}; nothing changed since.` }
    : { id, ok: false, message: `agreement.pdf: ${report.problems[0]?.message ?? 'its signatures do not verify.'}` };
}

/** The signer is the institution, or someone it certified (its mediators), at the signing time. */
function certifiedByInstitution(signerPem: string, signingTime: string | undefined, institution: Institution): boolean {
  try {
    const signer = readCertificate(forge.util.binary.raw.decode(forge.pem.decode(signerPem)[0]?.body ?? ''));
    return signer.sha256 === institution.certificate.sha256 || issuanceProblem(signer, institution.certificate, new Date(signingTime ?? NaN)) === null;
  } catch {
    return false;
  }
}

async function applicationCheck(reader: PackageReader, institution: Institution | null): Promise<CheckResult> {
  const id = 'application.signatures';
  const { bytes, tooLarge } = await readCapped(reader, PACKAGE_FILES.application, READ_LIMITS.pdf);
  if (!bytes) return { id, ok: false, message: tooLarge ? 'application.pdf is too large to be an application.' : 'application.pdf is missing.' };
  const scan = examinePdfSignatures(bytes);
  if (!scan.isPdf) return { id, ok: false, message: 'application.pdf is not a PDF file.' };
  if (scan.signatures.length === 0) return { id, ok: true, message: 'application.pdf is a PDF without digital signatures (signed by hand).' };
  const problems: string[] = [];
  if (scan.truncated) problems.push('it has too many signatures to examine');
  for (const s of scan.signatures) {
    if (s.problems.length > 0) problems.push(`signature ${s.index + 1} (${s.signerSubjectCommonName || 'unknown signer'}): ${s.problems.join(', ')}`);
    else if (institution) {
      // Signed by the institution, or by someone it certified (its mediators).
      if (!certifiedByInstitution(s.signerCertificatePem, s.signingTime, institution)) problems.push(`signature ${s.index + 1} is by ${s.signerSubjectCommonName}, whom the institution did not certify`);
    }
  }
  const last = scan.signatures[scan.signatures.length - 1];
  if (last && !last.coversWholeFile) problems.push('the file was changed after its last signature');
  return problems.length === 0
    ? { id, ok: true, message: `application.pdf carries ${scan.signatures.length} valid signature${scan.signatures.length === 1 ? '' : 's'}.` }
    : { id, ok: false, message: `application.pdf: ${listed(problems)}.` };
}

// ---------------------------------------------------------------- the whole package

function containerCheck(paths: readonly string[]): CheckResult {
  const problems: string[] = [];
  for (const path of paths) {
    const problem = pathProblem(path);
    if (problem) problems.push(`${JSON.stringify(path)}: ${problem}`);
  }
  problems.push(...pathCollisions(paths));
  return problems.length === 0
    ? { id: 'package.paths', ok: true, message: `The package's ${paths.length} file names are safe.` }
    : { id: 'package.paths', ok: false, message: `Unsafe or colliding file names: ${listed(problems)}.` };
}

function summaryOf(manifest: Manifest, institution: Institution | null, pinned: boolean | null, receivedOn: string): PackageSummary {
  const summary = institution?.summary ?? null;
  return {
    packageId: manifest.packageId,
    createdAt: manifest.createdAt,
    caseId: manifest.case.caseId,
    caseNumber: manifest.case.number,
    category: manifest.case.category,
    court: manifest.court,
    jurisdiction: manifest.jurisdiction,
    parties: manifest.case.parties.map((p) => ({ name: p.name, side: p.side, kind: p.kind })),
    files: manifest.files.length,
    bytes: manifest.files.reduce((n, f) => n + f.size, 0),
    institution: { name: manifest.institution.name, creditCode: manifest.institution.creditCode, subject: summary?.subject ?? null, fingerprint256: summary?.fingerprint256 ?? null, pinned },
    agreementEffectiveOn: manifest.case.agreementEffectiveOn,
    confirmationDeadline: manifest.case.confirmationDeadline,
    receivedOn,
    supersedes: manifest.supersedes ?? null,
  };
}

function finish(checks: CheckResult[], summary: PackageSummary | null, files: FileReport[]): PackageReport {
  const failed = checks.filter((c) => !c.ok).map((c) => c.id);
  return { ok: failed.length === 0, checks, failed, summary, files };
}

export async function verifyPackage(reader: PackageReader, options: VerifyOptions): Promise<PackageReport> {
  const checks: CheckResult[] = [containerCheck(reader.paths)];
  const manifestRead = await readCapped(reader, PACKAGE_FILES.manifest, READ_LIMITS.manifest);
  if (manifestRead.tooLarge) throw new PackageUnusableError(`manifest.json is larger than ${READ_LIMITS.manifest / 1024 / 1024} MiB: this is not a judicial-confirmation package.`);
  const manifestJson = manifestRead.bytes;
  if (!manifestJson) throw new PackageUnusableError('manifest.json is missing: this is not a judicial-confirmation package.');
  const { manifest, check } = readManifest(manifestJson);
  checks.push(check);
  if (!manifest) return finish(checks, null, []);

  const { institution, check: institutionCheck } = await readInstitution(reader, manifest);
  checks.push(institutionCheck);
  const p7s = await readCapped(reader, PACKAGE_FILES.signature, MAX_CMS_BYTES);
  checks.push(...signatureChecks(p7s.bytes, p7s.tooLarge, manifestJson, institution));
  let pinned: boolean | null = null;
  if (options.trustedInstitutionPems) {
    const pin = pinCheck(institution, options.trustedInstitutionPems);
    pinned = pin.ok;
    checks.push(pin);
  }

  const digests = await reader.digests(options.onProgress);
  const { checks: fileResults, files } = fileChecks(reader, manifest, digests);
  checks.push(...fileResults);
  const sums = await readCapped(reader, PACKAGE_FILES.sums, READ_LIMITS.sums);
  checks.push(sumsCheck(sums.bytes, sums.tooLarge, manifest, digests));
  checks.push(await agreementCheck(reader, institution));
  checks.push(await applicationCheck(reader, institution));
  checks.push(...(await ledgerChecks(reader, manifest, institution?.certificate ?? null)));
  checks.push(...legalChecklist(manifest));
  checks.push(deadlineCheck(manifest.case, options.receivedOn));
  return finish(checks, summaryOf(manifest, institution, pinned, options.receivedOn), files);
}

