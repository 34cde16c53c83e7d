// The exported form of one case's ledger (issue 3 item 7), as a folder or a zip with these names:
//   ledger.json        what this is: format, case, when, how many entries, whether files are in it
//   entries.json       the entries, in order
//   checkpoints.json   the signed checkpoints
//   proofs.json        inclusion proofs of every entry, consistency proofs between checkpoints
//   certificates.pem   the signing certificate and its chain
//   files/<sha256>     the evidence files, named by their SHA-256 (optional)
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { utf8ToBytes } from './hash';
import type { CaseLedger } from './ledger';

export const LEDGER_FORMAT = 'mw-ledger/1';
export const EXPORT_FILES = {
  manifest: 'ledger.json',
  entries: 'entries.json',
  checkpoints: 'checkpoints.json',
  proofs: 'proofs.json',
  certificates: 'certificates.pem',
  filesDir: 'files',
} as const;

export const ledgerManifestSchema = z.strictObject({
  format: z.literal(LEDGER_FORMAT),
  caseId: z.string().min(1),
  exportedAt: instantSchema,
  entries: z.number().int().nonnegative(),
  withFiles: z.boolean(),
});
export type LedgerManifest = z.infer<typeof ledgerManifestSchema>;

const pretty = (value: unknown) => utf8ToBytes(`${JSON.stringify(value, null, 2)}\n`);

/** Every file of the export by its path; `files` maps content SHA-256 to bytes when they are included. */
export function ledgerExportFiles(
  ledger: CaseLedger,
  certificatesPem: string,
  exportedAt: Date,
  files?: ReadonlyMap<string, Uint8Array>,
): Map<string, Uint8Array> {
  const manifest: LedgerManifest = {
    format: LEDGER_FORMAT,
    caseId: ledger.caseId,
    exportedAt: exportedAt.toISOString(),
    entries: ledger.entries.length,
    withFiles: files !== undefined,
  };
  const out = new Map<string, Uint8Array>([
    [EXPORT_FILES.manifest, pretty(manifest)],
    [EXPORT_FILES.entries, pretty(ledger.entries)],
    [EXPORT_FILES.checkpoints, pretty(ledger.checkpoints)],
    [EXPORT_FILES.proofs, pretty(ledger.proofs())],
    [EXPORT_FILES.certificates, utf8ToBytes(certificatesPem)],
  ]);
  if (files) {
    for (const entry of ledger.entries) {
      if (entry.contentSha256 === null) continue;
      const bytes = files.get(entry.contentSha256);
      if (bytes) out.set(`${EXPORT_FILES.filesDir}/${entry.contentSha256}`, bytes);
    }
  }
  return out;
}
