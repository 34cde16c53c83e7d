// `mw ledger verify PATH [--json]`: verifies an exported evidence ledger (a folder or a zip) with
// the same code the app uses (shared/ledger). Exit 0 valid, 1 a check failed (saying which entry
// and why), 2 unusable input.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { SignatureVerifier } from '../../../shared/ledger/checkpoint';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import { EXPORT_FILES, ledgerManifestSchema, readEntriesFile, UnreadableExportError } from '../../../shared/ledger/export';
import { verifyLedger, type LedgerReport, type VerifyInput } from '../../../shared/ledger/verify';
import { DISCLOSURE_FILES } from '../../../shared/ledger/disclosure';
import { json, parse, UsageError, type Io } from '../io';
import { verifyItemExport } from './ledger-item';
import { examineEntriesFile, type ExamineOptions } from '../ledger-worker/examine';

const MAX_ZIP_BYTES = 2 * 1024 ** 3;

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

function zipSource(file: string): ExportSource {
  if (statSync(file).size > MAX_ZIP_BYTES) throw new UsageError(`${file} is larger than 2 GiB; export the ledger as a folder instead.`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(readFileSync(file)));
  } catch (error) {
    throw new UsageError(`${file} is not a readable zip (${(error as Error).message}).`);
  }
  const decoder = new TextDecoder();
  return {
    bytes: (name) => files[name] ?? null,
    text: (name) => (files[name] ? decoder.decode(files[name]) : null),
    hashOfFile: async (hash) => {
      const bytes = files[`${EXPORT_FILES.filesDir}/${hash}`];
      return bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    },
  };
}

function readJson(source: ExportSource, name: string, required: boolean): unknown {
  const text = source.text(name);
  if (text === null) {
    if (required) throw new UsageError(`${name} is missing: this is not a complete ledger export.`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
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

function describe(report: LedgerReport, path: string, signer: Certificate | undefined): string {
  const lines: string[] = [];
  const total = report.entries.length;
  if (report.ok) {
    lines.push(`${path}: VALID — case ${report.caseId}, ${total} entries, ${report.checkpoints.length} signed checkpoints; every link, proof and signature checked.`);
  } else {
    const first = report.firstProblem;
    lines.push(`${path}: NOT VALID — ${first?.seq !== null && first?.seq !== undefined ? `first problem at entry ${first.seq}: ` : ''}${first?.detail ?? ''}`);
    for (const p of report.problems.slice(1, 10)) lines.push(`  also: ${p.detail}`);
    if (report.problems.length > 10) lines.push(`  … and ${report.problems.length - 10} more.`);
  }
  const files = report.entries.filter((e) => e.file !== 'not_checked').length;
  lines.push(`  files checked: ${files}; entries covered by a valid checkpoint: ${report.entries.filter((e) => e.coveredBy !== null).length}/${total}.`);
  if (signer) lines.push(`  signed by: ${signer.subject} (SHA-256 fingerprint ${signer.fingerprint256}); compare it with the institution's published fingerprint.`);
  return `${lines.join('\n')}\n`;
}

/** An export's files as `mw ledger verify` has read them. */
export interface ExportedLedger extends Pick<VerifyInput, 'checkpoints' | 'verifySignature' | 'checkFile'> {
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
      throw error instanceof UnreadableExportError ? error : new UnreadableExportError((error as Error).message);
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
    ...(ledger.checkFile ? { checkFile: ledger.checkFile } : {}),
  });
}

async function runVerify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError('name one exported ledger: mw ledger verify PATH (a folder or a .zip)');
  if (!existsSync(path)) throw new UsageError(`${path} does not exist.`);
  const source = statSync(path).isDirectory() ? folderSource(path) : zipSource(path);
  if (source.text(DISCLOSURE_FILES.item) !== null && source.text(EXPORT_FILES.manifest) === null) {
    const itemPem = source.text(DISCLOSURE_FILES.certificates);
    if (itemPem === null) throw new UsageError(`${DISCLOSURE_FILES.certificates} is missing: the signature cannot be checked.`);
    return verifyItemExport(source, path, verifierFor(certificatesOf(itemPem)), values.json === true, io);
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
      verifySignature: verifierFor(certificates),
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
  const keyIds = Array.isArray(checkpoints) ? checkpoints.map((c) => (c as { keyId?: unknown }).keyId) : [];
  const signer = certificates.find((c) => keyIds.includes(c.keyId));
  if (values.json) {
    io.out(json({ ...report, path, signer: signer ? { subject: signer.subject, fingerprint256: signer.fingerprint256 } : null }));
  } else {
    (report.ok ? io.out : io.err)(describe(report, path, signer));
  }
  return report.ok ? 0 : 1;
}

export async function runLedger(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return runVerify(rest, io);
  throw new UsageError(`unknown ledger command "${sub ?? ''}"; try: mw ledger verify PATH [--json]`);
}
