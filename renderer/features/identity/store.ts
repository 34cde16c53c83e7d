// The institution's signing identity in the app (issue 3 item 2, shared with the agreement issue):
// generated here as a self-issued certificate (WebCrypto makes the RSA-2048 key) or imported from
// a CA's PKCS#12, kept among the data layer's named values (`meta`) with the private key only sealed by the platform port.
// Signing unseals the key into a non-extractable WebCrypto key held in memory until locked.
import type { Signer, SignatureVerifier } from '../../../shared/ledger/checkpoint';
import type { User } from '../../../shared/domain/model';
import type { CertificateSummary, Pkcs12Contents } from '../../../shared/identity/certificate';
import { IDENTITY_META_KEY, storedIdentitySchema, type StoredIdentity } from '../../../shared/identity/stored';
import type { PlatformPort } from '../../../shared/platform';
import { z } from 'zod';
import type { DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';

export const MIN_KEY_PASSPHRASE = 8;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const certificates = () => import('../../../shared/identity/certificate');

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The stored identity; null when there is none, or when what is stored is not one (never signs). */
export async function readIdentity(data: DataStore): Promise<StoredIdentity | null> {
  const value = await data.meta.get(IDENTITY_META_KEY, z.unknown());
  if (value === undefined) return null;
  const parsed = storedIdentitySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function summarizeIdentity(identity: StoredIdentity): Promise<CertificateSummary> {
  return (await certificates()).summarizeCertificate(identity.certificatePem);
}

function checkPassphrase(platform: Pick<PlatformPort, 'keys'>, passphrase: string | undefined): string | undefined {
  if (platform.keys.mechanism === 'os-keystore') return undefined;
  if (!passphrase || [...passphrase].length < MIN_KEY_PASSPHRASE) {
    throw new StoreError('identity.passphrase_short', 'A passphrase of at least 8 characters protects the key.', { min: MIN_KEY_PASSPHRASE }, [
      { path: 'passphrase', code: 'identity.passphrase_short', params: { min: MIN_KEY_PASSPHRASE } },
    ]);
  }
  return passphrase;
}

function requireAdmin(actor: User): void {
  if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator manages the institution identity.');
}

async function saveIdentity(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  actor: User,
  input: { source: StoredIdentity['source']; certificatePem: string; chainPems: string[]; privateKeyPkcs8: Uint8Array; passphrase: string | undefined },
  now: Date,
): Promise<StoredIdentity> {
  const { summarizeCertificate, assertMaySign } = await certificates();
  const summary = summarizeCertificate(input.certificatePem);
  assertMaySign(summary, now);
  // The key must really sign for this certificate before anything is stored.
  const key = await crypto.subtle.importKey('pkcs8', input.privateKeyPkcs8 as Uint8Array<ArrayBuffer>, RSA, false, ['sign']);
  const probe = new TextEncoder().encode(`probe ${now.toISOString()}`);
  const signature = new Uint8Array(await crypto.subtle.sign(RSA, key, probe));
  if (!(await verifierFor([input.certificatePem])(probe, base64(signature), summary.keyId))) {
    throw new StoreError('identity.key_mismatch', 'The private key does not belong to the certificate.');
  }
  const sealed = await platform.keys.protect(input.privateKeyPkcs8, input.passphrase);
  const previous = await readIdentity(data);
  const identity: StoredIdentity = {
    version: 1,
    source: input.source,
    certificatePem: input.certificatePem,
    chainPems: input.chainPems,
    sealedKey: base64(sealed),
    mechanism: platform.keys.mechanism,
    createdAt: now.toISOString(),
    createdBy: actor.id,
    retiredCertificatePems: previous ? [...previous.retiredCertificatePems, previous.certificatePem].slice(-50) : [],
  };
  await data.transact(actorOf(actor), async () => {
    await data.meta.put(IDENTITY_META_KEY, identity);
    await data.events.record({
      actor: actorOf(actor),
      at: now,
      entity: 'identity',
      entityId: summary.keyId,
      action: input.source === 'generated' ? 'identity.generate' : 'identity.import',
      after: { subject: summary.subject, issuer: summary.issuer, fingerprint256: summary.fingerprint256, notAfter: summary.notAfter },
    });
  });
  lockIdentity();
  return identity;
}

export interface GenerateInput {
  name: string;
  creditCode: string;
  passphrase?: string;
}

/** A self-issued certificate for a pilot without a CA: the institution acts as its own CA. */
export async function generateIdentity(data: DataStore, platform: Pick<PlatformPort, 'keys'>, actor: User, input: GenerateInput, now = new Date()): Promise<StoreResult<StoredIdentity>> {
  return asResult(async () => {
    requireAdmin(actor);
    const name = input.name.trim();
    const creditCode = input.creditCode.trim().toUpperCase();
    if (name === '' || [...name].length > 100) throw new StoreError('identity.name', 'Give the institution’s name.', {}, [{ path: 'name', code: 'identity.name' }]);
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(creditCode)) {
      throw new StoreError('identity.credit_code', 'The unified social credit code has 18 characters.', {}, [{ path: 'creditCode', code: 'identity.credit_code' }]);
    }
    const passphrase = checkPassphrase(platform, input.passphrase);
    const pair = await crypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
    const privateKeyPkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const { pemOf } = await certificates();
    const { issueInstitutionCertificate } = await import('../../../shared/identity/institution');
    const { certificatePem } = issueInstitutionCertificate({ name, creditCode }, { publicKeyPem: pemOf('PUBLIC KEY', spki), privateKeyPem: pemOf('PRIVATE KEY', privateKeyPkcs8) }, now);
    return saveIdentity(data, platform, actor, { source: 'generated', certificatePem, chainPems: [], privateKeyPkcs8, passphrase }, now);
  });
}

type WorkerAnswer = { ok: true; contents: Pkcs12Contents } | { ok: false; code: string; message: string; params: Record<string, unknown> };

async function openPkcs12(bytes: Uint8Array, passphrase: string): Promise<Pkcs12Contents> {
  if (typeof Worker === 'undefined') {
    const { readPkcs12, IdentityError } = await certificates();
    try {
      return readPkcs12(bytes, passphrase);
    } catch (error) {
      if (error instanceof IdentityError) throw new StoreError(error.code, error.message, error.params);
      throw error;
    }
  }
  const worker = new Worker(new URL('./pkcs12-worker.ts', import.meta.url), { type: 'module' });
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<WorkerAnswer>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ bytes, passphrase });
    });
    if (!answer.ok) throw new StoreError(answer.code, answer.message, answer.params);
    return answer.contents;
  } finally {
    worker.terminate();
  }
}

