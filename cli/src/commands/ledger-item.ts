// `mw ledger verify PATH` on a single disclosed item (item.json beside certificates.pem, from the
// evidence tab's "export item"): the checkpoint's signature, the inclusion proof tying the item to
// it, and the item's file when it is included.
import { createHash } from 'node:crypto';
import { DISCLOSURE_FILES, verifyDisclosure, type DisclosureReport } from '../../../shared/ledger/disclosure';
import type { SignatureVerifier } from '../../../shared/ledger/checkpoint';
import { json, UsageError, type Io } from '../io';
import { AmbiguousError, parseUnambiguousJson } from '../../../shared/integrity/ambiguity';

export interface ItemSource {
  text(name: string): string | null;
  bytes(name: string): Uint8Array | null;
}

function describeItem(report: DisclosureReport, path: string): string {
  const entry = report.entry;
  const what = entry ? `item ${entry.seq + 1} “${entry.title}” of case ${entry.caseId}` : 'the item';
  if (report.ok) {
    const file = report.file === 'ok' ? '; its file matches' : report.file === 'not_checked' ? '; no file included' : '';
    return `${path}: VALID — ${what} is entry ${entry?.seq} of the institution's signed checkpoint${file}.\n`;
  }
  return `${path}: NOT VALID — ${what}: ${report.problems.join(' ')}\n`;
}

export async function verifyItemExport(source: ItemSource, path: string, verifySignature: SignatureVerifier, asJson: boolean, io: Io): Promise<number> {
  const text = source.text(DISCLOSURE_FILES.item);
  if (text === null) throw new UsageError(`${DISCLOSURE_FILES.item} is missing.`);
  let raw: unknown;
  try {
    raw = parseUnambiguousJson(text, DISCLOSURE_FILES.item);
  } catch (error) {
    if (error instanceof AmbiguousError) throw error;
    throw new UsageError(`${DISCLOSURE_FILES.item} is not valid JSON: the export is damaged.`);
  }
  const report = await verifyDisclosure(raw, verifySignature, async (entry) => {
    const bytes = source.bytes(`${DISCLOSURE_FILES.filesDir}/${entry.contentSha256}`);
    if (!bytes) return 'missing';
    return createHash('sha256').update(bytes).digest('hex') === entry.contentSha256 ? 'ok' : 'mismatch';
  });
  // A disclosure may leave its file out; only a file that is there and differs is a failure.
  if (report.file === 'missing') report.file = 'not_checked';
  if (asJson) io.out(json({ ...report, path }));
  else (report.ok ? io.out : io.err)(describeItem(report, path));
  return report.ok ? 0 : 1;
}
