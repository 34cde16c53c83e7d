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
import { pdfAmbiguity } from '../agreement/pdf-signature/pdf-ambiguity';
import { summarizeCertificate, type CertificateSummary } from '../identity/certificate';
import { checkResult, detail, englishText, type CheckDetail, type CheckKey, type CheckResult } from './check-detail';
import { deadlineCheck, legalChecklist } from './checklist';
import { issuanceProblemDetail, issuerPath, MAX_CMS_BYTES, pemCertificates, readCertificate, subjectName, validAt, verifyDetachedCms, type Certificate, type DetachedSignature } from './cms';
import { manifestSchema, PACKAGE_FILES, parseSha256Sums, pathCollisionDetails, pathProblemDetail, RESERVED_PATHS, sha256sumsText, type Manifest } from './manifest';
import { parseJson, READ_LIMITS, readCapped, type FileDigest, type PackageReader } from './package-reader';
import { firstAgreementProblem, signatureProblems, signerOf } from './pdf-details';
import { ledgerChecks } from './verify-ledger';
import { certificateFingerprints, MAX_SIGNER_CHAIN, type PackageSigner } from './trust';

export type { CheckDetail, CheckResult } from './check-detail';
export { FileTooLargeError, memoryPackageReader, READ_LIMITS, type FileDigest, type PackageReader } from './package-reader';

/** The input is not a package at all (no manifest.json, or one too large to be one). */
export class PackageUnusableError extends Error {
  override name = 'PackageUnusableError';

  constructor(readonly detail: CheckDetail) {
    super(englishText(detail));
  }
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
  /** What differs, in English; null when the file is as the manifest states. */
  problem: string | null;
  /** The same, for the reader's language. */
  detail: CheckDetail | null;
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
    return fingerprint(certificate);
  }
}

const fingerprint = (c: Certificate) => (c.sha256.toUpperCase().match(/../g) as string[]).join(':');

// ---------------------------------------------------------------- manifest

function readManifest(bytes: Uint8Array): { manifest: Manifest | null; check: CheckResult } {
  const fail = (d: CheckDetail) => ({ manifest: null, check: checkResult('manifest.schema', false, d) });
  const json = parseJson(bytes, PACKAGE_FILES.manifest);
  if (!json.ok) return fail(json.ambiguity ?? detail('manifest.not_json'));
  const parsed = manifestSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(detail('manifest.invalid', { field: issue?.path.join('.') || '(top)', problem: issue?.message ?? 'invalid' }));
  }
  // Its canonical form only: other spellings (duplicate keys, reordered members) could be read differently by other tools.
  const canonical = new TextEncoder().encode(canonicalize(json.value) ?? '');
  if (!equalBytes(canonical, bytes)) return fail(detail('manifest.not_canonical'));
  return { manifest: parsed.data, check: checkResult('manifest.schema', true, detail('manifest.ok', { packageId: parsed.data.packageId, files: parsed.data.files.length })) };
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
async function readChain(reader: PackageReader, certificate: Certificate, when: Date): Promise<{ chain: Certificate[]; problem: CheckDetail | null }> {
  const file = PACKAGE_FILES.chainCertificates;
  if (!reader.paths.includes(file)) return { chain: [], problem: null };
  const broken = (problem: CheckDetail) => ({ chain: [], problem });
  const { bytes, tooLarge } = await readCapped(reader, file, READ_LIMITS.certificates);
  if (!bytes) return broken(detail(tooLarge ? 'chain.too_large' : 'chain.unreadable', { file }));
  let candidates: Certificate[];
  try {
    candidates = pemCertificates(new TextDecoder().decode(bytes)).map(readCertificate);
  } catch {
    return broken(detail('chain.bad_certificate', { file }));
  }
  if (candidates.length === 0) return broken(detail('chain.empty', { file }));
  const { path, problemDetail } = issuerPath(certificate, candidates, when);
  return { chain: path, problem: problemDetail && detail('chain.in_file', { file }, [problemDetail]) };
}

