// The app (WebCrypto) and `mw seed` (node:crypto) must write and read one password format.
import { describe, expect, it } from 'vitest';
import { hashPasswordNode, randomPassword, verifyPasswordNode } from '../../../cli/src/password';
import { hashPassword, verifyPassword, constantTimeEqual } from '../../../renderer/features/auth/password';
import { passwordHashSchema } from '../../../shared/domain/model';

describe('password hashes', () => {
  it('node:crypto hashes verify with WebCrypto and the other way round', async () => {
    const fromNode = await hashPasswordNode('Zhang2026堃');
    const fromWeb = await hashPassword('Zhang2026堃');
    expect(passwordHashSchema.parse(fromNode)).toEqual(fromNode);
    expect(passwordHashSchema.parse(fromWeb)).toEqual(fromWeb);
    expect(fromNode.iterations).toBeGreaterThanOrEqual(310_000);
    expect(await verifyPassword('Zhang2026堃', fromNode)).toBe(true);
    expect(await verifyPasswordNode('Zhang2026堃', fromWeb)).toBe(true);
    expect(await verifyPassword('Zhang2026坤', fromNode)).toBe(false);
    expect(await verifyPasswordNode('zhang2026堃', fromWeb)).toBe(false);
  });

  it('uses a fresh 16-byte salt each time and refuses weakened records', async () => {
    const a = await hashPassword('abc12345');
    const b = await hashPassword('abc12345');
    expect(a.salt).not.toBe(b.salt);
    expect(atob(a.salt)).toHaveLength(16);
    expect(await verifyPassword('abc12345', { ...a, iterations: 1000 })).toBe(false);
    expect(await verifyPassword('abc12345', { ...a, salt: '%%%not base64%%%' })).toBe(false);
  });

  it('compares in constant time over the whole length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('makes random passwords that meet the policy', () => {
    for (let i = 0; i < 20; i++) {
      const p = randomPassword();
      expect(p).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{12}$/);
    }
  });
});
