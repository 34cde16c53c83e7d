// Issue 17 item 6: a private key never travels or rests unencrypted. The keys are made as a
// workstation makes them (RSA-2048 for the institution and its mediators; EC and Ed25519 for the
// other forms a key may take) and sealed by the workstation's own seals: Electron's passphrase
// seal and the browser's. What the sync would carry and what the identity records keep are
// checked with shared/identity/sealed-keys.ts: every form of a key in clear is refused, at its path;
// every sealed form, and the public parts, pass.
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealWithPassphrase } from '../../../electron/platform/keys';
import { passphraseKeyProtection } from '../../../renderer/platform/browser';
import { mediatorIdentitySchema, storedIdentitySchema } from '../../../shared/identity/stored';
import { findUnsealedKey, isPrivateKeyDer, sealedKeySchema } from '../../../shared/identity/sealed-keys';
import { pushRequestSchema } from '../../../shared/server/sync';

const PASSPHRASE = 'institution passphrase 7';
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

let rsa: { privateKey: KeyObject; publicKey: KeyObject };
let ec: { privateKey: KeyObject; publicKey: KeyObject };
let ed: { privateKey: KeyObject; publicKey: KeyObject };
let pkcs8: Uint8Array;

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  ed = generateKeyPairSync('ed25519');
  pkcs8 = new Uint8Array(rsa.privateKey.export({ format: 'der', type: 'pkcs8' }));
});

/** A stored institution identity as renderer/features/identity/store.ts writes it, with this sealedKey. */
function storedIdentity(sealedKey: string) {
  return {
    version: 1,
    source: 'generated',
    certificatePem: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    chainPems: [],
    sealedKey,
    mechanism: 'passphrase',
    createdAt: '2026-03-01T08:00:00.000Z',
    createdBy: 'admin',
    retiredCertificatePems: [],
  };
}

function mediatorIdentity(sealedKey: string) {
  const actor = { id: 'admin', name: '管理员' };
  return { version: 1, userId: 'm1', certificates: [{ certificatePem: 'certificate', sealedKey, mechanism: 'passphrase', issuedAt: '2026-03-01T08:00:00.000Z', issuedBy: actor, revoked: null }] };
}

