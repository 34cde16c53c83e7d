// Checking the institution's RSA signatures (checkpoints, backups) with Node's crypto, against
// certificates found by their keyId (SHA-256 of the DER), as the app does with WebCrypto.
import { createHash, verify, X509Certificate } from 'node:crypto';
import type { SignatureVerifier } from '../../shared/ledger/checkpoint';

export function nodeVerifierFor(certificatePems: readonly string[]): SignatureVerifier {
  const certificates = certificatePems.map((pem) => {
    const cert = new X509Certificate(pem);
    return { keyId: createHash('sha256').update(cert.raw).digest('hex'), cert };
  });
  return async (data, signature, keyId) => {
    const found = certificates.find((c) => c.keyId === keyId);
    return found !== undefined && verify('sha256', data, found.cert.publicKey, Buffer.from(signature, 'base64'));
  };
}
