// Verifying a received package in the clerk's browser: the zip is read by Blob.slice (blobSource),
// so a multi-GiB file is never in memory whole; entries are hashed with hash-wasm's SHA-256
// (several times faster than the portable one); every read is a point where a cancel takes effect
// and where the page gets to repaint, which keeps the screen responsive without a worker. Besides
// the report, the manifest's particulars the ruling is written from are taken from the same archive.
import { createSHA256, type IHasher } from 'hash-wasm';
import { portableSha256, type HashFactory } from '../../../shared/archive';
import { manifestSchema, PACKAGE_FILES } from '../../../shared/confirmation/manifest';
import { FileTooLargeError, parseJson } from '../../../shared/confirmation/package-reader';
import { PackageUnusableError, verifyPackage, type CheckDetail, type PackageReport } from '../../../shared/confirmation/verify';
import { blobSource, DEFAULT_ZIP_LIMITS, openZip, PORTABLE_ZIP_HOOKS, ZipRefusedError, type BlobLike, type RandomAccessSource } from '../../../shared/archive';
import { zipPackageReader } from '../../../shared/confirmation/zip-package';
import type { FilingPackage } from '../../../shared/confirmation/court/filing';
import type { CancelSignal } from '../../../shared/platform';

export type Verification =
  | { kind: 'report'; report: PackageReport; particulars: FilingPackage | null }
  | { kind: 'unusable'; reason: string; detail: CheckDetail };

export interface VerifyInput {
  receivedOn: string;
  /** The institution certificates the court registered; none given: the signer is only checked to be consistent. */
  trustedPems: readonly string[];
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: CancelSignal;
}

export function cancelled(): Error {
  return new DOMException('The verification was cancelled.', 'AbortError');
}

/**
 * A SHA-256 factory over one hash-wasm instance. The zip reader hashes one entry at a time (each
 * digested before the next is made), so one instance serves them all; should two ever overlap,
 * the second gets the portable hash rather than a shared state.
 */
async function fastSha256(): Promise<HashFactory> {
  let hasher: IHasher;
  try {
    hasher = await createSHA256();
  } catch {
    // WebAssembly unavailable (a locked-down page): correct, only slower.
    return portableSha256;
  }
  let busy = false;
  return () => {
    if (busy) return portableSha256();
    busy = true;
    hasher.init();
    return {
      update: (data) => void hasher.update(data),
      digest: () => {
        const digest = hasher.digest('binary');
        busy = false;
        return digest;
      },
    };
  };
}

/** The source with a cancel checked before every read. */
function cancellable(source: RandomAccessSource, signal: CancelSignal | undefined): RandomAccessSource {
  if (!signal) return source;
  return {
    size: source.size,
    read: async (offset, length) => {
      if (signal.aborted) throw cancelled();
      return source.read(offset, length);
    },
  };
}

function particularsOf(report: PackageReport, manifestBytes: Uint8Array | null): FilingPackage | null {
  const summary = report.summary;
  if (!summary) return null;
  const json = manifestBytes ? parseJson(manifestBytes) : { ok: false as const };
  const manifest = json.ok ? manifestSchema.safeParse(json.value) : null;
  const parties = manifest?.success ? manifest.data.case.parties : [];
  return {
    packageId: summary.packageId,
    createdAt: summary.createdAt,
    caseNumber: summary.caseNumber,
    category: summary.category,
    court: summary.court,
    jurisdiction: summary.jurisdiction,
    institution: summary.institution,
    parties: parties.map((p) => ({ name: p.name, side: p.side, kind: p.kind, idNumberMasked: p.idNumberMasked, ...(p.idNumber ? { idNumber: p.idNumber } : {}) })),
    agreementEffectiveOn: summary.agreementEffectiveOn,
    confirmationDeadline: summary.confirmationDeadline,
    agreementSha256: manifest?.success ? (manifest.data.files.find((f) => f.path === PACKAGE_FILES.agreement)?.sha256 ?? null) : null,
    files: summary.files,
    bytes: summary.bytes,
    supersedes: summary.supersedes,
  };
}

/**
 * Verifies the package in `file`. A zip the reader refuses, or one that is no package, is
 * `unusable` with the reader's reason (naming the entry); a cancel rejects with an AbortError.
 */
export async function verifyPackageFile(file: BlobLike, input: VerifyInput): Promise<Verification> {
  const sha256 = await fastSha256();
  const source = cancellable(blobSource(file), input.signal);
  try {
    const archive = await openZip(source, DEFAULT_ZIP_LIMITS, { ...PORTABLE_ZIP_HOOKS, sha256 });
    const reader = zipPackageReader(archive);
    const report = await verifyPackage(reader, {
      receivedOn: input.receivedOn,
      ...(input.trustedPems.length > 0 ? { trustedInstitutionPems: [...input.trustedPems] } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    if (input.signal?.aborted) throw cancelled();
    const manifestBytes = await reader.read(PACKAGE_FILES.manifest, 8 * 1024 * 1024).catch(() => null);
    return { kind: 'report', report, particulars: particularsOf(report, manifestBytes) };
  } catch (error) {
    if (error instanceof ZipRefusedError || error instanceof PackageUnusableError || error instanceof FileTooLargeError) return { kind: 'unusable', reason: error.message, detail: error.detail };
    throw error;
  }
}
