// The package's ledger/ folder, checked against the manifest: an `mw ledger verify` export of the
// case's entries whose checkpoint the institution signed, the case it belongs to, and the
// inclusion proof that ties each recorded file (the agreement, evidence, property proofs) to the
// signed root.
import forge from 'node-forge';
import type { SignatureVerifier } from '../ledger/checkpoint';
import { entryBytes, ledgerEntrySchema, type LedgerEntry } from '../ledger/entry';
import { ledgerManifestSchema, readEntriesFile } from '../ledger/export';
import { bytesToHex, hexToBytes, leafHash, sha256Bytes } from '../ledger/hash';
import { verifyInclusion } from '../ledger/merkle';
import { ledgerProofsSchema } from '../ledger/proofs';
import { verifyLedger, type LedgerReport } from '../ledger/verify';
import type { CheckResult } from './checklist';
import { rsaVerifySha256 } from '../pkix/rsa';
import type { Certificate } from './cms';
import type { Manifest, PackageFile } from './manifest';
import { listed, parseJson, READ_LIMITS, readCapped, type PackageReader } from './package-reader';

const LEDGER_PATHS = { manifest: 'ledger/ledger.json', entries: 'ledger/entries.json', checkpoints: 'ledger/checkpoints.json', proofs: 'ledger/proofs.json' } as const;
/** Files the ledger must have recorded: the court relies on their history. */
const RECORDED_ROLES: readonly PackageFile['role'][] = ['agreement', 'evidence', 'property'];

function checkpointVerifier(institution: Certificate): SignatureVerifier {
  return async (data, signatureBase64, keyId) =>
    keyId === institution.sha256 && rsaVerifySha256(institution.key, sha256Bytes(data), forge.util.binary.raw.decode(forge.util.decode64(signatureBase64)));
}

/** ledger.case, ledger.chain, ledger.checkpoint and ledger.inclusion; `institution` is the certificate the checkpoints must be signed with. */
export async function ledgerChecks(reader: PackageReader, manifest: Manifest, institution: Certificate | null): Promise<CheckResult[]> {
  const ids = ['ledger.case', 'ledger.chain', 'ledger.checkpoint', 'ledger.inclusion'];
  const allFail = (message: string) => ids.map((id) => ({ id, ok: false, message }));
  const limits = { manifest: READ_LIMITS.ledgerSmall, entries: READ_LIMITS.ledgerEntries, checkpoints: READ_LIMITS.ledgerSmall, proofs: READ_LIMITS.ledgerProofs };
  const raw: Partial<Record<keyof typeof LEDGER_PATHS, Uint8Array>> = {};
  for (const key of Object.keys(LEDGER_PATHS) as (keyof typeof LEDGER_PATHS)[]) {
    const { bytes, tooLarge } = await readCapped(reader, LEDGER_PATHS[key], limits[key]);
    if (!bytes) return allFail(`${LEDGER_PATHS[key]} is ${tooLarge ? `larger than ${limits[key] / 1024 / 1024} MiB` : 'missing'}: the ledger cannot be checked.`);
    raw[key] = bytes;
  }
  if (!institution) return allFail("The ledger's signatures cannot be checked without the institution's certificate.");
  const manifestJson = parseJson(raw.manifest as Uint8Array);
  const ledgerManifest = manifestJson.ok ? ledgerManifestSchema.safeParse(manifestJson.value) : null;
  const checkpoints = parseJson(raw.checkpoints as Uint8Array);
  const proofs = parseJson(raw.proofs as Uint8Array);
  if (!ledgerManifest?.success || !checkpoints.ok || !proofs.ok) return allFail('ledger.json, checkpoints.json or proofs.json is not valid: the ledger cannot be checked.');

  const caseId = manifest.case.caseId;
  let read: ReturnType<typeof readEntriesFile>;
  try {
    read = readEntriesFile(raw.entries as Uint8Array);
  } catch (error) {
    return allFail(`ledger/entries.json cannot be read (${(error as Error).message}).`);
  }
  const entries: unknown[] = Array.isArray(read.entries) ? read.entries : [];
  const otherCases = new Set<string>();
  if (ledgerManifest.data.caseId !== caseId) otherCases.add(ledgerManifest.data.caseId);
  for (const e of entries) {
    const id = (e as { caseId?: unknown } | null)?.caseId;
    if (typeof id === 'string' && id !== caseId) otherCases.add(id);
  }
  if (Array.isArray(checkpoints.value)) for (const c of checkpoints.value) {
    const id = (c as { checkpoint?: { caseId?: unknown } } | null)?.checkpoint?.caseId;
    if (typeof id === 'string' && id !== caseId) otherCases.add(id);
  }
  const caseCheck: CheckResult =
    otherCases.size === 0
      ? { id: 'ledger.case', ok: true, message: `The ledger is case ${caseId}'s, the case of the package.` }
      : { id: 'ledger.case', ok: false, message: `The ledger belongs to another case (${[...otherCases].slice(0, 3).join(', ')}), not to the package's case ${caseId}.` };

  const report: LedgerReport = await verifyLedger({ caseId, entries, entryBytes: read.lineBytes, checkpoints: checkpoints.value, proofs: proofs.value, verifySignature: checkpointVerifier(institution) });
  const count = report.entries.length;
  const chainCheck: CheckResult =
    report.ok && count === ledgerManifest.data.entries
      ? { id: 'ledger.chain', ok: true, message: `The ledger's ${count} entries are intact and linked; its checkpoint signatures and proofs hold.` }
      : { id: 'ledger.chain', ok: false, message: `The ledger: ${report.firstProblem?.detail ?? `ledger.json announces ${ledgerManifest.data.entries} entries, entries.json holds ${count}.`}` };

  const valid = report.checkpoints.filter((c) => c.signature && c.root && c.treeSize !== null);
  const covered = Math.max(0, ...valid.map((c) => c.treeSize as number));
  const checkpointCheck: CheckResult =
    count > 0 && covered === count
      ? { id: 'ledger.checkpoint', ok: true, message: `A checkpoint signed by the institution covers all ${count} entries.` }
      : { id: 'ledger.checkpoint', ok: false, message: valid.length === 0 ? 'No checkpoint of the ledger has a valid signature by the institution over its entries.' : `The signed checkpoint covers ${covered} of the ${count} entries.` };

  return [caseCheck, chainCheck, checkpointCheck, inclusionCheck(manifest, entries, read.lineBytes, proofs.value, checkpoints.value, report)];
}

