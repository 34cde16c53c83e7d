// Building a judicial-confirmation package (design.md §6) as a stream of zip bytes: each file is
// read once, hashed and passed through as it is read, so gigabytes of evidence never sit in
// memory; manifest.json, manifest.p7s and SHA256SUMS need every hash and are written last, which
// the zip's central directory at the very end allows. The caller writes the bytes where it likes
// (a file through Electron, a download in the browser) and records the package's hash in the
// case's ledger (packageLedgerEntry). Hashing is pluggable because the portable SHA-256 is several
// times slower than a host's native one (Node's crypto, hash-wasm in a browser).
import { buildDetachedCms } from '../agreement/pdf-signature/sign';
import type { SignedCheckpoint } from '../ledger/checkpoint';
import type { EntryInput } from '../ledger/entry';
import { entriesFileBytes, LEDGER_FORMAT, type LedgerManifest } from '../ledger/export';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../ledger/hash';
import type { CaseLedger } from '../ledger/ledger';
import { inclusionProofOf } from '../ledger/proofs';
import { manifestBytes, manifestSchema, PACKAGE_FILES, PACKAGE_FORMAT, sha256sumsText, type FileRole, type Manifest, type PackageFile } from './manifest';
import { pemCertificates, readCertificate, validAt, type Certificate } from './cms';
import { portableSha256, StoredZipWriter, type Crc32, type HashFactory } from '../archive';

export { portableSha256, type HashFactory, type IncrementalHash } from '../archive';

export interface PackageFileSource {
  path: string;
  role: FileRole;
  /** Declared up front (it decides ZIP64); a file that turns out another size stops the build. */
  size: number;
  ledgerSeq?: number;
  party?: string;
  /** The file's bytes, read when its turn comes; the iteration is abandoned on cancellation. */
  open(): AsyncIterable<Uint8Array>;
}

/** What the manifest says beyond its files; the builder adds the format, time, files and certificate hash. */
export type ManifestInput = Pick<Manifest, 'packageId' | 'case' | 'court' | 'jurisdiction' | 'supersedes'> & {
  institution: Pick<Manifest['institution'], 'name' | 'creditCode'>;
};

/** The institution's signing identity; `sign` is RSASSA-PKCS1-v1_5 with SHA-256 (WebCrypto in the app). */
export interface PackageSigner {
  certificatePem: string;
  chainPems: string[];
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface BuildProgress {
  path: string;
  bytesDone: number;
  bytesTotal: number;
}

/** AbortSignal has this shape; shared/ names only what it reads. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface BuildOptions {
  manifestInput: ManifestInput;
  files: readonly PackageFileSource[];
  sign: PackageSigner;
  now: Date;
  onProgress?: (progress: BuildProgress) => void;
  signal?: CancelSignal;
  sha256?: HashFactory;
  crc32?: Crc32;
  forceZip64?: boolean;
}

export interface BuiltPackage {
  manifest: Manifest;
  manifestBytes: Uint8Array;
  /** SHA-256 and size of the whole zip: what the case's ledger records. */
  sha256: string;
  size: number;
}

export interface PackageBuild {
  chunks: AsyncIterable<Uint8Array>;
  /** Settles once the chunks are consumed to the end (or the build fails or is abandoned). */
  result: Promise<BuiltPackage>;
}

export class PackageInputError extends Error {
  override name = 'PackageInputError';
}

/** Thrown when the build is cancelled; named as the DOM names aborts, so callers test error.name. */
export class PackageAbortError extends Error {
  override name = 'AbortError';
}

const PLACEHOLDER_SHA256 = '0'.repeat(64);

function generatedCertificates(sign: PackageSigner): { path: string; bytes: Uint8Array }[] {
  const out: { path: string; bytes: Uint8Array }[] = [{ path: PACKAGE_FILES.institutionCertificate, bytes: utf8ToBytes(sign.certificatePem.trim() + '\n') }];
  if (sign.chainPems.length > 0) out.push({ path: PACKAGE_FILES.chainCertificates, bytes: utf8ToBytes(sign.chainPems.map((p) => p.trim()).join('\n') + '\n') });
  return out;
}

