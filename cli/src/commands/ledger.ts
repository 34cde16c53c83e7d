// `mw ledger verify PATH [--institution CERT.pem] [--fingerprint SHA256] [--chain-only] [--json]`:
// verifies an exported evidence ledger (a folder or a zip) with the same code the app uses
// (shared/ledger). Every entry must be covered by a checkpoint the institution signed — only a
// signature authenticates the chain — unless --chain-only asks for the links alone; the pins name
// whose signature that must be. Exit 0 valid, 1 a check failed (saying which entry and why), 2
// unusable input.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SignatureVerifier } from '../../../shared/ledger/checkpoint';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { EXPORT_FILES, ledgerManifestSchema, readEntriesFile, UnreadableExportError } from '../../../shared/ledger/export';
import { verifyLedger, type LedgerReport, type VerifyInput } from '../../../shared/ledger/verify';
import { DISCLOSURE_FILES } from '../../../shared/ledger/disclosure';
import { json, parse, UsageError, type Io } from '../io';
import { verifyItemExport } from './ledger-item';
import { AmbiguousError, parseUnambiguousJson } from '../../../shared/integrity/ambiguity';
import { examineEntriesFile, type ExamineOptions } from '../ledger-worker/examine';
import { openZippedExport } from './ledger-zip';
import { signerPins, type SignerPins } from './ledger-trust';

/** The export's files, read from a folder (evidence files hashed as streams) or from a zip. */
interface ExportSource {
  bytes(name: string): Uint8Array | null;
  text(name: string): string | null;
  /** SHA-256 of files/<hash>, or null when the file is not there. */
  hashOfFile(hash: string): Promise<string | null>;
}

function folderSource(dir: string): ExportSource {
  return {
    bytes: (name) => (existsSync(join(dir, name)) ? new Uint8Array(readFileSync(join(dir, name))) : null),
    text: (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null),
    hashOfFile: (hash) =>
      new Promise((resolve, reject) => {
        const path = join(dir, EXPORT_FILES.filesDir, hash);
        if (!existsSync(path)) return resolve(null);
        const digest = createHash('sha256');
        createReadStream(path)
          .on('data', (chunk) => digest.update(chunk))
          .on('error', reject)
          .on('end', () => resolve(digest.digest('hex')));
      }),
  };
}

function readJson(source: ExportSource, name: string, required: boolean): unknown {
  const text = source.text(name);
  if (text === null) {
    if (required) throw new UsageError(`${name} is missing: this is not a complete ledger export.`);
    return undefined;
  }
  try {
    return parseUnambiguousJson(text, name);
  } catch (error) {
    if (error instanceof AmbiguousError) throw error;
    throw new UsageError(`${name} is not valid JSON: the export is damaged.`);
  }
}

interface Certificate {
  keyId: string;
  subject: string;
  fingerprint256: string;
  cert: X509Certificate;
}

function certificatesOf(pem: string): Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      throw new UsageError(`${EXPORT_FILES.certificates} holds a certificate that cannot be read.`);
    }
    return { keyId: createHash('sha256').update(cert.raw).digest('hex'), subject: cert.subject.replace(/\n/g, ', '), fingerprint256: cert.fingerprint256, cert };
  });
}

function verifierFor(certificates: Certificate[]): SignatureVerifier {
  return async (data, signature, keyId) => {
    const found = certificates.find((c) => c.keyId === keyId);
    return found !== undefined && verify('sha256', data, found.cert.publicKey, Buffer.from(signature, 'base64'));
  };
}

/** Only the pinned certificates, from the export or the trusted file, may have signed a checkpoint. */
function pinnedCertificates(exported: Certificate[], pins: SignerPins | null): Certificate[] {
  if (!pins) return exported;
  const pool = [...exported, ...certificatesOf(pins.pems.join('\n'))];
  return pool.filter((c) => pins.fingerprints.has(c.keyId));
}

interface Trust {
  signer: Certificate | undefined;
  /** Whether every checkpoint's signer is pinned; null when nothing is pinned or nothing signed. */
  pinned: boolean | null;
  pins: SignerPins | null;
  chainOnly: boolean;
}

