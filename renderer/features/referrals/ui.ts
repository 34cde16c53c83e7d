// Small pieces the referral screens share.
import { getCategory } from '../../../shared/domain/categories';
import type { Language } from '../../../shared/domain/model';
import type { ReferralStatus } from '../../../shared/referral';

export function categoryLabel(code: string, lang: Language): string {
  return getCategory(code)?.name[lang] ?? code;
}

export function statusColor(status: ReferralStatus): string {
  switch (status) {
    case 'accepted':
    case 'agreement_reached':
      return 'green';
    case 'declined':
    case 'terminated':
      return 'red';
    default:
      return 'blue';
  }
}

/** A fingerprint in groups of four, for reading aloud over the phone. */
export function groupedFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ').toUpperCase();
}