function listed(source: Pick<PackageFileSource, 'path' | 'role' | 'size' | 'ledgerSeq' | 'party'>, sha256Hex: string): PackageFile {
  return {
    path: source.path,
    role: source.role,
    size: source.size,
    sha256: sha256Hex,
    ...(source.ledgerSeq !== undefined ? { ledgerSeq: source.ledgerSeq } : {}),
    ...(source.party !== undefined ? { party: source.party } : {}),
  };
}

/** SHA-256 of the certificate's DER as the PEM carries it (a re-encoding by forge could differ for a CA's certificate). */
function certificateSha256(pem: string): string {
  const [der] = pemCertificates(pem);
  if (!der) throw new PackageInputError('The signing certificate is not a PEM certificate.');
  return bytesToHex(sha256Bytes(der));
}

/** A package signed outside the certificate's validity would be refused by every verifier: refused here first. */
function assertSignerValid(pem: string, now: Date): void {
  let certificate: Certificate;
  try {
    certificate = readCertificate(pemCertificates(pem)[0] ?? new Uint8Array(0));
  } catch {
    throw new PackageInputError('The signing certificate cannot be read.');
  }
  if (!validAt(certificate, now)) throw new PackageInputError(`The signing certificate is not valid on ${now.toISOString()}.`);
}

function manifestOf(options: BuildOptions, files: PackageFile[]): Manifest {
  const { manifestInput: input, sign, now } = options;
  return {
    format: PACKAGE_FORMAT,
    packageId: input.packageId,
    createdAt: now.toISOString(),
    case: input.case,
    court: input.court,
    jurisdiction: input.jurisdiction,
    institution: { ...input.institution, certificateSha256: certificateSha256(sign.certificatePem) },
    files,
    ...(input.supersedes ? { supersedes: input.supersedes } : {}),
  };
}

/**
 * Starts building. Input that cannot make a valid manifest (a path outside the rules, a duplicate,
 * a role in the wrong folder, a party that does not exist) is refused here, before any byte.
 */