/** Every form of a private key in clear, as a workstation or a careless tool could produce it. */
function clearForms(): Record<string, unknown> {
  const pem = (key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1') => key.export({ format: 'pem', type } as never).toString();
  const der = (key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1') => new Uint8Array(key.export({ format: 'der', type } as never) as Buffer);
  return {
    'PKCS#8 PEM (BEGIN PRIVATE KEY)': pem(rsa.privateKey, 'pkcs8'),
    'PKCS#1 PEM (BEGIN RSA PRIVATE KEY)': pem(rsa.privateKey, 'pkcs1'),
    'SEC 1 PEM (BEGIN EC PRIVATE KEY)': pem(ec.privateKey, 'sec1'),
    'legacy encrypted PKCS#1 PEM (MD5 key derivation)': rsa.privateKey.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString(),
    'a PEM inside other text': `note before\n${pem(ec.privateKey, 'pkcs8')}note after`,
    'PKCS#8 DER, base64': base64(pkcs8),
    'PKCS#8 DER, base64url': Buffer.from(pkcs8).toString('base64url'),
    'PKCS#8 DER, base64 in lines of 64': base64(pkcs8).replace(/.{64}/g, '$&\n'),
    'PKCS#1 DER, base64': base64(der(rsa.privateKey, 'pkcs1')),
    'SEC 1 DER, base64': base64(der(ec.privateKey, 'sec1')),
    'EC PKCS#8 DER, base64': base64(der(ec.privateKey, 'pkcs8')),
    'Ed25519 PKCS#8 DER, base64': base64(der(ed.privateKey, 'pkcs8')),
    'RSA JWK': rsa.privateKey.export({ format: 'jwk' }),
    'EC JWK': ec.privateKey.export({ format: 'jwk' }),
    'symmetric JWK': { kty: 'oct', k: 'c2VjcmV0IGtleSBtYXRlcmlhbCBpbiBjbGVhcg', alg: 'A256GCM' },
  };
}

describe('a private key in clear is found wherever it is', () => {
  it('refuses every clear form, and says where it is', () => {
    for (const [name, value] of Object.entries(clearForms())) {
      const found = findUnsealedKey({ settings: { identity: { sealedKey: value } } });
      expect(found, name).not.toBeNull();
      expect(found?.path, name).toBe('settings.identity.sealedKey');
      expect(found?.form, name).toBe(typeof value === 'string' ? (value.includes('-----BEGIN') ? 'pem' : 'der') : 'jwk');
    }
  });

  it('finds one in a list and deep in a record', () => {
    const key = base64(pkcs8);
    expect(findUnsealedKey(['a', 'b', { note: [null, 3, key] }])).toEqual({ path: '2.note.2', form: 'der' });
    expect(findUnsealedKey(key)).toEqual({ path: '', form: 'der' });
  });

  it('lets the sealed forms and the public parts pass', async () => {
    const browser = passphraseKeyProtection();
    const electronSealed = await sealWithPassphrase(pkcs8, PASSPHRASE, 1000);
    const browserSealed = await browser.protect(pkcs8, PASSPHRASE);
    // The sealed key opens again with the passphrase: it is the key, sealed.
    expect(await browser.unprotect(browserSealed, PASSPHRASE)).toEqual(pkcs8);
    const passing = {
      electronSeal: base64(electronSealed),
      browserSeal: base64(browserSealed),
      encryptedPkcs8: rsa.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString(),
      encryptedPkcs8Der: base64(new Uint8Array(rsa.privateKey.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }))),
      publicKeyPem: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      publicKeyDer: base64(new Uint8Array(rsa.publicKey.export({ format: 'der', type: 'spki' }))),
      publicJwk: ec.publicKey.export({ format: 'jwk' }),
      text: '请求被申请人停止在楼道堆放杂物并赔偿损失',
      aHash: 'a'.repeat(64),
    };
    expect(findUnsealedKey(passing)).toBeNull();
  });

  it('never takes a sealed blob for a key, nor random bytes framed as one DER sequence', async () => {
    for (let i = 0; i < 20; i++) {
      const sealed = await sealWithPassphrase(pkcs8, `${PASSPHRASE} ${i}`, 1);
      expect(isPrivateKeyDer(sealed)).toBe(false);
      expect(findUnsealedKey(base64(sealed))).toBeNull();
    }
    // The outer SEQUENCE's length right, what is inside random: the check must look inside.
    for (let i = 0; i < 200; i++) {
      const blob = new Uint8Array(randomBytes(1200));
      blob.set([0x30, 0x82, (blob.length - 4) >> 8, (blob.length - 4) & 0xff]);
      expect(isPrivateKeyDer(blob)).toBe(false);
      expect(findUnsealedKey(base64(blob))).toBeNull();
    }
    // And the same framing around a real key's inside is one.
    expect(isPrivateKeyDer(pkcs8)).toBe(true);
  });
});

describe('where keys rest and travel', () => {
  it('the institution identity record keeps its key only sealed', async () => {
    const sealed = base64(await sealWithPassphrase(pkcs8, PASSPHRASE, 1000));
    expect(storedIdentitySchema.safeParse(storedIdentity(sealed)).success).toBe(true);
    for (const [name, value] of Object.entries(clearForms())) {
      if (typeof value !== 'string') continue;
      const parsed = storedIdentitySchema.safeParse(storedIdentity(value));
      expect(parsed.success, name).toBe(false);
      expect(parsed.error?.issues[0]?.path, name).toEqual(['sealedKey']);
    }
  });

  it("a mediator's identity keeps their key only sealed", async () => {
    const sealed = base64(await passphraseKeyProtection().protect(pkcs8, PASSPHRASE));
    expect(mediatorIdentitySchema.safeParse(mediatorIdentity(sealed)).success).toBe(true);
    const parsed = mediatorIdentitySchema.safeParse(mediatorIdentity(base64(pkcs8)));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['certificates', 0, 'sealedKey']);
    expect(sealedKeySchema.safeParse(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()).success).toBe(false);
  });

  it('a push carrying a key in clear is refused, with the mutation and field named; the sealed key passes', async () => {
    const pushOf = (sealedKey: string) => ({
      workstationId: randomUUID(),
      mutations: [{ mutationId: randomUUID(), kind: 'settings', id: 'settings', op: 'put', baseVersion: 3, body: { id: 'settings', identity: storedIdentity(sealedKey) } }],
    });
    // The push's own schema refuses it, so the server's route does (shared/server/sync.ts).
    const guarded = pushRequestSchema;
    const clear = guarded.safeParse(pushOf(base64(pkcs8)));
    expect(clear.success).toBe(false);
    expect(clear.error?.issues.map((issue) => issue.path)).toContainEqual(['mutations', '0', 'body', 'identity', 'sealedKey']);
    const sealed = guarded.safeParse(pushOf(base64(await sealWithPassphrase(pkcs8, PASSPHRASE, 1000))));
    expect(sealed.success).toBe(true);
  });
});
