// `mw package verify FILE [--json] [--institution CERT.pem] [--received DATE] [--extract DIR]`: the
// court clerk's verification of a judicial-confirmation package, headless, with the same code the
// app uses (shared/confirmation/zip-package.ts over the hardened zip reader), reading the file with
// positioned reads and hashing with Node's native SHA-256 and zlib.
// Exit 0 valid, 1 a check failed (naming it), 2 unusable input (not a zip, truncated, hostile entries).
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { pemCertificates } from '../../../shared/confirmation/cms';
import { PackageUnusableError, type PackageReport } from '../../../shared/confirmation/verify';
import { verifyZipPackage } from '../../../shared/confirmation/zip-package';
import { ZipRefusedError } from '../../../shared/archive';
import { INSTITUTION_TIME_ZONE, isIsoDate, todayIn } from '../../../shared/domain/deadlines';
import { json, parse, UsageError, type Io } from '../io';
import { folderTarget } from '../package/extract';
import { fileSource, NODE_ZIP_HOOKS } from '../package/zip-source';

/** Every PEM certificate in the file, each readable by forge and by Node (X509Certificate); UsageError otherwise. */
export function trustedPems(path: string): string[] {
  if (!existsSync(path) || statSync(path).isDirectory()) throw new UsageError(`${path} is not a certificate file.`);
  if (statSync(path).size > 1024 * 1024) throw new UsageError(`${path} is too large to be a certificate file.`);
  const text = readFileSync(path, 'utf8');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new UsageError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  try {
    for (const block of blocks) {
      pemCertificates(block);
      new X509Certificate(block);
    }
  } catch {
    throw new UsageError(`${path} holds a certificate that cannot be read.`);
  }
  return blocks;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function describe(report: PackageReport, path: string, pinnedTo: string | undefined): string {
  const lines: string[] = [];
  const s = report.summary;
  const what = s ? `package ${s.packageId}, case ${s.caseNumber}, ${s.files} files (${size(s.bytes)}), for ${s.court.name}` : 'package';
  if (report.ok) {
    const pinned = report.summary?.institution.pinned === true;
    // Without a trusted certificate the package is only consistent: anyone can make a package that
    // signs itself. Say so on the first line, where a clerk looks.
    lines.push(pinned ? `${path}: VALID — ${what}; every layer checked.` : `${path}: CONSISTENT, institution NOT AUTHENTICATED — ${what}; every layer checks out against the package's own certificate. Pass --institution CERT.pem (the institution's certificate as the court holds it) to authenticate it.`);
  }
  else {
    const first = report.checks.find((c) => !c.ok);
    lines.push(`${path}: NOT VALID — ${first?.id ?? ''}: ${first?.message ?? ''}`);
    if (report.failed.length > 1) lines.push(`  failed checks: ${report.failed.join(', ')}`);
  }
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) lines.push(`  ${c.ok ? 'ok    ' : 'FAILED'}  ${c.id.padEnd(width)}  ${c.message}`);
  if (s?.institution.fingerprint256) {
    const trust =
      s.institution.pinned === null
        ? "not checked against a trusted certificate (pass --institution CERT.pem); compare the fingerprint with the institution's published one"
        : s.institution.pinned
          ? `matches the trusted certificate in ${pinnedTo ?? ''}`
          : `does NOT match the trusted certificate in ${pinnedTo ?? ''}`;
    lines.push(`  institution: ${s.institution.subject ?? s.institution.name} (SHA-256 fingerprint ${s.institution.fingerprint256}) — ${trust}.`);
  }
  return `${lines.join('\n')}\n`;
}

async function runVerify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, institution: { type: 'string' }, received: { type: 'string' }, extract: { type: 'string' } }, true);
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError('name one package: mw package verify FILE.zip [--institution CERT.pem] [--received YYYY-MM-DD] [--extract DIR] [--json]');
  if (!existsSync(path)) throw new UsageError(`${path} does not exist.`);
  if (statSync(path).isDirectory()) throw new UsageError(`${path} is a folder; name the package's .zip file.`);
  if (!statSync(path).isFile()) throw new UsageError(`${path} is not a regular file.`);
  const trusted = values.institution !== undefined ? trustedPems(values.institution) : undefined;
  const receivedOn = values.received ?? todayIn(INSTITUTION_TIME_ZONE, new Date());
  if (!isIsoDate(receivedOn)) throw new UsageError(`--received ${receivedOn} is not a date (YYYY-MM-DD).`);
  if (values.extract !== undefined && existsSync(values.extract)) throw new UsageError(`${values.extract} already exists; name a new folder to extract into.`);

  // Files are extracted beside the target first and kept only when the package verifies: a clerk
  // never finds half a package, or a failed one, where they asked for it.
  const staging = values.extract !== undefined ? `${values.extract}.partial-${randomBytes(4).toString('hex')}` : undefined;
  const discard = () => staging !== undefined && rmSync(staging, { recursive: true, force: true });
  const source = await fileSource(path);
  let report: PackageReport;
  try {
    const extractTo = staging !== undefined ? await folderTarget(staging) : undefined;
    report = await verifyZipPackage(source, { receivedOn, hooks: NODE_ZIP_HOOKS, ...(extractTo ? { extractTo } : {}), ...(trusted ? { trustedInstitutionPems: trusted } : {}) });
  } catch (error) {
    discard();
    if (error instanceof ZipRefusedError || error instanceof PackageUnusableError) throw new UsageError(`${path} cannot be used: ${error.message}.`);
    throw error;
  } finally {
    await source.close();
  }
  if (staging !== undefined && values.extract !== undefined) {
    if (report.ok) renameSync(staging, values.extract);
    else discard();
  }
  if (values.json) io.out(json({ path, receivedOn, ...report }));
  else (report.ok ? io.out : io.err)(describe(report, path, values.institution) + (values.extract !== undefined && !report.ok ? `The files were not kept in ${values.extract}: --extract keeps only a package that verifies.\n` : ''));
  return report.ok ? 0 : 1;
}

export async function runPackage(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return runVerify(rest, io);
  throw new UsageError(`unknown package command "${sub ?? ''}"; try: mw package verify FILE.zip [--institution CERT.pem] [--json]`);
}