async function readInstitution(reader: PackageReader, manifest: Manifest): Promise<{ institution: Institution | null; check: CheckResult }> {
  const id = 'institution.certificate';
  const file = PACKAGE_FILES.institutionCertificate;
  const { bytes, tooLarge } = await readCapped(reader, file, READ_LIMITS.certificates);
  const fail = (d: CheckDetail) => ({ institution: null, check: checkResult(id, false, d) });
  if (tooLarge) return fail(detail('certificate.too_large', { file }));
  if (!bytes) return fail(detail('certificate.missing', { file }));
  const pem = new TextDecoder().decode(bytes);
  let certificate: Certificate;
  let summary: CertificateSummary;
  try {
    const ders = pemCertificates(pem);
    if (ders.length !== 1) return fail(detail('certificate.count', { file, found: ders.length }));
    certificate = readCertificate(ders[0] as Uint8Array);
    summary = summarizeCertificate(pem);
  } catch {
    return fail(detail('certificate.unreadable', { file }));
  }
  if (certificate.sha256 !== manifest.institution.certificateSha256) return fail(detail('certificate.not_named', { file, sha256: manifest.institution.certificateSha256 }));
  // Self-issued certificates (institution.ts) carry the credit code as OU; a CA's may use OU otherwise.
  if (summary.organisationId !== null && /^[0-9A-Z]{18}$/.test(summary.organisationId) && summary.organisationId !== manifest.institution.creditCode) {
    return fail(detail('certificate.credit_code', { certificate: summary.organisationId, manifest: manifest.institution.creditCode }));
  }
  const { chain, problem } = await readChain(reader, certificate, new Date(manifest.createdAt));
  if (problem) return fail(detail('certificate.chain', {}, [problem]));
  const named = { subject: summary.subject, fingerprint: summary.fingerprint256 };
  const said = chain.length === 0 ? detail('certificate.ok', named) : detail('certificate.ok_issued', { ...named, issuers: chain.map(subjectName).join(' ← '), file: PACKAGE_FILES.chainCertificates });
  return { institution: { certificate, pem, summary, chain }, check: checkResult(id, true, said) };
}

/** manifest.signer: the institution itself signed the manifest, with a certificate valid then. */
function signerCheck(cms: DetachedSignature, institution: Institution | null): CheckResult {
  const result = (ok: boolean, d: CheckDetail) => checkResult('manifest.signer', ok, d);
  if (!cms.signer) return result(false, detail('signer.no_certificate'));
  if (!institution) return result(false, detail('signer.no_institution'));
  const when = cms.signingTime;
  if (!when) return result(false, detail('signer.no_time'));
  const who = subjectOf(cms.signer);
  if (!validAt(cms.signer, when)) return result(false, detail('signer.not_valid', { who, when: when.toISOString() }));
  // The institution itself signs the package (design.md §6), not one of the mediators it certifies.
  if (cms.signer.sha256 !== institution.certificate.sha256) {
    const problem = issuanceProblemDetail(cms.signer, institution.certificate, when) ?? detail('issuance.not_own');
    return result(false, detail('signer.not_institution', { who, fingerprint: fingerprint(cms.signer) }, [problem]));
  }
  return result(true, detail('signer.ok', { who, when: when.toISOString() }));
}

function signatureChecks(p7s: Uint8Array | null, tooLarge: boolean, manifestJson: Uint8Array, institution: Institution | null): CheckResult[] {
  if (!p7s) {
    return [checkResult('manifest.signature', false, detail(tooLarge ? 'signature.too_large' : 'signature.missing')), checkResult('manifest.signer', false, detail('signer.unsigned'))];
  }
  const cms = verifyDetachedCms(p7s, manifestJson);
  const signature = cms.ok
    ? checkResult('manifest.signature', true, detail('signature.ok'))
    : checkResult('manifest.signature', false, detail('signature.invalid', {}, cms.problemDetail ? [cms.problemDetail] : []));
  return [signature, signerCheck(cms, institution)];
}

