// RSASSA-PKCS1-v1_5 / SHA-256 verification for hostile input, by node-forge (strict DigestInfo
// parsing since 1.3). Key sizes are bounded and a public exponent above 32 bits is refused before
// any arithmetic: a huge one would make one check take minutes (real keys use 65537).
import forge from 'node-forge';

export const MIN_RSA_BITS = 2048;
export const MAX_RSA_BITS = 16384;
const MAX_RSA_EXPONENT_BITS = 32;

export function rsaVerifySha256(key: forge.pki.rsa.PublicKey, digest: Uint8Array, signature: Uint8Array): boolean {
  const bits = key.n.bitLength();
  if (bits > MAX_RSA_BITS || key.e.bitLength() > MAX_RSA_EXPONENT_BITS || signature.length !== Math.ceil(bits / 8)) return false;
  try {
    return key.verify(forge.util.binary.raw.encode(digest), forge.util.binary.raw.encode(signature));
  } catch {
    return false;
  }
}