function describe(report: LedgerReport, path: string, trust: Trust): string {
  const { signer, pinned, pins, chainOnly } = trust;
  const lines: string[] = [];
  const total = report.entries.length;
  if (report.ok && report.awaitingCheckpoint > 0) {
    // --chain-only: say on the first line that the verdict is about the links, not about who wrote them.
    lines.push(
      `${path}: CHAIN INTACT, NOT AUTHENTICATED — case ${report.caseId}, ${total} entries, ${report.checkpoints.length} signed checkpoints; every link checked, but ${report.awaitingCheckpoint} entries (from entry ${total - report.awaitingCheckpoint}) are covered by no signed checkpoint: nothing authenticates the chain there, anyone could have rewritten and re-linked it.`,
    );
  } else if (report.ok) {
    lines.push(`${path}: VALID — case ${report.caseId}, ${total} entries, ${report.checkpoints.length} signed checkpoints; every link, proof and signature checked.`);
  } else {
    const first = report.firstProblem;
    lines.push(`${path}: NOT VALID — ${first?.seq !== null && first?.seq !== undefined ? `first problem at entry ${first.seq}: ` : ''}${first?.detail ?? ''}`);
    for (const p of report.problems.slice(1, 10)) lines.push(`  also: ${p.detail}`);
    if (report.problems.length > 10) lines.push(`  … and ${report.problems.length - 10} more.`);
  }
  const files = report.entries.filter((e) => e.file !== 'not_checked').length;
  lines.push(`  files checked: ${files}; entries covered by a valid checkpoint: ${report.entries.filter((e) => e.coveredBy !== null).length}/${total}.`);
  if (!report.ok && !chainOnly && report.problems.some((p) => p.code === 'checkpoint.uncovered')) {
    lines.push('  Have the institution sign a checkpoint over every entry and export again, or pass --chain-only to check the links alone (which authenticates nothing).');
  }
  if (signer) {
    const trusted =
      pinned === null
        ? "not pinned: compare it with the institution's published fingerprint, or pass --institution CERT.pem or --fingerprint SHA256"
        : pinned
          ? `matches ${pins?.source ?? ''}`
          : `does NOT match ${pins?.source ?? ''}`;
    lines.push(`  signed by: ${signer.subject} (SHA-256 fingerprint ${signer.fingerprint256}) — ${trusted}.`);
  } else if (pins && report.checkpoints.length > 0) {
    lines.push(`  signed by: a certificate that is not ${pins.source} and not in ${EXPORT_FILES.certificates}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** An export's files as `mw ledger verify` has read them. */
export interface ExportedLedger extends Pick<VerifyInput, 'checkpoints' | 'verifySignature' | 'checkFile' | 'coverage'> {
  caseId: string;
  entriesFile: Uint8Array;
  /** Read once the entries are (so an unreadable entries.json is reported first). */
  proofs: () => unknown;
}

/**
 * Verifies an export once read: the entries, on two threads when there are many of them (see
 * ../ledger-worker/examine.ts), else — and whenever entries.json is not exactly as exported — as
 * readEntriesFile and verifyLedger read it in one. Throws UnreadableExportError for an
 * entries.json that is not JSON. The benchmark measures this.
 */
export async function verifyExportedLedger(ledger: ExportedLedger, options: Partial<ExamineOptions> = {}): Promise<LedgerReport> {
  const examined = await examineEntriesFile(ledger.entriesFile, { caseId: ledger.caseId, keepEntries: ledger.checkFile !== undefined, ...options });
  let read: ReturnType<typeof readEntriesFile> | null = null;
  if (!examined) {
    try {
      read = readEntriesFile(ledger.entriesFile);
    } catch (error) {
      throw error instanceof UnreadableExportError || error instanceof AmbiguousError ? error : new UnreadableExportError((error as Error).message);
    }
  }
  return verifyLedger({
    caseId: ledger.caseId,
    entries: read?.entries ?? [],
    entryBytes: read?.lineBytes ?? null,
    examined,
    checkpoints: ledger.checkpoints,
    proofs: ledger.proofs(),
    verifySignature: ledger.verifySignature,
    ...(ledger.coverage ? { coverage: ledger.coverage } : {}),
    ...(ledger.checkFile ? { checkFile: ledger.checkFile } : {}),
  });
}

const USAGE = 'mw ledger verify PATH (a folder or a .zip) [--institution CERT.pem] [--fingerprint SHA256] [--chain-only] [--json]';

async function runVerify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    args,
    { json: { type: 'boolean' }, institution: { type: 'string' }, fingerprint: { type: 'string' }, 'chain-only': { type: 'boolean' } },
    true,
  );
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError(`name one exported ledger: ${USAGE}`);
  if (!existsSync(path)) throw new UsageError(`${path} does not exist.`);
  const pins = signerPins(values);
  if (statSync(path).isDirectory()) return verifySource(folderSource(path), path, pins, values, io);
  const zipped = await openZippedExport(path);
  try {
    return await verifySource(zipped, path, pins, values, io);
  } finally {
    await zipped.close();
  }
}

async function verifySource(source: ExportSource, path: string, pins: SignerPins | null, values: { json?: boolean | undefined; 'chain-only'?: boolean | undefined }, io: Io): Promise<number> {
  const chainOnly = values['chain-only'] === true;
  if (source.text(DISCLOSURE_FILES.item) !== null && source.text(EXPORT_FILES.manifest) === null) {
    const itemPem = source.text(DISCLOSURE_FILES.certificates);
    if (itemPem === null) throw new UsageError(`${DISCLOSURE_FILES.certificates} is missing: the signature cannot be checked.`);
    return verifyItemExport(source, path, verifierFor(pinnedCertificates(certificatesOf(itemPem), pins)), values.json === true, io);
  }

  const manifest = ledgerManifestSchema.safeParse(readJson(source, EXPORT_FILES.manifest, true));
  if (!manifest.success) throw new UsageError(`${EXPORT_FILES.manifest} is not a ledger export description: ${manifest.error.issues[0]?.message ?? 'invalid'}.`);
  const pem = source.text(EXPORT_FILES.certificates);
  if (pem === null) throw new UsageError(`${EXPORT_FILES.certificates} is missing: the signatures cannot be checked.`);
  const certificates = certificatesOf(pem);
  if (certificates.length === 0) throw new UsageError(`${EXPORT_FILES.certificates} holds no certificate.`);

  const checkpoints = readJson(source, EXPORT_FILES.checkpoints, true);
  const entriesFile = source.bytes(EXPORT_FILES.entries);
  if (entriesFile === null) throw new UsageError(`${EXPORT_FILES.entries} is missing: this is not a complete ledger export.`);
  let report: LedgerReport;
  try {
    report = await verifyExportedLedger({
      caseId: manifest.data.caseId,
      entriesFile,
      checkpoints,
      proofs: () => readJson(source, EXPORT_FILES.proofs, false),
      verifySignature: verifierFor(pinnedCertificates(certificates, pins)),
      coverage: chainOnly ? 'pending' : 'required',
      ...(manifest.data.withFiles
        ? {
            checkFile: async (entry: LedgerEntry) => {
              const hash = await source.hashOfFile(entry.contentSha256 as string);
              return hash === null ? 'missing' : hash === entry.contentSha256 ? 'ok' : 'mismatch';
            },
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof UnreadableExportError) throw new UsageError(error.message);
    throw error;
  }
  if (report.entries.length !== manifest.data.entries) {
    report.problems.push({ code: 'entry.sequence', seq: null, detail: `${EXPORT_FILES.manifest} announces ${manifest.data.entries} entries, ${EXPORT_FILES.entries} holds ${report.entries.length}.` });
    report.ok = false;
    report.firstProblem ??= report.problems[report.problems.length - 1] ?? null;
  }
  const keyIds = Array.isArray(checkpoints) ? checkpoints.map((c) => (c as { keyId?: unknown } | null)?.keyId) : [];
  const signer = certificates.find((c) => keyIds.includes(c.keyId));
  const pinned = pins && keyIds.length > 0 ? keyIds.every((k) => typeof k === 'string' && pins.fingerprints.has(k)) : null;
  if (values.json) {
    io.out(json({ ...report, path, chainOnly, pinned, signer: signer ? { subject: signer.subject, fingerprint256: signer.fingerprint256 } : null }));
  } else {
    (report.ok ? io.out : io.err)(describe(report, path, { signer, pinned, pins, chainOnly }));
  }
  return report.ok ? 0 : 1;
}

export async function runLedger(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return runVerify(rest, io);
  throw new UsageError(`unknown ledger command "${sub ?? ''}"; try: ${USAGE}`);
}