export interface ImportInput {
  p12: Uint8Array;
  p12Passphrase: string;
  passphrase?: string;
}

/** A CA-issued identity from its PKCS#12 file. */
export async function importIdentity(data: DataStore, platform: Pick<PlatformPort, 'keys'>, actor: User, input: ImportInput, now = new Date()): Promise<StoreResult<StoredIdentity>> {
  return asResult(async () => {
    requireAdmin(actor);
    const passphrase = checkPassphrase(platform, input.passphrase);
    if (input.p12.length === 0 || input.p12.length > 1_000_000) throw new StoreError('identity.p12_unreadable', 'This is not a PKCS#12 (.p12/.pfx) file.');
    const contents = await openPkcs12(input.p12, input.p12Passphrase);
    return saveIdentity(data, platform, actor, { source: 'imported', certificatePem: contents.certificatePem, chainPems: contents.chainPems, privateKeyPkcs8: contents.privateKeyPkcs8, passphrase }, now);
  });
}

/** Keys unsealed in this window, by keyId, until lockIdentity (sign-out, screen lock, a new identity). */
const unlocked = new Map<string, CryptoKey>();

export function lockIdentity(): void {
  unlocked.clear();
}

export function identityUnlocked(keyId: string): boolean {
  return unlocked.has(keyId);
}

/** Whether signing will ask for the passphrase (the key is sealed by one and not unlocked yet). */
export function needsPassphrase(identity: Pick<StoredIdentity, 'mechanism'>, keyId: string): boolean {
  return identity.mechanism === 'passphrase' && !identityUnlocked(keyId);
}

/**
 * The non-extractable signing key of a sealed PKCS#8 key, unsealed once per window. A wrong
 * passphrase is refused with `wrongPassphrase` (named for whose key it is).
 */