function pinCheck(institution: Institution | null, trusted: readonly string[]): CheckResult {
  const result = (ok: boolean, d: CheckDetail) => checkResult('institution.pinned', ok, d);
  const fingerprints = certificateFingerprints(trusted);
  if (!institution) return result(false, detail('pinned.no_certificate'));
  if (fingerprints.has(institution.certificate.sha256)) return result(true, detail('pinned.trusted'));
  // A trusted CA that issued the institution's certificate, through the chain checked link by link.
  const anchor = institution.chain.find((c) => fingerprints.has(c.sha256));
  return anchor
    ? result(true, detail('pinned.through_chain', { file: PACKAGE_FILES.chainCertificates, anchor: subjectName(anchor) }))
    : result(false, detail('pinned.unknown', { fingerprint: fingerprint(institution.certificate) }));
}

// ---------------------------------------------------------------- files

/** What differs about one listed file, or null when it is as the manifest states. */
function fileProblem(f: Manifest['files'][number], digest: FileDigest | undefined): CheckDetail | null {
  if (!digest) return detail('file.missing');
  if (digest.damage) return digest.damage;
  if (digest.size !== f.size) return detail('file.size', { size: digest.size, expected: f.size });
  if (digest.sha256 !== f.sha256) return detail('file.changed');
  return null;
}

const pathItems = (paths: readonly string[]) => paths.map((path) => detail('list.path', { path }));

/** One check of the files: `ok` when nothing is listed against it. */
function listCheck(id: string, problems: readonly CheckDetail[], ok: CheckDetail, failed: CheckKey): CheckResult {
  return problems.length === 0 ? checkResult(id, true, ok) : checkResult(id, false, detail(failed, {}, problems));
}

function fileChecks(reader: PackageReader, manifest: Manifest, digests: ReadonlyMap<string, FileDigest>): { checks: CheckResult[]; files: FileReport[] } {
  const present = new Set(reader.paths);
  const expected = new Set([...manifest.files.map((f) => f.path), ...RESERVED_PATHS]);
  const missing = manifest.files.filter((f) => !present.has(f.path)).map((f) => f.path);
  const unlisted = reader.paths.filter((p) => !expected.has(p));
  const files: FileReport[] = manifest.files.map((f) => {
    const problem = fileProblem(f, digests.get(f.path));
    return { path: f.path, ok: problem === null, problem: problem && englishText(problem), detail: problem };
  });
  const broken = files.filter((f) => f.detail && f.detail.key !== 'file.missing').map((f) => detail('file.problem', { path: f.path }, [f.detail as CheckDetail]));
  // The three files the manifest cannot list are checked by what they contain, but damage is damage.
  for (const path of RESERVED_PATHS) {
    const damage = digests.get(path)?.damage;
    if (damage) broken.push(detail('file.problem', { path }, [damage]));
  }
  const checks: CheckResult[] = [
    listCheck('files.missing', pathItems(missing), detail('files.all_present', { files: manifest.files.length }), 'files.missing'),
    listCheck('files.unlisted', pathItems(unlisted), detail('files.none_unlisted'), 'files.unlisted'),
    listCheck('files.integrity', broken, detail('files.intact'), 'files.differ'),
  ];
  return { checks, files };
}

/** What SHA256SUMS gets wrong against the manifest and the package's own two files. */
function sumsProblems(entries: readonly { path: string; sha256: string }[], expected: ReadonlyMap<string, string>): CheckDetail[] {
  const problems: CheckDetail[] = [];
  const seen = new Set<string>();
  for (const { path, sha256 } of entries) {
    if (seen.has(path)) problems.push(detail('sums.twice', { path }));
    seen.add(path);
    const want = expected.get(path);
    if (want === undefined) problems.push(detail('sums.not_in_package', { path }));
    else if (want !== sha256) problems.push(detail(RESERVED_PATHS.includes(path) ? 'sums.other_than_file' : 'sums.other_than_manifest', { path }));
  }
  for (const path of expected.keys()) if (!seen.has(path)) problems.push(detail('sums.not_listed', { path }));
  return problems;
}

