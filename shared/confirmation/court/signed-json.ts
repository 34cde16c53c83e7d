// A small JSON document the court signs — the receipt, a 补正 request — made the way the package's
// manifest is: canonical JSON (RFC 8785) as the exact bytes, and a detached CMS over them that
// `openssl cms -verify -binary -content FILE.json -inform DER` accepts. The key stays in WebCrypto
// (or Node's crypto in the CLI): `sign` receives the bytes to sign, never a key.
import canonicalize from 'canonicalize';
import type { z } from 'zod';
import { buildDetachedCms } from '../../agreement/pdf-signature/sign';
import { utf8ToBytes } from '../../ledger/hash';
import { equalBytes } from '../../pkix/der';
import { issuerPath, pemCertificates, readCertificate, subjectName, validAt, verifyDetachedCms, type Certificate } from '../cms';
import { parseJson } from '../package-reader';
import { englishText } from '../check-detail';

/** The signer: the court's certificate (and its CA chain, if any) with an RSA/SHA-256 signing function. */
export interface DocumentSigner {
  certificatePem: string;
  chainPems: string[];
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SignedDocument<T> {
  value: T;
  /** The canonical JSON: the file's bytes (receipt.json). */
  json: Uint8Array;
  /** The detached CMS over `json` (receipt.p7s). */
  p7s: Uint8Array;
}

/** The canonical bytes of a value the schema accepts; throws for one it does not. */
export function canonicalBytes<S extends z.ZodType>(schema: S, value: z.input<S>): Uint8Array {
  const text = canonicalize(schema.parse(value));
  if (text === undefined) throw new TypeError('The document has no JSON form.');
  return utf8ToBytes(text);
}

export async function signDocument<S extends z.ZodType>(schema: S, value: z.input<S>, signer: DocumentSigner, now: Date): Promise<SignedDocument<z.output<S>>> {
  const json = canonicalBytes(schema, value);
  const certificate = readCertificate(pemCertificates(signer.certificatePem)[0] ?? new Uint8Array(0));
  if (!validAt(certificate, now)) throw new RangeError(`The signing certificate is not valid on ${now.toISOString()}.`);
  return { value: schema.parse(value) as z.output<S>, json, p7s: await buildDetachedCms(json, signer, now) };
}

export interface DocumentProblem {
  code: string;
  message: string;
}

export interface VerifiedDocument<T> {
  value: T | null;
  signer: Certificate | null;
  signerName: string | null;
  signingTime: Date | null;
  /** The signer matched a trusted certificate (itself or an issuer of it); null when none was given. */
  trusted: boolean | null;
  problems: DocumentProblem[];
}

/**
 * Reads and checks a signed document: JSON in canonical form that the schema accepts, a valid
 * signature over exactly these bytes by a certificate valid at the signing time, and — when
 * trusted certificates are given — a signer that is one of them or issued by one (through the
 * certificates the signature carries). Every problem is named, with a `${prefix}.…` code.
 */
export function verifyDocument<S extends z.ZodType>(schema: S, json: Uint8Array, p7s: Uint8Array, options: { prefix: string; fileName: string; trustedPems?: readonly string[] }): VerifiedDocument<z.output<S>> {
  const { prefix, fileName } = options;
  const problems: DocumentProblem[] = [];
  const add = (code: string, message: string) => problems.push({ code: `${prefix}.${code}`, message });
  const out: VerifiedDocument<z.output<S>> = { value: null, signer: null, signerName: null, signingTime: null, trusted: null, problems };

  const parsed = json.length > 1024 * 1024 ? { ok: false as const } : parseJson(json, fileName);
  if (!parsed.ok && parsed.ambiguity) add('ambiguous', `${fileName} is ${englishText(parsed.ambiguity)}.`);
  else if (!parsed.ok) add('not_json', `${fileName} is not UTF-8 JSON of at most 1 MiB.`);
  else {
    const checked = schema.safeParse(parsed.value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      add('schema', `${fileName} is not a valid document of its kind: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}.`);
    } else {
      out.value = checked.data as z.output<S>;
      const canonical = utf8ToBytes(canonicalize(parsed.value) ?? '');
      if (!equalBytes(canonical, json)) add('not_canonical', `${fileName} is not in its canonical form (RFC 8785): it was rewritten after it was made.`);
    }
  }

  const cms = verifyDetachedCms(p7s, json, fileName);
  out.signer = cms.signer;
  out.signingTime = cms.signingTime;
  out.signerName = cms.signer ? subjectName(cms.signer) : null;
  if (!cms.ok) add('signature', `The signature is not valid: ${cms.problem ?? 'invalid'}.`);
  else if (!cms.signingTime || !validAt(cms.signer as Certificate, cms.signingTime)) add('signer_not_valid', `The signer's certificate was not valid when it signed${cms.signingTime ? ` (${cms.signingTime.toISOString()})` : ' (no signing time)'}.`);

  if (options.trustedPems) {
    const trusted = new Set<string>();
    for (const pem of options.trustedPems) {
      try {
        for (const der of pemCertificates(pem)) trusted.add(readCertificate(der).sha256);
      } catch {
        // An unreadable certificate trusts nothing.
      }
    }
    const signer = cms.signer;
    let anchored = false;
    if (signer && cms.ok) {
      if (trusted.has(signer.sha256)) anchored = true;
      else {
        const { path, problem } = issuerPath(signer, cms.certificates, cms.signingTime ?? new Date(NaN));
        anchored = problem === null && path.some((c) => trusted.has(c.sha256));
      }
    }
    out.trusted = anchored;
    // An invalid signature is already named; whom it claims to be from adds nothing.
    if (!anchored && cms.ok) add('unknown_signer', `${fileName} was signed by ${out.signerName ?? 'an unknown signer'}${signer ? ` (SHA-256 ${signer.sha256})` : ''}, which is not the trusted court certificate nor issued by it.`);
  }
  return out;
}