export function buildPackage(options: BuildOptions): PackageBuild {
  assertSignerValid(options.sign.certificatePem, options.now);
  const certificates = generatedCertificates(options.sign);
  const sources: PackageFileSource[] = [
    ...options.files,
    ...certificates.map((c) => ({ path: c.path, role: 'certificate' as const, size: c.bytes.length, open: async function* () { yield c.bytes; } })),
  ];
  const draft = manifestSchema.safeParse(manifestOf(options, sources.map((s) => listed(s, PLACEHOLDER_SHA256))));
  if (!draft.success) {
    const issue = draft.error.issues[0];
    throw new PackageInputError(`The package cannot be built: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
  }

  let settle!: { resolve: (built: BuiltPackage) => void; reject: (error: unknown) => void };
  const result = new Promise<BuiltPackage>((resolve, reject) => (settle = { resolve, reject }));
  // Callers who only stream must not see an unhandled rejection; awaiting `result` still throws.
  result.catch(() => undefined);
  let settled = false;

  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      const built = yield* zipBytes(options, sources);
      settled = true;
      settle.resolve(built);
    } catch (error) {
      settled = true;
      settle.reject(error);
      throw error;
    } finally {
      if (!settled) settle.reject(new PackageAbortError('The package was abandoned before it was complete.'));
    }
  }
  return { chunks: chunks(), result };
}

function checkCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new PackageAbortError('Building the package was cancelled.');
}

async function* zipBytes(options: BuildOptions, sources: readonly PackageFileSource[]): AsyncGenerator<Uint8Array, BuiltPackage> {
  const hashOf = options.sha256 ?? portableSha256;
  const writer = new StoredZipWriter({ modified: options.now, ...(options.crc32 ? { crc32: options.crc32 } : {}), forceZip64: options.forceZip64 === true });
  const whole = hashOf();
  let size = 0;
  const emit = (bytes: Uint8Array): Uint8Array => {
    whole.update(bytes);
    size += bytes.length;
    return bytes;
  };
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
  let bytesDone = 0;
  const files: PackageFile[] = [];

  for (const source of sources) {
    checkCancelled(options.signal);
    yield emit(writer.start(source.path, source.size));
    const hash = hashOf();
    for await (const chunk of source.open()) {
      checkCancelled(options.signal);
      try {
        writer.data(chunk);
      } catch {
        throw new PackageInputError(`${source.path} grew while it was being packaged (more than the ${source.size} bytes declared).`);
      }
      hash.update(chunk);
      bytesDone += chunk.length;
      yield emit(chunk);
      options.onProgress?.({ path: source.path, bytesDone, bytesTotal });
    }
    try {
      yield emit(writer.finish());
    } catch {
      throw new PackageInputError(`${source.path} changed while it was being packaged (not the ${source.size} bytes declared).`);
    }
    files.push(listed(source, bytesToHex(hash.digest())));
  }
  checkCancelled(options.signal);

  const manifest = manifestSchema.parse(manifestOf(options, files));
  const json = manifestBytes(manifest);
  const signature = await buildDetachedCms(json, options.sign, options.now);
  const digest = (bytes: Uint8Array) => {
    const h = hashOf();
    h.update(bytes);
    return bytesToHex(h.digest());
  };
  const sums = utf8ToBytes(
    sha256sumsText([...files, { path: PACKAGE_FILES.manifest, sha256: digest(json) }, { path: PACKAGE_FILES.signature, sha256: digest(signature) }]),
  );
  for (const [path, bytes] of [
    [PACKAGE_FILES.manifest, json],
    [PACKAGE_FILES.signature, signature],
    [PACKAGE_FILES.sums, sums],
  ] as const) {
    yield emit(writer.start(path, bytes.length));
    writer.data(bytes);
    yield emit(bytes);
    yield emit(writer.finish());
  }
  yield emit(writer.end());
  return { manifest, manifestBytes: json, sha256: bytesToHex(whole.digest()), size };
}

/**
 * The package's ledger/ folder: the case's entries as an `mw ledger verify` export, the one
 * checkpoint signed for the package (covering every entry) and an inclusion proof for each entry
 * whose file is in the package, so the court can tie each file to the signed root on its own.
 */
export function packageLedgerFiles(ledger: CaseLedger, checkpoint: SignedCheckpoint, includedSeqs: readonly number[], certificatePem: string, exportedAt: Date): Map<string, Uint8Array> {
  const { caseId, treeSize, rootHash } = checkpoint.checkpoint;
  if (caseId !== ledger.caseId) throw new PackageInputError(`The checkpoint is for case ${caseId}, the ledger for ${ledger.caseId}.`);
  if (treeSize !== ledger.entries.length || rootHash !== ledger.rootHash()) throw new PackageInputError('Sign a checkpoint over the whole ledger before packaging it.');
  const proofs = [...new Set(includedSeqs)].sort((a, b) => a - b).map((seq) => {
    const entry = ledger.entries[seq];
    if (!entry) throw new PackageInputError(`The ledger has no entry ${seq}.`);
    return inclusionProofOf(ledger.tree, entry, treeSize);
  });
  const manifest: LedgerManifest = { format: LEDGER_FORMAT, caseId, exportedAt: exportedAt.toISOString(), entries: ledger.entries.length, withFiles: false };
  const pretty = (value: unknown) => utf8ToBytes(`${JSON.stringify(value, null, 2)}\n`);
  return new Map([
    ['ledger/ledger.json', pretty(manifest)],
    ['ledger/entries.json', entriesFileBytes(ledger.entries)],
    ['ledger/checkpoints.json', pretty([checkpoint])],
    ['ledger/proofs.json', pretty({ inclusion: proofs, consistency: [] })],
    ['ledger/certificates.pem', utf8ToBytes(certificatePem.trim() + '\n')],
  ]);
}

/** The ledger entry that records a built package (design.md §6: the package's hash goes into the case's ledger). */
export function packageLedgerEntry(built: BuiltPackage, author: { id: string; name: string }, now: Date): EntryInput {
  return {
    action: 'add',
    refersTo: null,
    kind: 'package',
    title: `司法确认申请材料包 ${built.manifest.packageId}`,
    mediaType: 'application/zip',
    size: built.size,
    contentSha256: built.sha256,
    author,
    submittedBy: null,
    shownToOtherParty: true,
    createdAt: now.toISOString(),
  };
}