function sumsCheck(bytes: Uint8Array | null, tooLarge: boolean, manifest: Manifest, digests: ReadonlyMap<string, FileDigest>): CheckResult {
  const result = (ok: boolean, d: CheckDetail) => checkResult('sha256sums', ok, d);
  if (!bytes) return result(false, detail(tooLarge ? 'sums.too_large' : 'sums.missing'));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return result(false, detail('sums.not_utf8'));
  }
  const parsed = parseSha256Sums(text);
  if (!parsed.ok) return result(false, detail('sums.bad_line', { line: parsed.line }));
  const expected = new Map<string, string>(manifest.files.map((f) => [f.path, f.sha256]));
  for (const path of [PACKAGE_FILES.manifest, PACKAGE_FILES.signature]) {
    const digest = digests.get(path);
    if (digest) expected.set(path, digest.sha256);
  }
  const problems = sumsProblems(parsed.entries, expected);
  if (problems.length > 0) return result(false, detail('sums.mismatch', {}, problems));
  // Nothing in it is free: it is exactly what the builder derives from the manifest and the two files.
  if (text !== sha256sumsText([...expected].map(([path, sha256]) => ({ path, sha256 })))) return result(false, detail('sums.rewritten'));
  return result(true, detail('sums.ok', { files: parsed.entries.length }));
}

// ---------------------------------------------------------------- PDFs

async function agreementCheck(reader: PackageReader, institution: Institution | null): Promise<CheckResult> {
  const result = (ok: boolean, d: CheckDetail) => checkResult('agreement.signatures', ok, d);
  const { bytes, tooLarge } = await readCapped(reader, PACKAGE_FILES.agreement, READ_LIMITS.pdf);
  if (!bytes) return result(false, detail(tooLarge ? 'agreement_pdf.too_large' : 'agreement_pdf.missing'));
  if (!institution) return result(false, detail('agreement_pdf.no_institution'));
  const report = verifyAgreementSignatures(bytes, { trustedInstitutionPems: [institution.pem] });
  return report.ok
    ? result(true, detail('agreement_pdf.ok', { mediator: report.mediator?.signerSubjectCommonName ?? '', institution: report.institution?.signerSubjectCommonName ?? '' }))
    : result(false, detail('agreement_pdf.failed', {}, [firstAgreementProblem(report)]));
}

/** The signer is the institution, or someone it certified (its mediators), at the signing time. */
function certifiedByInstitution(signerPem: string, signingTime: string | undefined, institution: Institution): boolean {
  try {
    const signer = readCertificate(forge.util.binary.raw.decode(forge.pem.decode(signerPem)[0]?.body ?? ''));
    return signer.sha256 === institution.certificate.sha256 || issuanceProblemDetail(signer, institution.certificate, new Date(signingTime ?? NaN)) === null;
  } catch {
    return false;
  }
}

/** What is wrong with application.pdf's digital signatures, if it has any. */
function applicationProblems(scan: ReturnType<typeof examinePdfSignatures>, institution: Institution | null): CheckDetail[] {
  const problems: CheckDetail[] = [];
  if (scan.truncated) problems.push(detail('pdf.too_many_to_examine'));
  for (const s of scan.signatures) {
    if (s.problems.length > 0) problems.push(signatureProblems(s));
    // Signed by the institution, or by someone it certified (its mediators).
    else if (institution && !certifiedByInstitution(s.signerCertificatePem, s.signingTime, institution)) problems.push(detail('pdf.not_certified', { n: s.index + 1, who: signerOf(s) }));
  }
  const last = scan.signatures[scan.signatures.length - 1];
  if (last && !last.coversWholeFile) problems.push(detail('pdf.changed_after_last'));
  return problems;
}

