// Whether a certificate is in its validity period, and how soon it ends. Apart from
// ./certificate.ts so screens can show it without loading node-forge.

/** Days ahead of expiry from which the certificate is flagged (issue 4 item 1). */
export const EXPIRY_WARNING_DAYS = 30;

export type Validity = 'valid' | 'expiring' | 'expired' | 'not_yet_valid';

export function validityAt(summary: { notBefore: string; notAfter: string }, now: Date): { state: Validity; daysLeft: number } {
  const daysLeft = Math.floor((Date.parse(summary.notAfter) - now.getTime()) / 86_400_000);
  if (now.getTime() < Date.parse(summary.notBefore)) return { state: 'not_yet_valid', daysLeft };
  if (now.getTime() > Date.parse(summary.notAfter)) return { state: 'expired', daysLeft };
  return { state: daysLeft < EXPIRY_WARNING_DAYS ? 'expiring' : 'valid', daysLeft };
}

