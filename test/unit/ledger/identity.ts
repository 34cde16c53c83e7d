// A throw-away institution identity for ledger tests: an RSA-2048 key (Node's fast key generation)
// in a self-signed certificate (node-forge), and the signer and verifier the CLI uses.
import { createHash, createPrivateKey, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { SignatureVerifier, Signer } from '../../../shared/ledger/checkpoint';

export interface TestIdentity {
  certificatePem: string;
  keyId: string;
  signer: Signer;
  verifier: SignatureVerifier;
}

export function makeIdentity(commonName = '芜湖市镜湖区人民调解委员会'): TestIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  const attrs = [{ name: 'commonName', value: forge.util.encodeUtf8(commonName) }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  const x509 = new X509Certificate(certificatePem);
  const keyId = createHash('sha256').update(x509.raw).digest('hex');
  const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return {
    certificatePem,
    keyId,
    signer: async (data) => ({ signature: sign('sha256', data, key).toString('base64'), keyId }),
    verifier: async (data, signature, id) => id === keyId && verify('sha256', data, x509.publicKey, Buffer.from(signature, 'base64')),
  };
}
