// A hostile certificate's RSA key must be refused before any arithmetic: one verification with a
// 4,096-bit public exponent takes minutes. Shown by whether forge's verify is reached at all,
// not by a stopwatch.
import forge from 'node-forge';
import { describe, expect, it, vi } from 'vitest';
import { rsaVerifySha256 } from '../../../shared/pkix/rsa';

const modulus = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 }).publicKey.n;

function keyWithExponent(e: forge.jsbn.BigInteger): { key: forge.pki.rsa.PublicKey; verify: ReturnType<typeof vi.fn> } {
  const key = forge.pki.setRsaPublicKey(modulus, e);
  const verify = vi.fn(() => true);
  key.verify = verify as unknown as typeof key.verify;
  return { key, verify };
}

describe('RSA verification of hostile keys', () => {
  const digest = new Uint8Array(32);
  const signature = new Uint8Array(256);

  it('never starts the arithmetic for a public exponent above 32 bits', () => {
    const { key, verify } = keyWithExponent(new forge.jsbn.BigInteger('1'.padEnd(4096, '1'), 2));
    expect(rsaVerifySha256(key, digest, signature)).toBe(false);
    expect(verify).not.toHaveBeenCalled();
  });

  it('does verify with an ordinary exponent (the check above is not vacuous)', () => {
    const { key, verify } = keyWithExponent(new forge.jsbn.BigInteger('65537'));
    expect(rsaVerifySha256(key, digest, signature)).toBe(true);
    expect(verify).toHaveBeenCalledOnce();
  });
});
