// The court's trust in institutions as a set of certificates: the institution certificates it has
// registered (every mediation organisation of its district) and any CA that issues them. A package
// is from a registered institution when its manifest was signed by the institution certificate it
// carries and that certificate, or one of its issuers in certs/chain.pem, is in the set — the same
// rule as verify.ts's institution.pinned check, reduced to fingerprints so the court's intake can
// keep and compare it without the certificates.
import { z } from 'zod';
import { bytesToHex, sha256Bytes } from '../ledger/hash';
import { pemCertificates } from './cms';

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Issuers a package's chain may name; a longer chain is not one an institution needs. */
export const MAX_SIGNER_CHAIN = 16;

/** Who signed a package, proven by its manifest signature: the institution's certificate and its issuers (SHA-256 of each DER). */
export const packageSignerSchema = z.strictObject({
  certificateSha256: sha256HexSchema,
  chainSha256: z.array(sha256HexSchema).max(MAX_SIGNER_CHAIN),
});
export type PackageSigner = z.infer<typeof packageSignerSchema>;

/** SHA-256 of every certificate in the PEM texts; an unreadable one trusts nothing. */
export function certificateFingerprints(pems: readonly string[]): Set<string> {
  const fingerprints = new Set<string>();
  for (const pem of pems) {
    try {
      for (const der of pemCertificates(pem)) fingerprints.add(bytesToHex(sha256Bytes(der)));
    } catch {
      // An unreadable trusted certificate trusts nothing.
    }
  }
  return fingerprints;
}

/**
 * One value naming a trust setting, so that a verdict reached under one set of registered
 * certificates is never taken for the verdict under another: "none" without a trust list.
 */
export function trustKey(fingerprints: ReadonlySet<string> | null): string {
  if (fingerprints === null) return 'none';
  return bytesToHex(sha256Bytes(new TextEncoder().encode([...fingerprints].sort().join('\n'))));
}

/** Whether the signer's certificate, or a CA on its chain, is one of the registered ones. */
export function isRegisteredSigner(signer: PackageSigner | null, registered: ReadonlySet<string>): boolean {
  if (!signer) return false;
  return registered.has(signer.certificateSha256) || signer.chainSha256.some((sha256) => registered.has(sha256));
}
