// A package zip as the verifier reads it, from any RandomAccessSource: the CLI's file, or a File the
// clerk picks in the browser (blobSource). verifyZipPackage is the one call both make.
import { checkResult, detail, type CheckDetail } from './check-detail';
import { findAmbiguity } from '../integrity/ambiguity';
import { FileTooLargeError, type PackageReader } from './package-reader';
import { verifyPackage, type PackageReport, type VerifyOptions } from './verify';
import { DEFAULT_ZIP_LIMITS, openZip, PORTABLE_ZIP_HOOKS, ZipRefusedError, type ExtractTarget, type RandomAccessSource, type ZipArchive, type ZipHooks, type ZipLimits } from '../archive';

/** The check a package fails when its zip, or a document in it, is ambiguous. */
export const AMBIGUITY_CHECK = 'package.ambiguity';

const CRC_DAMAGE = detail('file.crc');

/** The package's files as the zip holds them; digests hash (and optionally extract) in one pass. */
export function zipPackageReader(archive: ZipArchive, extractTo?: ExtractTarget): PackageReader {
  return {
    paths: archive.files.map((e) => e.name),
    read: async (path, maxBytes) => {
      const entry = archive.find(path);
      if (!entry || entry.directory) return null;
      if (entry.size > maxBytes) throw new FileTooLargeError(path, maxBytes);
      return archive.read(entry);
    },
    digests: async (onProgress) => {
      const hashed = await archive.hashAll({ ...(extractTo !== undefined ? { extractTo } : {}), ...(onProgress ? { onProgress } : {}) });
      return new Map([...hashed].map(([path, h]) => [path, { sha256: h.sha256, size: h.size, damage: h.crcOk ? null : CRC_DAMAGE }]));
    },
  };
}

export interface ZipVerifyOptions extends VerifyOptions {
  /** Faster hashes and inflate of the host (Node's in the CLI, hash-wasm in a browser); portable ones otherwise. */
  hooks?: Partial<ZipHooks>;
  limits?: ZipLimits;
  extractTo?: ExtractTarget;
}

/** The report on a zip refused as ambiguous: a verdict (invalid), not unusable input. */
export function ambiguousPackageReport(ambiguity: CheckDetail): PackageReport {
  return { ok: false, checks: [checkResult(AMBIGUITY_CHECK, false, ambiguity)], failed: [AMBIGUITY_CHECK], summary: null, files: [] };
}

/**
 * Opens and verifies a package zip. Throws ZipRefusedError for a zip that cannot be used (hostile,
 * truncated, not a zip) and PackageUnusableError for a zip that is not a package; otherwise the
 * report names every check. A zip that readers could unpack differently (two names for one file,
 * local headers that contradict the directory) is reported as failing the one check
 * `package.ambiguity`: it is a package, refused, not damaged input.
 */
export async function verifyZipPackage(source: RandomAccessSource, options: ZipVerifyOptions): Promise<PackageReport> {
  const { hooks, limits, extractTo, ...verify } = options;
  let archive: ZipArchive;
  try {
    archive = await openZip(source, limits ?? DEFAULT_ZIP_LIMITS, { ...PORTABLE_ZIP_HOOKS, ...hooks });
  } catch (error) {
    const ambiguity = error instanceof ZipRefusedError ? findAmbiguity(error.detail) : null;
    if (ambiguity) return ambiguousPackageReport(ambiguity);
    throw error;
  }
  return verifyPackage(zipPackageReader(archive, extractTo), verify);
}
