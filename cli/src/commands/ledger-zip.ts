// A zipped ledger export read through the hardened zip reader (shared/archive),
// with the limits `mw package verify` applies: the structure, the declared sizes and the
// compression ratios are checked before a byte is inflated, so a bomb is refused by its
// description, not by running out of memory. The JSON files and the certificate are read whole
// up to a cap each; the evidence files are only ever streamed into SHA-256.
import { createHash } from 'node:crypto';
import { DEFAULT_ZIP_LIMITS, openZip, ZipRefusedError, type ZipArchive } from '../../../shared/archive';
import { FileTooLargeError, READ_LIMITS } from '../../../shared/confirmation/package-reader';
import { DISCLOSURE_FILES } from '../../../shared/ledger/disclosure';
import { EXPORT_FILES } from '../../../shared/ledger/export';
import { UsageError } from '../io';
import { AmbiguousError, findAmbiguity } from '../../../shared/integrity/ambiguity';
import { fileSource, NODE_ZIP_HOOKS, type FileSource } from '../package/zip-source';

/** entries.json and proofs.json of a very large case; a folder export has no such cap. */
const MAX_LIST_BYTES = 1024 ** 3;

/** What each file the verifier reads whole may be at most, unpacked. */
const READ_CAPS: Readonly<Record<string, number>> = {
  [EXPORT_FILES.manifest]: READ_LIMITS.ledgerSmall,
  [EXPORT_FILES.checkpoints]: READ_LIMITS.ledgerProofs,
  [EXPORT_FILES.certificates]: READ_LIMITS.certificates,
  [EXPORT_FILES.entries]: MAX_LIST_BYTES,
  [EXPORT_FILES.proofs]: MAX_LIST_BYTES,
  [DISCLOSURE_FILES.item]: READ_LIMITS.ledgerSmall,
};

export interface ZippedExport {
  bytes(name: string): Uint8Array | null;
  text(name: string): string | null;
  hashOfFile(hash: string): Promise<string | null>;
  close(): Promise<void>;
}

async function readWhole(archive: ZipArchive, name: string, cap: number): Promise<Uint8Array | null> {
  const entry = archive.find(name);
  if (!entry || entry.directory) return null;
  if (entry.size > cap) throw new FileTooLargeError(name, cap);
  return archive.read(entry);
}

/**
 * Opens `path` and reads what the verifier reads whole (each under its cap); `bytes` of a file
 * under files/ is there only for a single disclosed item, whose one file travels with it.
 * Throws UsageError naming the archive and what is wrong with it.
 */
export async function openZippedExport(path: string): Promise<ZippedExport> {
  let source: FileSource | null = null;
  try {
    source = await fileSource(path);
    const archive = await openZip(source, DEFAULT_ZIP_LIMITS, NODE_ZIP_HOOKS);
    const whole = new Map<string, Uint8Array>();
    for (const [name, cap] of Object.entries(READ_CAPS)) {
      const bytes = await readWhole(archive, name, cap);
      if (bytes) whole.set(name, bytes);
    }
    if (whole.has(DISCLOSURE_FILES.item) && !whole.has(EXPORT_FILES.manifest)) {
      // A single item travels with its one file at most; with more, which one was checked would be unclear.
      const files = archive.files.filter((e) => e.name.startsWith(`${DISCLOSURE_FILES.filesDir}/`));
      if (files.length > 1) throw new UsageError(`${path} holds ${files.length} files under ${DISCLOSURE_FILES.filesDir}/; a single exported item holds at most one.`);
      for (const entry of files) whole.set(entry.name, (await readWhole(archive, entry.name, READ_LIMITS.pdf)) as Uint8Array);
    }
    const opened = source;
    const decoder = new TextDecoder();
    return {
      bytes: (name) => whole.get(name) ?? null,
      text: (name) => {
        const bytes = whole.get(name);
        return bytes ? decoder.decode(bytes) : null;
      },
      hashOfFile: async (hash) => {
        const entry = archive.find(`${EXPORT_FILES.filesDir}/${hash}`);
        if (!entry || entry.directory) return null;
        const digest = createHash('sha256');
        for await (const chunk of archive.chunks(entry)) digest.update(chunk);
        return digest.digest('hex');
      },
      close: () => opened.close(),
    };
  } catch (error) {
    await source?.close();
    // Two names for one file, or headers that contradict each other: a verdict (exit 1), not unusable input.
    const ambiguity = error instanceof ZipRefusedError ? findAmbiguity(error.detail) : null;
    if (ambiguity) throw new AmbiguousError(ambiguity);
    if (error instanceof ZipRefusedError || error instanceof FileTooLargeError) throw new UsageError(`${path} cannot be used: ${error.message}.`);
    throw error;
  }
}
