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
import { verifyLedger, type LedgerReport, type Problem, type ProblemCode } from '../ledger/verify';
import { checkResult, detail, type CheckDetail, type CheckKey, type CheckResult } from './check-detail';
import { rsaVerifySha256 } from '../pkix/rsa';
import type { Certificate } from './cms';
import type { Manifest, PackageFile } from './manifest';
import { parseJson, READ_LIMITS, readCapped, type PackageReader } from './package-reader';
import { AmbiguousError } from '../integrity/ambiguity';

const LEDGER_PATHS = { manifest: 'ledger/ledger.json', entries: 'ledger/entries.json', checkpoints: 'ledger/checkpoints.json', proofs: 'ledger/proofs.json' } as const;
/** Files the ledger must have recorded: the court relies on their history. */
const RECORDED_ROLES: readonly PackageFile['role'][] = ['agreement', 'evidence', 'property'];

/** What kind of finding of the ledger verifier it is; its own sentence names the entries. */
const LEDGER_PROBLEM_KEYS: Readonly<Record<ProblemCode, CheckKey>> = {
  'entry.invalid': 'ledger_problem.entry_invalid',
  'entry.sequence': 'ledger_problem.entry_sequence',
  'entry.case': 'ledger_problem.entry_case',
  'entry.reference': 'ledger_problem.entry_reference',
  'entry.changed': 'ledger_problem.entry_changed',
  'chain.broken': 'ledger_problem.chain_broken',
  'file.mismatch': 'ledger_problem.file_mismatch',
  'file.missing': 'ledger_problem.file_missing',
  'checkpoint.invalid': 'ledger_problem.checkpoint_invalid',
  'checkpoint.case': 'ledger_problem.checkpoint_case',
  'checkpoint.size': 'ledger_problem.checkpoint_size',
  'checkpoint.signature': 'ledger_problem.checkpoint_signature',
  'checkpoint.root': 'ledger_problem.checkpoint_root',
  'checkpoint.order': 'ledger_problem.checkpoint_order',
  'checkpoint.uncovered': 'ledger_problem.checkpoint_uncovered',
  'proof.invalid': 'ledger_problem.proof_invalid',
};

const ledgerProblem = (p: Problem): CheckDetail => detail(LEDGER_PROBLEM_KEYS[p.code], { detail: p.detail, ...p.params });

function checkpointVerifier(institution: Certificate): SignatureVerifier {
  return async (data, signatureBase64, keyId) =>
    keyId === institution.sha256 && rsaVerifySha256(institution.key, sha256Bytes(data), forge.util.binary.raw.decode(forge.util.decode64(signatureBase64)));
}

