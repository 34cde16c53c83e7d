// The one archive module (issue 16 item 4): every zip the workstation reads — a package to verify,
// a ledger export, a backup to restore — goes through the hardened reader, so its bounds and the
// "ambiguous is invalid" rule (../integrity/ambiguity.ts) hold for all of them; every zip it
// writes — a package, a ledger export, the court's signed files, a backup — through the writers.
// Nothing else in shared/, cli/, electron/ or renderer/ reads or writes a zip.
export { crc32, type Crc32 } from './format';
export { portableSha256, type HashFactory, type IncrementalHash } from './hashing';
export { portableInflate, type InflateStream } from './inflate';
export {
  DEFAULT_ZIP_LIMITS,
  openZip,
  openZipBytes,
  PORTABLE_ZIP_HOOKS,
  ZipArchive,
  ZipBytes,
  type EntrySink,
  type ExtractTarget,
  type HashedEntry,
  type HashOptions,
  type ZipEntry,
  type ZipHooks,
  type ZipLimits,
} from './reader';
export { blobSource, bytesSource, ZipRefusedError, type BlobLike, type RandomAccessSource } from './source';
export { StoredZipWriter, ZipBuilder, zipBytes, type DeflateLevel, type EntryWriter, type ZipEntryOptions, type ZipTree, type ZipWriterOptions } from './writer';
