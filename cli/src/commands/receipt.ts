// `mw receipt verify RECEIPT.json --p7s RECEIPT.p7s [--court CERT.pem] [--package FILE.zip |
// --package-sha256 HEX] [--ruling RULING.pdf] [--json]`: the center's check of a court's signed
// receipt before the case moves to confirmed or rejected (shared/confirmation/court/receipt.ts).
// Exit 0 valid, 1 a check failed (each named), 2 unusable input.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { REJECTION_GROUNDS } from '../../../shared/confirmation/court/ruling';
import { verifyReceipt } from '../../../shared/confirmation/court/receipt';
import { json, parse, UsageError, type Io } from '../io';
import { trustedPems } from './package';

const USAGE = 'mw receipt verify RECEIPT.json --p7s RECEIPT.p7s [--court CERT.pem] [--package FILE.zip | --package-sha256 HEX] [--ruling RULING.pdf] [--json]';

function readSmall(path: string, what: string, limit: number): Uint8Array {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${what} ${path} is not a file.`);
  if (statSync(path).size > limit) throw new UsageError(`${what} ${path} is larger than ${limit / 1024 / 1024} MiB.`);
  return new Uint8Array(readFileSync(path));
}

async function sha256Of(path: string): Promise<string> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`--package ${path} is not a file.`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function runVerify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { p7s: { type: 'string' }, court: { type: 'string' }, package: { type: 'string' }, 'package-sha256': { type: 'string' }, ruling: { type: 'string' }, json: { type: 'boolean' } }, true);
  const [path] = positionals;
  if (!path || positionals.length > 1 || values.p7s === undefined) throw new UsageError(`name the receipt and its signature: ${USAGE}`);
  if (values.package !== undefined && values['package-sha256'] !== undefined) throw new UsageError('give --package or --package-sha256, not both.');
  if (values['package-sha256'] !== undefined && !/^[0-9a-fA-F]{64}$/.test(values['package-sha256'])) throw new UsageError('--package-sha256 must be 64 hex digits.');
  const receiptJson = readSmall(path, 'the receipt', 1024 * 1024);
  const p7s = readSmall(values.p7s, '--p7s', 1024 * 1024);
  const ruling = values.ruling !== undefined ? readSmall(values.ruling, '--ruling', 64 * 1024 * 1024) : null;
  const trusted = values.court !== undefined ? trustedPems(values.court) : undefined;
  const packageSha256 = values.package !== undefined ? await sha256Of(values.package) : (values['package-sha256']?.toLowerCase() ?? null);
  const report = verifyReceipt(receiptJson, p7s, ruling, { packageSha256, ...(trusted ? { trustedCourtPems: trusted } : {}) });
  if (values.json) {
    io.out(json({ path, ...report }));
    return report.ok ? 0 : 1;
  }
  const r = report.receipt;
  const what = r ? `${r.court.name} ${r.docketNumber}: ${r.ruling.outcome === 'confirmed' ? '确认有效 (confirmed)' : `驳回 (rejected: ${r.ruling.grounds.map((g) => REJECTION_GROUNDS[g]).join('；')})`} on ${r.ruling.decidedOn}, package ${r.packageId}` : 'receipt';
  const lines: string[] = [];
  if (report.ok) {
    const caveats = [report.authenticated === null ? 'signer NOT AUTHENTICATED (pass --court CERT.pem)' : null, report.packageChecked ? null : 'package NOT COMPARED (pass --package FILE.zip)', ruling ? null : 'ruling PDF not checked (pass --ruling FILE.pdf)'].filter((c) => c !== null);
    lines.push(`${path}: ${caveats.length === 0 ? 'VALID' : `CONSISTENT, ${caveats.join('; ')}`} — ${what}; signed by ${report.signerName ?? ''}.`);
  } else {
    lines.push(`${path}: NOT VALID — ${what}`);
    for (const p of report.problems) lines.push(`  FAILED  ${p.code}  ${p.message}`);
  }
  (report.ok ? io.out : io.err)(`${lines.join('\n')}\n`);
  return report.ok ? 0 : 1;
}

export async function runReceipt(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return runVerify(rest, io);
  throw new UsageError(`unknown receipt command "${sub ?? ''}"; try: ${USAGE}`);
}
