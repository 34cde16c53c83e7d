// Pinning the signer of a ledger's checkpoints: `--institution CERT.pem` (read as `mw package
// verify` and `mw intake` read it) and `--fingerprint SHA256` name the certificates a checkpoint
// may be signed with. Without a pin the export's own certificates.pem is believed, so a ledger
// rewritten and re-signed with any key, its certificate swapped, would still check out.
import { createHash, X509Certificate } from 'node:crypto';
import { UsageError } from '../io';
import { trustedPems } from './package';

export interface SignerPins {
  /** SHA-256 of the DER of each pinned certificate, lower-case hex: a checkpoint's keyId. */
  fingerprints: ReadonlySet<string>;
  /** The certificates of --institution, which can check a signature even if the export lacks them. */
  pems: readonly string[];
  /** What the pins are, for the report: "the trusted certificate in X", "the fingerprint given". */
  source: string;
}

/** A SHA-256 fingerprint as printed by openssl, Node or this tool (colons, any case), as lower-case hex. */
export function fingerprintOf(text: string): string {
  const hex = text.replace(/[:\s]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new UsageError(`--fingerprint ${text} is not a SHA-256 fingerprint (64 hexadecimal digits, colons allowed).`);
  return hex;
}

/** The pins the options ask for, or null when none is given. */
export function signerPins(options: { institution?: string | undefined; fingerprint?: string | undefined }): SignerPins | null {
  if (options.institution === undefined && options.fingerprint === undefined) return null;
  const pems = options.institution !== undefined ? trustedPems(options.institution) : [];
  const fingerprints = new Set(pems.map((pem) => createHash('sha256').update(new X509Certificate(pem).raw).digest('hex')));
  if (options.fingerprint !== undefined) fingerprints.add(fingerprintOf(options.fingerprint));
  const sources = [
    ...(options.institution !== undefined ? [`the trusted certificate in ${options.institution}`] : []),
    ...(options.fingerprint !== undefined ? ['the fingerprint given'] : []),
  ];
  return { fingerprints, pems, source: sources.join(' or ') };
}
