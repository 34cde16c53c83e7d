import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createKeyService, detectKeyMechanism, type SafeStoragePort } from '../../../electron/platform/keys';

/** A stand-in for safeStorage: real AES-GCM under a per-instance key, like an OS keystore. */
function fakeSafeStorage(options: { backend?: string; available?: boolean } = {}): SafeStoragePort & { calls: string[] } {
  const key = randomBytes(32);
  const calls: string[] = [];
  return {
    calls,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    async encryptStringAsync(plain) {
      calls.push('encrypt');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]);
    },
    async decryptStringAsync(encrypted) {
      calls.push('decrypt');
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
      const plain = Buffer.concat([decipher.update(encrypted.subarray(12, encrypted.length - 16)), decipher.final()]);
      return { result: plain.toString('utf8'), shouldReEncrypt: false };
    },
  };
}

describe('detectKeyMechanism', () => {
  it('uses the OS keystore where a real one is available', async () => {
    expect(await detectKeyMechanism(fakeSafeStorage({ backend: 'gnome_libsecret' }), 'linux')).toBe('os-keystore');
    expect(await detectKeyMechanism(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toBe('os-keystore');
    expect(await detectKeyMechanism(fakeSafeStorage(), 'win32')).toBe('os-keystore');
    expect(await detectKeyMechanism(fakeSafeStorage(), 'darwin')).toBe('os-keystore');
  });

  it('asks for a passphrase on Linux with the basic_text fallback (a fixed, public password)', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const available = vi.spyOn(storage, 'isAsyncEncryptionAvailable');
    expect(await detectKeyMechanism(storage, 'linux')).toBe('passphrase');
    expect(available).not.toHaveBeenCalled();
  });

  it('asks for a passphrase when the backend is unknown or encryption unavailable', async () => {
    expect(await detectKeyMechanism(fakeSafeStorage({ backend: 'unknown' }), 'linux')).toBe('passphrase');
    expect(await detectKeyMechanism(fakeSafeStorage({ available: false }), 'win32')).toBe('passphrase');
    const broken = { ...fakeSafeStorage(), isAsyncEncryptionAvailable: () => Promise.reject(new Error('no')) };
    expect(await detectKeyMechanism(broken, 'win32')).toBe('passphrase');
  });

  it('ignores a basic_text answer on platforms where it does not apply', async () => {
    expect(await detectKeyMechanism(fakeSafeStorage({ backend: 'basic_text' }), 'win32')).toBe('os-keystore');
  });
});

describe('key service', () => {
  const secret = new TextEncoder().encode('pkcs8 passphrase: 调解委员会');

  it('wraps secrets with the OS keystore through the async safeStorage API', async () => {
    const storage = fakeSafeStorage();
    const keys = createKeyService({ safeStorage: storage, platform: 'linux' });
    expect(await keys.mechanism()).toBe('os-keystore');
    const sealed = await keys.protect(secret);
    expect(Buffer.from(sealed).includes(Buffer.from(secret))).toBe(false);
    expect(await keys.unprotect(sealed)).toEqual(secret);
    expect(storage.calls).toEqual(['encrypt', 'decrypt']);
  });

  it('wraps secrets with a passphrase on basic_text', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const keys = createKeyService({ safeStorage: storage, platform: 'linux' });
    expect(await keys.mechanism()).toBe('passphrase');
    await expect(keys.protect(secret)).rejects.toMatchObject({ code: 'passphrase-required' });
    await expect(keys.protect(secret, 'short')).rejects.toMatchObject({ code: 'weak-passphrase' });
    const sealed = await keys.protect(secret, 'correct horse battery');
    expect(await keys.unprotect(sealed, 'correct horse battery')).toEqual(secret);
    await expect(keys.unprotect(sealed, 'wrong horse battery')).rejects.toMatchObject({ code: 'bad-passphrase' });
    await expect(keys.unprotect(sealed)).rejects.toMatchObject({ code: 'passphrase-required' });
    expect(storage.calls).toEqual([]); // basic_text is never used
  });

  it('detects tampering and foreign data', async () => {
    const keys = createKeyService({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'linux' });
    const sealed = await keys.protect(secret, 'correct horse battery');
    const flipped = Uint8Array.from(sealed);
    flipped[flipped.length - 20]! ^= 1;
    await expect(keys.unprotect(flipped, 'correct horse battery')).rejects.toMatchObject({ code: 'bad-passphrase' });
    const modeSwapped = Uint8Array.from(sealed);
    modeSwapped[4] = 1;
    await expect(keys.unprotect(modeSwapped, 'correct horse battery')).rejects.toMatchObject({ code: 'keystore-unavailable' });
    for (const junk of [new Uint8Array(0), new TextEncoder().encode('MWK'), new TextEncoder().encode('hello world'), Uint8Array.from([0x4d, 0x57, 0x4b, 1, 9])]) {
      await expect(keys.unprotect(junk, 'correct horse battery')).rejects.toMatchObject({ code: 'corrupt' });
    }
    const truncated = sealed.subarray(0, 20);
    await expect(keys.unprotect(truncated, 'correct horse battery')).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('says so when a keystore-sealed secret meets a machine without the keystore', async () => {
    const sealed = await createKeyService({ safeStorage: fakeSafeStorage(), platform: 'linux' }).protect(secret);
    const elsewhere = createKeyService({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'linux' });
    await expect(elsewhere.unprotect(sealed)).rejects.toMatchObject({ code: 'keystore-unavailable' });
    const otherAccount = createKeyService({ safeStorage: fakeSafeStorage(), platform: 'linux' });
    await expect(otherAccount.unprotect(sealed)).rejects.toMatchObject({ code: 'keystore-unavailable' });
  });
});
