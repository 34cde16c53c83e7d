// `mw agreement verify FILE [--json] [--institution CERT.pem]`: checks the two PDF signatures of a
// signed mediation agreement (the mediator's, then the institution's over the whole file) with the
// same code the app uses (shared/agreement/pdf-signature/verify.ts). Exit 0 valid, 1 a check failed
// (naming it), 2 unusable input.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { verifyAgreementSignatures, type AgreementSignatureReport, type PdfSignatureReport } from '../../../shared/agreement/pdf-signature/verify';
import { json, parse, UsageError, type Io } from '../io';

/** Far above any agreement (they stay under 250 KB); a bigger file is not one and is not hashed. */
const MAX_PDF_BYTES = 64 * 1024 * 1024;

function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new UsageError(`${path} does not exist.`);
  const stat = statSync(path);
  if (stat.isDirectory()) throw new UsageError(`${path} is a folder; name the signed agreement's PDF file.`);
  if (stat.size > MAX_PDF_BYTES) throw new UsageError(`${path} is larger than ${MAX_PDF_BYTES / 1024 / 1024} MiB: not a mediation agreement.`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new UsageError(`${path} cannot be read (${(error as Error).message}).`);
  }
}

/** The certificates of a trusted institution's PEM file, refused if it holds none readable. */
function trustedPems(path: string): string[] {
  const text = new TextDecoder().decode(readInput(path));
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new UsageError(`${path} holds a certificate that cannot be read.`);
    }
  }
  if (blocks.length === 0) throw new UsageError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return blocks;
}

function yesNo(ok: boolean): string {
  return ok ? 'ok' : 'FAILED';
}

function describeSignature(s: PdfSignatureReport, role: string): string[] {
  const [a, b, c, d] = s.byteRange;
  const who = s.signerSubjectCommonName ? `${s.signerSubjectCommonName}${s.signerOrganization && s.signerOrganization !== s.signerSubjectCommonName ? ` (${s.signerOrganization})` : ''}` : 'unknown signer';
  const lines = [`  signature ${s.index + 1} (${role}): ${who}${s.signingTime ? `, signed ${s.signingTime}` : ''}${s.reason ? `, reason "${s.reason}"` : ''}`];
  if (s.issuerCommonName) lines.push(`    certificate issued by ${s.issuerCommonName}; SHA-256 fingerprint ${s.signerFingerprint256}`);
  lines.push(`    content digest ${yesNo(s.digestMatches)}, signature ${yesNo(s.signatureValid)}, certificate valid at signing ${yesNo(s.certificateValidAtSigning)}`);
  if (b > 0 && c > b) lines.push(`    covers bytes ${a}–${a + b - 1} and ${c}–${c + d - 1}${s.coversWholeFile ? ' (the whole file)' : ' (not the whole file)'}`);
  else lines.push('    no usable byte range');
  return lines;
}

function describe(report: AgreementSignatureReport, path: string, pinnedTo: string | undefined): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(`${path}: VALID — signed by the mediator ${report.mediator?.signerSubjectCommonName ?? ''}, then by the institution ${report.institution?.signerSubjectCommonName ?? ''}; nothing changed since.`);
  } else {
    lines.push(`${path}: NOT VALID — ${report.problems[0]?.message ?? 'a check failed.'}`);
    for (const p of report.problems.slice(1, 10)) lines.push(`  also: ${p.message}`);
    if (report.problems.length > 10) lines.push(`  … and ${report.problems.length - 10} more.`);
  }
  report.signatures.forEach((s, i) => lines.push(...describeSignature(s, i === 0 ? 'mediator' : i === 1 ? 'institution' : 'extra')));
  if (report.signatures.length >= 2) {
    lines.push(`  chain: the mediator's certificate issued by the institution's — ${report.chainValid ? 'ok' : 'FAILED'}`);
  }
  if (report.institutionPinned === null) {
    lines.push("  institution: not checked against a trusted certificate (pass --institution CERT.pem); compare the fingerprint above with the institution's published one.");
  } else {
    lines.push(`  institution: ${report.institutionPinned ? `matches the trusted certificate in ${pinnedTo}` : `does NOT match the trusted certificate in ${pinnedTo}`}`);
  }
  return `${lines.join('\n')}\n`;
}

async function runVerify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, institution: { type: 'string' } }, true);
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError('name one signed agreement: mw agreement verify FILE.pdf [--institution CERT.pem] [--json]');
  const trusted = values.institution !== undefined ? trustedPems(values.institution) : undefined;
  const report = verifyAgreementSignatures(readInput(path), trusted ? { trustedInstitutionPems: trusted } : {});
  if (report.problems.some((p) => p.code === 'agreement.not_pdf')) throw new UsageError(`${path} is not a PDF file.`);
  if (values.json) io.out(json({ path, ...report }));
  else (report.ok ? io.out : io.err)(describe(report, path, values.institution));
  return report.ok ? 0 : 1;
}

export async function runAgreement(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return runVerify(rest, io);
  throw new UsageError(`unknown agreement command "${sub ?? ''}"; try: mw agreement verify FILE.pdf [--institution CERT.pem] [--json]`);
}
