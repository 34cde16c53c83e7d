// The courts whose signatures this center accepts on receipts and 补正 requests. A court's
// certificate is registered once, after the mediator has compared its fingerprint with the court
// (by phone, or from the court's published notice); from then on only that certificate is trusted
// for that court, so a receipt signed by anyone else is refused.
import { z } from 'zod';
import { verifyDetachedCms } from '../../../shared/confirmation/cms';
import { bytesToHex, sha256Bytes } from '../../../shared/ledger/hash';
import type { User } from '../../../shared/domain/model';
import { DataError, type DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { base64 } from '../identity';

export const TRUSTED_COURTS_KEY = 'confirmation.trustedCourts';

const trustedCourtSchema = z.strictObject({
  name: z.string().min(1).max(200),
  fingerprint256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  pem: z.string().min(1).max(20_000),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type TrustedCourt = z.infer<typeof trustedCourtSchema>;

const trustedCourtsSchema = z.array(trustedCourtSchema);

/** The registered courts; none when the list is missing or damaged (then nothing is trusted). */
export async function readTrustedCourts(data: DataStore): Promise<TrustedCourt[]> {
  try {
    return (await data.meta.get(TRUSTED_COURTS_KEY, trustedCourtsSchema)) ?? [];
  } catch (error) {
    if (error instanceof DataError) return [];
    throw error;
  }
}

export function fingerprintOf(der: Uint8Array): string {
  return (bytesToHex(sha256Bytes(der)).toUpperCase().match(/../g) as string[]).join(':');
}

/** The certificate that signed a receipt or request (json + p7s), whatever it claims; null when none can be read. */
export function signerOf(json: Uint8Array, p7s: Uint8Array, name: string | null): Omit<TrustedCourt, 'addedAt' | 'addedBy'> | null {
  try {
    const signer = verifyDetachedCms(p7s, json, 'receipt.json').signer;
    if (!signer) return null;
    const body = base64(signer.der).replace(/(.{64})/g, '$1\n').trim();
    return { name: name ?? '', fingerprint256: fingerprintOf(signer.der), pem: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n` };
  } catch {
    return null;
  }
}

/** Registers a court's certificate, audited, in one transaction (joining the caller's, when there is one). */
export async function registerTrustedCourt(data: DataStore, actor: User, court: Omit<TrustedCourt, 'addedAt' | 'addedBy'>, at: string, caseId: string | null): Promise<void> {
  await data.transact(actorOf(actor), async () => {
    const existing = await readTrustedCourts(data);
    if (existing.some((c) => c.fingerprint256 === court.fingerprint256)) return;
    await data.meta.put(TRUSTED_COURTS_KEY, trustedCourtsSchema.parse([...existing, { ...court, addedAt: at, addedBy: actor.displayName }]));
    await data.events.record({ actor: actorOf(actor), at, entity: 'confirmation', entityId: court.fingerprint256, caseId, action: 'confirmation.trust_court', after: { name: court.name, fingerprint256: court.fingerprint256 } });
  });
}
