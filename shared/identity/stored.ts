// The institution's signing identity as the workstation keeps it (a `meta` row, so backups carry
// it): the certificate in clear, the private key only sealed by the platform port — by the OS
// keystore through Electron's safeStorage where there is one, else by a passphrase (design.md §5).
// Earlier certificates stay listed so checkpoints they signed still verify.
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { sealedKeySchema } from './sealed-keys';

export const IDENTITY_META_KEY = 'institutionIdentity';

export const storedIdentitySchema = z.strictObject({
  version: z.literal(1),
  source: z.enum(['generated', 'imported']),
  certificatePem: z.string().min(1).max(20_000),
  /** The issuing CA's certificates for an imported identity; empty for a self-issued one. */
  chainPems: z.array(z.string().min(1).max(20_000)).max(10),
  /** platform.keys.protect(PKCS#8 DER), base64. */
  sealedKey: sealedKeySchema,
  mechanism: z.enum(['os-keystore', 'passphrase']),
  createdAt: instantSchema,
  createdBy: z.string().min(1),
  /** Certificates replaced by this one: still trusted for what they signed before. */
  retiredCertificatePems: z.array(z.string().min(1).max(20_000)).max(50),
});
export type StoredIdentity = z.infer<typeof storedIdentitySchema>;

/** Meta rows `mediatorIdentity:<userId>`: each mediator's certificate, issued by the institution. */
export const MEDIATOR_IDENTITY_PREFIX = 'mediatorIdentity:';

const actorSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(100) });

export const mediatorCertificateSchema = z.strictObject({
  certificatePem: z.string().min(1).max(20_000),
  /** platform.keys.protect(PKCS#8 DER), base64: sealed by the mediator's own passphrase or the OS keystore. */
  sealedKey: sealedKeySchema,
  mechanism: z.enum(['os-keystore', 'passphrase']),
  issuedAt: instantSchema,
  issuedBy: actorSchema,
  /** A revoked certificate never signs again; what it signed before stays verifiable. */
  revoked: z.strictObject({ at: instantSchema, by: actorSchema, reason: z.string().min(1).max(500) }).nullable(),
});
export type MediatorCertificate = z.infer<typeof mediatorCertificateSchema>;

export const mediatorIdentitySchema = z.strictObject({
  version: z.literal(1),
  userId: z.string().min(1),
  /** Newest last; only the last may sign, and only while it is not revoked. */
  certificates: z.array(mediatorCertificateSchema).min(1).max(50),
});
export type MediatorIdentity = z.infer<typeof mediatorIdentitySchema>;
