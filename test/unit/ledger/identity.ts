// A throw-away institution identity for ledger tests: an RSA-2048 key (Node's fast key generation)
// in the self-issued certificate the app and `mw demo` issue, and the signer and verifier the
// CLI uses.
import { createPrivateKey, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';
import type { SignatureVerifier, Signer } from '../../../shared/ledger/checkpoint';
import { issueInstitutionCertificate } from '../../../shared/identity/institution';

export interface TestIdentity {
  certificatePem: string;
  keyId: string;
  signer: Signer;
  verifier: SignatureVerifier;
}

export function makeIdentity(name = '芜湖市镜湖区人民调解委员会'): TestIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { certificatePem, keyId } = issueInstitutionCertificate(
    { name, creditCode: '51340202MJ00000007' },
    { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem },
    new Date('2026-01-01T00:00:00Z'),
  );
  const x509 = new X509Certificate(certificatePem);
  const key = createPrivateKey(privateKeyPem);
  return {
    certificatePem,
    keyId,
    signer: async (data) => ({ signature: sign('sha256', data, key).toString('base64'), keyId }),
    verifier: async (data, signature, id) => id === keyId && verify('sha256', data, x509.publicKey, Buffer.from(signature, 'base64')),
  };
}