function inclusionCheck(manifest: Manifest, rawEntries: readonly unknown[], lineBytes: readonly Uint8Array[] | null, rawProofs: unknown, rawCheckpoints: unknown, report: LedgerReport): CheckResult {
  const id = 'ledger.inclusion';
  const proofs = ledgerProofsSchema.safeParse(rawProofs);
  if (!proofs.success) return { id, ok: false, message: 'ledger/proofs.json is not a set of proofs.' };
  // Roots of the checkpoints that the institution validly signed, by tree size.
  const roots = new Map<number, string>();
  report.checkpoints.forEach((c, i) => {
    const root = (Array.isArray(rawCheckpoints) ? (rawCheckpoints[i] as { checkpoint?: { rootHash?: unknown } } | undefined) : undefined)?.checkpoint?.rootHash;
    if (c.signature && c.treeSize !== null && typeof root === 'string') roots.set(c.treeSize, root);
  });
  const withdrawn = new Map<number, number>();
  const entryAt = (seq: number): LedgerEntry | null => {
    const checked = ledgerEntrySchema.safeParse(rawEntries[seq]);
    return checked.success ? checked.data : null;
  };
  rawEntries.forEach((raw, i) => {
    const e = raw as { action?: unknown; refersTo?: unknown } | null;
    if (e?.action === 'withdraw' && typeof e.refersTo === 'number') withdrawn.set(e.refersTo, i);
  });
  const problems: string[] = [];
  let proven = 0;
  for (const file of manifest.files) {
    if (file.ledgerSeq === undefined) {
      if (RECORDED_ROLES.includes(file.role)) problems.push(`${file.path} is not recorded in the ledger`);
      continue;
    }
    const seq = file.ledgerSeq;
    const entry = seq < rawEntries.length ? entryAt(seq) : null;
    if (!entry) {
      problems.push(`${file.path} names ledger entry ${seq}, which the ledger does not hold`);
      continue;
    }
    if (entry.contentSha256 !== file.sha256 || entry.size !== file.size) {
      problems.push(`${file.path} is not the file ledger entry ${seq} recorded`);
      continue;
    }
    const by = withdrawn.get(seq);
    if (by !== undefined) problems.push(`${file.path} was withdrawn from the evidence by ledger entry ${by}`);
    const proof = proofs.data.inclusion.find((p) => p.seq === seq);
    const root = proof ? roots.get(proof.treeSize) : undefined;
    const leaf = leafHash(lineBytes?.[seq] ?? entryBytes(entry));
    if (!proof || !root) {
      problems.push(`${file.path} has no inclusion proof in a signed checkpoint`);
      continue;
    }
    if (bytesToHex(leaf) !== proof.leafHash || !verifyInclusion(leaf, seq, proof.treeSize, proof.path.map(hexToBytes), hexToBytes(root))) {
      problems.push(`the inclusion proof of ${file.path} (entry ${seq}) does not hold`);
      continue;
    }
    proven++;
  }
  return problems.length === 0
    ? { id, ok: true, message: `Each of the ${proven} files recorded in the ledger is proven to be in the signed checkpoint.` }
    : { id, ok: false, message: `${listed(problems)}.` };
}

