// Mediators' certificates (issue 4 item 1): issued by the institution's certificate, one current
// certificate per mediator, the key generated here (WebCrypto) and kept only sealed — by the
// mediator's own passphrase, or the OS keystore in Electron. An administrator issues and revokes;
// a revoked or expired certificate never signs again, and what it signed stays verifiable because
// the PDF carries the certificate.
import type { User } from '../../../shared/domain/model';
import type { PdfSigningKey } from '../../../shared/agreement/pdf-signature/sign';
import type { CertificateSummary } from '../../../shared/identity/certificate';
import { MEDIATOR_IDENTITY_PREFIX, mediatorIdentitySchema, type MediatorCertificate, type MediatorIdentity } from '../../../shared/identity/stored';
import type { PlatformPort } from '../../../shared/platform';
import type { AuditAction } from '../../../shared/audit/actions';
import { z } from 'zod';
import type { DataStore } from '../../data';
import { actorOf, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { base64, identityUnlocked, institutionKey, MIN_KEY_PASSPHRASE, signingKeyOf, signWith } from './store';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const certificates = () => import('../../../shared/identity/certificate');

/** The mediator's identity; null when there is none, or what is stored is not one. */
export async function readMediatorIdentity(data: DataStore, userId: string): Promise<MediatorIdentity | null> {
  const value = await data.meta.get(MEDIATOR_IDENTITY_PREFIX + userId, z.unknown());
  const parsed = value === undefined ? null : mediatorIdentitySchema.safeParse(value);
  return parsed?.success ? parsed.data : null;
}

export async function listMediatorIdentities(data: DataStore): Promise<MediatorIdentity[]> {
  const rows = await data.meta.startingWith(MEDIATOR_IDENTITY_PREFIX, z.unknown());
  return rows.flatMap((row) => {
    const parsed = mediatorIdentitySchema.safeParse(row.value);
    return parsed.success ? [parsed.data] : [];
  });
}

export function currentCertificate(identity: MediatorIdentity | null): MediatorCertificate | null {
  return identity?.certificates.at(-1) ?? null;
}

export async function summarizeMediatorCertificate(certificate: MediatorCertificate): Promise<CertificateSummary> {
  return (await certificates()).summarizeCertificate(certificate.certificatePem);
}

export interface IssueInput {
  userId: string;
  /** The mediator's own passphrase for their key (not needed with the OS keystore). */
  keyPassphrase?: string;
  /** The institution key's passphrase, when it is sealed by one and not unlocked yet. */
  institutionPassphrase?: string;
}

function requireAdmin(actor: User): void {
  if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator issues and revokes mediator certificates.');
}

async function auditIdentity(data: DataStore, actor: User, at: Date, userId: string, action: AuditAction, after: Record<string, unknown>): Promise<void> {
  await data.events.record({ actor: actorOf(actor), at, entity: 'identity', entityId: userId, action, after });
}

/** Issues a new certificate to a mediator; an earlier one stops signing (it is superseded). */
export async function issueMediatorCertificateTo(data: DataStore, platform: Pick<PlatformPort, 'keys'>, actor: User, input: IssueInput, now = new Date()): Promise<StoreResult<MediatorIdentity>> {
  return asResult(async () => {
    requireAdmin(actor);
    const mediator = await data.accounts.get(input.userId);
    if (!mediator || !mediator.active || mediator.role !== 'mediator') throw new StoreError('identity.not_mediator', 'Certificates are issued to active mediators only.');
    if (platform.keys.mechanism === 'passphrase' && (!input.keyPassphrase || [...input.keyPassphrase].length < MIN_KEY_PASSPHRASE)) {
      throw new StoreError('identity.passphrase_short', 'A passphrase of at least 8 characters protects the key.', { min: MIN_KEY_PASSPHRASE }, [
        { path: 'keyPassphrase', code: 'identity.passphrase_short', params: { min: MIN_KEY_PASSPHRASE } },
      ]);
    }
    const { key: institution, identity } = await institutionKey(data, platform, input.institutionPassphrase, now);
    const organization = (await data.institution.get())?.name ?? (await certificates()).summarizeCertificate(identity.certificatePem).subject;
    const { IdentityError } = await certificates();
    const { assertMayIssue, issueMediatorCertificate } = await import('../../../shared/identity/mediator-certificate');
    const asStoreError = (error: unknown) => (error instanceof IdentityError ? new StoreError(error.code, error.message, error.params) : error);
    // Refused before a key exists, so no key material is made for nothing.
    try {
      assertMayIssue(identity.certificatePem, now);
    } catch (error) {
      throw asStoreError(error);
    }
    const pair = await crypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    let certificatePem: string;
    let keyId: string;
    let sealed: Uint8Array;
    try {
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
      ({ certificatePem, keyId } = await issueMediatorCertificate(
        { name: mediator.displayName, userId: mediator.id, organization },
        spki,
        { certificatePem: identity.certificatePem, sign: (data) => signWith(institution, data) },
        now,
      ).catch((error: unknown) => {
        throw asStoreError(error);
      }));
      sealed = await platform.keys.protect(pkcs8, platform.keys.mechanism === 'passphrase' ? input.keyPassphrase : undefined);
    } finally {
      pkcs8.fill(0);
    }
    const certificate: MediatorCertificate = {
      certificatePem,
      sealedKey: base64(sealed),
      mechanism: platform.keys.mechanism,
      issuedAt: now.toISOString(),
      issuedBy: personOf(actor),
      revoked: null,
    };
    return data.transact(actorOf(actor), async () => {
      const previous = await readMediatorIdentity(data, mediator.id);
      const earlier = (previous?.certificates ?? []).map((c) =>
        c.revoked ? c : { ...c, revoked: { at: now.toISOString(), by: personOf(actor), reason: 'superseded' } },
      );
      const next: MediatorIdentity = { version: 1, userId: mediator.id, certificates: [...earlier, certificate].slice(-50) };
      await data.meta.put(MEDIATOR_IDENTITY_PREFIX + mediator.id, next);
      await auditIdentity(data, actor, now, mediator.id, 'identity.mediator_issue', { mediator: mediator.displayName, keyId });
      return next;
    });
  });
}

export async function revokeMediatorCertificate(data: DataStore, actor: User, userId: string, reason: string, now = new Date()): Promise<StoreResult<MediatorIdentity>> {
  return asResult(async () => {
    requireAdmin(actor);
    const why = reason.trim();
    if (why === '' || [...why].length > 500) throw new StoreError('identity.revoke_reason', 'Say why the certificate is revoked.', {}, [{ path: 'reason', code: 'identity.revoke_reason' }]);
    const { summarizeCertificate } = await certificates();
    return data.transact(actorOf(actor), async () => {
      const identity = await readMediatorIdentity(data, userId);
      const current = currentCertificate(identity);
      if (!identity || !current || current.revoked) throw new StoreError('identity.nothing_to_revoke', 'This mediator has no certificate in force.');
      const revoked: MediatorCertificate = { ...current, revoked: { at: now.toISOString(), by: personOf(actor), reason: why } };
      const next: MediatorIdentity = { ...identity, certificates: [...identity.certificates.slice(0, -1), revoked] };
      await data.meta.put(MEDIATOR_IDENTITY_PREFIX + userId, next);
      const { keyId } = summarizeCertificate(current.certificatePem);
      await auditIdentity(data, actor, now, userId, 'identity.mediator_revoke', { keyId, reason: why });
      return next;
    });
  });
}

/** Whether the mediator's signing will ask for their passphrase. */
export async function mediatorNeedsPassphrase(data: DataStore, userId: string): Promise<boolean> {
  const current = currentCertificate(await readMediatorIdentity(data, userId));
  if (!current || current.mechanism !== 'passphrase') return false;
  return !identityUnlocked((await summarizeMediatorCertificate(current)).keyId);
}

/**
 * The mediator's PDF signing key: refused without a certificate, when it is revoked, expired or
 * not yet valid, or when the passphrase is wrong.
 */
export async function mediatorPdfKey(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  mediator: User,
  passphrase: string | undefined,
  institutionChain: string[],
  now = new Date(),
): Promise<{ key: PdfSigningKey; summary: CertificateSummary }> {
  const current = currentCertificate(await readMediatorIdentity(data, mediator.id));
  if (!current) throw new StoreError('identity.mediator_missing', 'You have no mediator certificate yet; an administrator issues one under Settings.');
  if (current.revoked) throw new StoreError('identity.revoked', 'Your mediator certificate was revoked; ask an administrator for a new one.', { reason: current.revoked.reason });
  const { key, summary } = await signingKeyOf(
    platform,
    current,
    passphrase,
    now,
    new StoreError('identity.mediator_wrong_passphrase', 'The passphrase does not unlock your mediator key.', {}, [{ path: 'passphrase', code: 'identity.mediator_wrong_passphrase' }]),
  );
  return { key: { certificatePem: current.certificatePem, chainPems: institutionChain, sign: (data) => signWith(key, data) }, summary };
}

/** The institution's PDF signing key (its certificate and any CA chain it was imported with). */
export async function institutionPdfKey(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  passphrase: string | undefined,
  now = new Date(),
): Promise<{ key: PdfSigningKey; summary: CertificateSummary }> {
  const { key, summary, identity } = await institutionKey(data, platform, passphrase, now);
  return { key: { certificatePem: identity.certificatePem, chainPems: identity.chainPems, sign: (data) => signWith(key, data) }, summary };
}