export async function unsealKey(
  platform: Pick<PlatformPort, 'keys'>,
  sealed: { keyId: string; sealedKey: string; mechanism: StoredIdentity['mechanism'] },
  passphrase: string | undefined,
  wrongPassphrase: StoreError,
): Promise<CryptoKey> {
  const known = unlocked.get(sealed.keyId);
  if (known) return known;
  if (sealed.mechanism !== platform.keys.mechanism) {
    throw new StoreError('identity.other_machine', 'The key was sealed on another computer or profile; import the PKCS#12 file again.');
  }
  let pkcs8: Uint8Array;
  try {
    pkcs8 = await platform.keys.unprotect(fromBase64(sealed.sealedKey), sealed.mechanism === 'passphrase' ? passphrase : undefined);
  } catch {
    throw wrongPassphrase;
  }
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, RSA, false, ['sign']);
  } finally {
    pkcs8.fill(0);
  }
  unlocked.set(sealed.keyId, key);
  return key;
}

/** RSASSA-PKCS1-v1_5 / SHA-256 with a WebCrypto key. */
export async function signWith(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(RSA, key, data as Uint8Array<ArrayBuffer>));
}

/**
 * The key of a sealed identity (the institution's or a mediator's), once its certificate may sign
 * today (not expired, not yet valid, not weak); `wrongPassphrase` names whose key stayed locked.
 */
export async function signingKeyOf(
  platform: Pick<PlatformPort, 'keys'>,
  sealed: { certificatePem: string; sealedKey: string; mechanism: StoredIdentity['mechanism'] },
  passphrase: string | undefined,
  now: Date,
  wrongPassphrase: StoreError,
): Promise<{ key: CryptoKey; summary: CertificateSummary }> {
  const { summarizeCertificate, assertMaySign, IdentityError } = await certificates();
  const summary = summarizeCertificate(sealed.certificatePem);
  try {
    assertMaySign(summary, now);
  } catch (error) {
    if (error instanceof IdentityError) throw new StoreError(error.code, error.message, error.params);
    throw error;
  }
  const key = await unsealKey(platform, { keyId: summary.keyId, sealedKey: sealed.sealedKey, mechanism: sealed.mechanism }, passphrase, wrongPassphrase);
  return { key, summary };
}

/**
 * The institution's unsealed key. Refused when there is no identity, the passphrase is wrong, or
 * the certificate may not sign today (expired, not yet valid).
 */
export async function institutionKey(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  passphrase?: string,
  now = new Date(),
): Promise<{ key: CryptoKey; summary: CertificateSummary; identity: StoredIdentity }> {
  const identity = await readIdentity(data);
  if (!identity) throw new StoreError('identity.missing', 'The institution has no signing identity yet; an administrator sets it up under Settings.');
  const { key, summary } = await signingKeyOf(
    platform,
    identity,
    passphrase,
    now,
    new StoreError('identity.wrong_passphrase', 'The passphrase does not unlock the institution key.', {}, [{ path: 'passphrase', code: 'identity.wrong_passphrase' }]),
  );
  return { key, summary, identity };
}

/** The institution's checkpoint signer (see institutionKey for when it is refused). */
export async function institutionSigner(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  passphrase?: string,
  now = new Date(),
): Promise<{ signer: Signer; summary: CertificateSummary; identity: StoredIdentity }> {
  const { key, summary, identity } = await institutionKey(data, platform, passphrase, now);
  const signer: Signer = async (data) => ({ signature: base64(await signWith(key, data)), keyId: summary.keyId });
  return { signer, summary, identity };
}

/** Checks signatures against the given certificates (WebCrypto), found by their keyId. */
export function verifierFor(certificatePems: readonly string[]): SignatureVerifier {
  let keys: Promise<Map<string, CryptoKey>> | null = null;
  const load = async () => {
    const { summarizeCertificate, publicKeySpki } = await certificates();
    const map = new Map<string, CryptoKey>();
    for (const pem of certificatePems) {
      const { keyId } = summarizeCertificate(pem);
      map.set(keyId, await crypto.subtle.importKey('spki', publicKeySpki(pem) as Uint8Array<ArrayBuffer>, RSA, false, ['verify']));
    }
    return map;
  };
  return async (data, signatureBase64, keyId) => {
    keys ??= load();
    const key = (await keys).get(keyId);
    if (!key) return false;
    return crypto.subtle.verify(RSA, key, fromBase64(signatureBase64) as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  };
}

/** Every certificate the institution has signed with, newest first. */
export function identityCertificates(identity: StoredIdentity | null): string[] {
  return identity ? [identity.certificatePem, ...[...identity.retiredCertificatePems].reverse()] : [];
}
