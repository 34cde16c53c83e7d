// Checking a filed report's signature (issue 19 item 2, "Filing it"), as the bureau does with a
// report that reached it through the center server or as a file: the certificate in the file is
// the institution's (its organisation identifier is the snapshot's credit code), the key id names
// that certificate, and the RSASSA-PKCS1-v1_5 signature over the snapshot's canonical JSON holds.
// node-forge (shared/pkix/rsa.ts); imported on its own so the report's first screen does not load it.
import forge from 'node-forge';
import { summarizeCertificate } from '../../identity/certificate';
import { sha256Bytes } from '../../ledger/hash';
import { rsaVerifySha256 } from '../../pkix/rsa';
import { isCanonicalBase64 } from '../../ledger/checkpoint';
import { snapshotBytes, type SignedReport } from './filing';

export type SignatureProblem = 'report.signature_certificate' | 'report.signature_other_institution' | 'report.signature_key' | 'report.signature_invalid';

export interface SignatureCheck {
  ok: boolean;
  /** Why it does not hold; null when it does. */
  problem: SignatureProblem | null;
  /** The signing certificate's subject and SHA-256 fingerprint, when it could be read. */
  signer: { subject: string; fingerprint256: string } | null;
}

export function verifySignedReport(signed: SignedReport): SignatureCheck {
  let summary: ReturnType<typeof summarizeCertificate>;
  let key: forge.pki.rsa.PublicKey;
  try {
    summary = summarizeCertificate(signed.certificatePem);
    key = forge.pki.certificateFromPem(signed.certificatePem).publicKey as forge.pki.rsa.PublicKey;
  } catch {
    return { ok: false, problem: 'report.signature_certificate', signer: null };
  }
  const signer = { subject: summary.subject, fingerprint256: summary.fingerprint256 };
  const fail = (problem: SignatureProblem): SignatureCheck => ({ ok: false, problem, signer });
  if (summary.organisationId !== signed.snapshot.institution.creditCode) return fail('report.signature_other_institution');
  if (signed.keyId !== summary.keyId) return fail('report.signature_key');
  if (!isCanonicalBase64(signed.signature)) return fail('report.signature_invalid');
  const signature = Uint8Array.from(forge.util.decode64(signed.signature), (c) => c.charCodeAt(0));
  if (!rsaVerifySha256(key, sha256Bytes(snapshotBytes(signed.snapshot)), signature)) return fail('report.signature_invalid');
  return { ok: true, problem: null, signer };
}
