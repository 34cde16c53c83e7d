// Selective disclosure (issue 3 item 7): one item of a case's ledger with the inclusion proof that
// ties it to a signed checkpoint, so its recipient can check it without seeing the other items.
//   item.json          { format, entry (its canonical JSON text), checkpoint, proof }
//   certificates.pem   the signing certificate and its chain
//   files/<sha256>     the item's file (optional)
import { z } from 'zod';
import { checkpointBytes, signedCheckpointSchema, type SignatureVerifier, type SignedCheckpoint } from './checkpoint';
import { ledgerEntrySchema, sealEntry, type LedgerEntry } from './entry';
import { bytesToHex, hexToBytes, leafHash, utf8ToBytes } from './hash';
import type { MerkleTree } from './merkle';
import { verifyInclusion } from './merkle';
import { inclusionProofOf, inclusionProofSchema, type InclusionProof } from './proofs';
import type { CheckDetail } from '../confirmation/check-detail';
import { AmbiguousError, parseUnambiguousJson } from '../integrity/ambiguity';

export const DISCLOSURE_FORMAT = 'mw-ledger-item/1';
export const DISCLOSURE_FILES = { item: 'item.json', certificates: 'certificates.pem', filesDir: 'files' } as const;

export const disclosureSchema = z.strictObject({
  format: z.literal(DISCLOSURE_FORMAT),
  /** The entry's canonical JSON text, exactly the bytes of its Merkle leaf. */
  entry: z.string().min(2).max(10_000),
  checkpoint: signedCheckpointSchema,
  proof: inclusionProofSchema,
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export function discloseItem(tree: MerkleTree, entry: LedgerEntry, checkpoint: SignedCheckpoint): Disclosure {
  if (entry.seq >= checkpoint.checkpoint.treeSize) throw new RangeError(`Entry ${entry.seq} is not covered by the checkpoint of size ${checkpoint.checkpoint.treeSize}; sign a new checkpoint first.`);
  return {
    format: DISCLOSURE_FORMAT,
    entry: new TextDecoder().decode(sealEntry(entry).bytes),
    checkpoint,
    proof: inclusionProofOf(tree, entry, checkpoint.checkpoint.treeSize),
  };
}

export function disclosureFiles(disclosure: Disclosure, certificatesPem: string, file?: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>([
    [DISCLOSURE_FILES.item, utf8ToBytes(`${JSON.stringify(disclosure, null, 2)}\n`)],
    [DISCLOSURE_FILES.certificates, utf8ToBytes(certificatesPem)],
  ]);
  const entry = JSON.parse(disclosure.entry) as LedgerEntry;
  if (file && entry.contentSha256) out.set(`${DISCLOSURE_FILES.filesDir}/${entry.contentSha256}`, file);
  return out;
}

export interface DisclosureReport {
  ok: boolean;
  entry: LedgerEntry | null;
  signature: boolean;
  included: boolean;
  file: 'ok' | 'mismatch' | 'missing' | 'not_checked';
  problems: string[];
  /** Set when the item's entry has a key twice (shared/integrity/ambiguity.ts): refused as ambiguous. */
  ambiguity?: CheckDetail;
}

/** Checks a disclosed item: its form, the checkpoint's signature, the proof, and the file if given. */
export async function verifyDisclosure(
  raw: unknown,
  verifySignature: SignatureVerifier,
  checkFile?: (entry: LedgerEntry) => Promise<'ok' | 'mismatch' | 'missing'>,
): Promise<DisclosureReport> {
  const report: DisclosureReport = { ok: false, entry: null, signature: false, included: false, file: 'not_checked', problems: [] };
  const parsed = disclosureSchema.safeParse(raw);
  if (!parsed.success) {
    report.problems.push(`${DISCLOSURE_FILES.item}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`.trim());
    return report;
  }
  const { entry: text, checkpoint, proof } = parsed.data;
  let entry: LedgerEntry | null = null;
  try {
    const checked = ledgerEntrySchema.safeParse(parseUnambiguousJson(text, `${DISCLOSURE_FILES.item} (its entry)`));
    if (checked.success) entry = checked.data;
    else report.problems.push(`The item is not a valid ledger entry (${checked.error.issues[0]?.path.join('.') ?? ''}: ${checked.error.issues[0]?.message ?? ''}).`);
  } catch (error) {
    if (error instanceof AmbiguousError) {
      report.ambiguity = error.detail;
      report.problems.push(`The item is ${error.message}.`);
    } else report.problems.push('The item is not valid JSON.');
  }
  report.entry = entry;
  report.signature = await verifySignature(checkpointBytes(checkpoint.checkpoint), checkpoint.signature, checkpoint.keyId).catch(() => false);
  if (!report.signature) report.problems.push("The checkpoint's signature is not valid for the institution's certificate.");
  const leaf = leafHash(utf8ToBytes(text));
  const proofHolds = (p: InclusionProof) =>
    p.seq < p.treeSize && verifyInclusion(leaf, p.seq, p.treeSize, p.path.map(hexToBytes), hexToBytes(checkpoint.checkpoint.rootHash));
  report.included = bytesToHex(leaf) === proof.leafHash && proof.treeSize === checkpoint.checkpoint.treeSize && entry !== null && proof.seq === entry.seq && proofHolds(proof);
  if (!report.included) report.problems.push(`The item is not the entry the checkpoint of size ${checkpoint.checkpoint.treeSize} commits to at its place: the item or its proof was changed.`);
  if (entry && entry.caseId !== checkpoint.checkpoint.caseId) report.problems.push(`The item belongs to case ${entry.caseId}, the checkpoint to ${checkpoint.checkpoint.caseId}.`);
  if (entry && entry.contentSha256 !== null && checkFile) {
    report.file = await checkFile(entry);
    if (report.file === 'mismatch') report.problems.push(`The file does not match the item's SHA-256: it was changed.`);
  }
  report.ok = report.problems.length === 0;
  return report;
}