async function applicationCheck(reader: PackageReader, institution: Institution | null): Promise<CheckResult> {
  const result = (ok: boolean, d: CheckDetail) => checkResult('application.signatures', ok, d);
  const { bytes, tooLarge } = await readCapped(reader, PACKAGE_FILES.application, READ_LIMITS.pdf);
  if (!bytes) return result(false, detail(tooLarge ? 'application_pdf.too_large' : 'application_pdf.missing'));
  const scan = examinePdfSignatures(bytes);
  if (!scan.isPdf) return result(false, detail('application_pdf.not_pdf'));
  if (scan.signatures.length === 0) return result(true, detail('application_pdf.hand_signed'));
  // What the signatures vouch for must be what every reader shows (shared/integrity/ambiguity.ts).
  const ambiguity = pdfAmbiguity(bytes);
  if (ambiguity) return result(false, detail('application_pdf.failed', {}, [ambiguity]));
  const problems = applicationProblems(scan, institution);
  return problems.length === 0 ? result(true, detail('application_pdf.ok', { count: scan.signatures.length })) : result(false, detail('application_pdf.failed', {}, problems));
}

// ---------------------------------------------------------------- the whole package

function containerCheck(paths: readonly string[]): CheckResult {
  const problems: CheckDetail[] = [];
  for (const path of paths) {
    const problem = pathProblemDetail(path);
    if (problem) problems.push(detail('path.problem', { path: JSON.stringify(path) }, [problem]));
  }
  problems.push(...pathCollisionDetails(paths));
  return listCheck('package.paths', problems, detail('paths.ok', { files: paths.length }), 'paths.unsafe');
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

/** manifest.json's bytes; a zip without one (or with one too large to be one) is not a package. */
async function manifestBytesOf(reader: PackageReader): Promise<Uint8Array> {
  const manifestRead = await readCapped(reader, PACKAGE_FILES.manifest, READ_LIMITS.manifest);
  if (manifestRead.tooLarge) throw new PackageUnusableError(detail('unusable.manifest_too_large', { mib: READ_LIMITS.manifest / 1024 / 1024 }));
  if (!manifestRead.bytes) throw new PackageUnusableError(detail('unusable.manifest_missing'));
  return manifestRead.bytes;
}

/**
 * Who signed the package, from its few small files alone (nothing else is read or hashed), so that
 * a court's intake can refuse an institution it has not registered before keeping the package. The
 * signer is null, with the failed checks, unless the manifest is signed by the institution
 * certificate it names — a certificate merely carried in the zip proves nothing.
 */
export async function readPackageSigner(reader: PackageReader): Promise<{ signer: PackageSigner | null; problems: CheckResult[] }> {
  const manifestJson = await manifestBytesOf(reader);
  const { manifest, check } = readManifest(manifestJson);
  if (!manifest) return { signer: null, problems: [check] };
  const { institution, check: institutionCheck } = await readInstitution(reader, manifest);
  const p7s = await readCapped(reader, PACKAGE_FILES.signature, MAX_CMS_BYTES);
  const problems = [institutionCheck, ...signatureChecks(p7s.bytes, p7s.tooLarge, manifestJson, institution)].filter((c) => !c.ok);
  if (problems.length > 0 || !institution) return { signer: null, problems };
  return { signer: { certificateSha256: institution.certificate.sha256, chainSha256: institution.chain.slice(0, MAX_SIGNER_CHAIN).map((c) => c.sha256) }, problems: [] };
}

export async function verifyPackage(reader: PackageReader, options: VerifyOptions): Promise<PackageReport> {
  const checks: CheckResult[] = [containerCheck(reader.paths)];
  const manifestJson = await manifestBytesOf(reader);
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