/** ledger.case, ledger.chain, ledger.checkpoint and ledger.inclusion; `institution` is the certificate the checkpoints must be signed with. */
export async function ledgerChecks(reader: PackageReader, manifest: Manifest, institution: Certificate | null): Promise<CheckResult[]> {
  const ids = ['ledger.case', 'ledger.chain', 'ledger.checkpoint', 'ledger.inclusion'];
  const allFail = (d: CheckDetail) => ids.map((id) => checkResult(id, false, d));
  const limits = { manifest: READ_LIMITS.ledgerSmall, entries: READ_LIMITS.ledgerEntries, checkpoints: READ_LIMITS.ledgerSmall, proofs: READ_LIMITS.ledgerProofs };
  const raw: Partial<Record<keyof typeof LEDGER_PATHS, Uint8Array>> = {};
  for (const key of Object.keys(LEDGER_PATHS) as (keyof typeof LEDGER_PATHS)[]) {
    const { bytes, tooLarge } = await readCapped(reader, LEDGER_PATHS[key], limits[key]);
    const file = LEDGER_PATHS[key];
    if (!bytes) return allFail(tooLarge ? detail('ledger.file_too_large', { file, mib: limits[key] / 1024 / 1024 }) : detail('ledger.file_missing', { file }));
    raw[key] = bytes;
  }
  if (!institution) return allFail(detail('ledger.no_institution'));
  const manifestJson = parseJson(raw.manifest as Uint8Array, LEDGER_PATHS.manifest);
  const ledgerManifest = manifestJson.ok ? ledgerManifestSchema.safeParse(manifestJson.value) : null;
  const checkpoints = parseJson(raw.checkpoints as Uint8Array, LEDGER_PATHS.checkpoints);
  const proofs = parseJson(raw.proofs as Uint8Array, LEDGER_PATHS.proofs);
  const ambiguity = [manifestJson, checkpoints, proofs].map((parsed) => (parsed.ok ? undefined : parsed.ambiguity)).find((found) => found !== undefined);
  if (ambiguity) return allFail(ambiguity);
  if (!ledgerManifest?.success || !checkpoints.ok || !proofs.ok) return allFail(detail('ledger.invalid_json'));

  const caseId = manifest.case.caseId;
  let read: ReturnType<typeof readEntriesFile>;
  try {
    read = readEntriesFile(raw.entries as Uint8Array);
  } catch (error) {
    if (error instanceof AmbiguousError) return allFail(error.detail);
    return allFail(detail('ledger.entries_unreadable', { reason: (error as Error).message }));
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
  const caseCheck =
    otherCases.size === 0
      ? checkResult('ledger.case', true, detail('ledger.case_ok', { caseId }))
      : checkResult('ledger.case', false, detail('ledger.other_case', { others: [...otherCases].slice(0, 3).join(', '), caseId }));

  // Coverage is ledger.checkpoint's to judge (below), so ledger.chain speaks of the links alone.
  const report: LedgerReport = await verifyLedger({ caseId, entries, entryBytes: read.lineBytes, checkpoints: checkpoints.value, proofs: proofs.value, verifySignature: checkpointVerifier(institution), coverage: 'pending' });
  const count = report.entries.length;
  const broken = report.firstProblem ? ledgerProblem(report.firstProblem) : detail('ledger.count_mismatch', { announced: ledgerManifest.data.entries, held: count });
  const chainCheck =
    report.ok && count === ledgerManifest.data.entries
      ? checkResult('ledger.chain', true, detail('ledger.chain_ok', { entries: count }))
      : checkResult('ledger.chain', false, detail('ledger.chain_broken', {}, [broken]));

  const valid = report.checkpoints.filter((c) => c.signature && c.root && c.treeSize !== null);
  const covered = Math.max(0, ...valid.map((c) => c.treeSize as number));
  const checkpointCheck =
    count > 0 && covered === count
      ? checkResult('ledger.checkpoint', true, detail('ledger.checkpoint_ok', { entries: count }))
      : checkResult('ledger.checkpoint', false, valid.length === 0 ? detail('ledger.no_valid_checkpoint') : detail('ledger.checkpoint_partial', { covered, entries: count }));

  return [caseCheck, chainCheck, checkpointCheck, inclusionCheck(manifest, entries, read.lineBytes, proofs.value, checkpoints.value, report)];
}

function inclusionCheck(manifest: Manifest, rawEntries: readonly unknown[], lineBytes: readonly Uint8Array[] | null, rawProofs: unknown, rawCheckpoints: unknown, report: LedgerReport): CheckResult {
  const id = 'ledger.inclusion';
  const proofs = ledgerProofsSchema.safeParse(rawProofs);
  if (!proofs.success) return checkResult(id, false, detail('ledger.proofs_invalid'));
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
  const problems: CheckDetail[] = [];
  let proven = 0;
  for (const file of manifest.files) {
    if (file.ledgerSeq === undefined) {
      if (RECORDED_ROLES.includes(file.role)) problems.push(detail('inclusion.not_recorded', { path: file.path }));
      continue;
    }
    const seq = file.ledgerSeq;
    const entry = seq < rawEntries.length ? entryAt(seq) : null;
    if (!entry) {
      problems.push(detail('inclusion.no_entry', { path: file.path, seq }));
      continue;
    }
    if (entry.contentSha256 !== file.sha256 || entry.size !== file.size) {
      problems.push(detail('inclusion.other_file', { path: file.path, seq }));
      continue;
    }
    const by = withdrawn.get(seq);
    if (by !== undefined) problems.push(detail('inclusion.withdrawn', { path: file.path, by }));
    const proof = proofs.data.inclusion.find((p) => p.seq === seq);
    const root = proof ? roots.get(proof.treeSize) : undefined;
    const leaf = leafHash(lineBytes?.[seq] ?? entryBytes(entry));
    if (!proof || !root) {
      problems.push(detail('inclusion.no_proof', { path: file.path }));
      continue;
    }
    if (bytesToHex(leaf) !== proof.leafHash || !verifyInclusion(leaf, seq, proof.treeSize, proof.path.map(hexToBytes), hexToBytes(root))) {
      problems.push(detail('inclusion.proof_fails', { path: file.path, seq }));
      continue;
    }
    proven++;
  }
  return problems.length === 0 ? checkResult(id, true, detail('ledger.inclusion_ok', { files: proven })) : checkResult(id, false, detail('ledger.inclusion_failed', {}, problems));
}

