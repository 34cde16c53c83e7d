// The court's side of a dispute it entrusted (委派调解) that ended in an agreement: which of the
// confirmation packages this court received belong to which entrustment. A package names neither
// the referral nor the court's entrustment; the mediation institution's signed answers do name the
// case it registered (its number, from the acceptance on) and, once built, the package (its id and
// SHA-256). So a received package belongs to an entrusted dispute when the answer names its SHA-256,
// or when it comes from the answering institution for the case the answer names. A package of a
// dispute the court did not entrust matches no entrustment and is received as any other.
import type { CourtFiling } from '../../../shared/confirmation/court/filing';
import type { ReferralRecord } from './kinds';

type Institution = { name: string; creditCode: string };

/** The same institution: by credit code when both carry one, else by name. */
function sameInstitution(a: Institution, b: Institution): boolean {
  const codeA = a.creditCode.trim();
  const codeB = b.creditCode.trim();
  if (codeA !== '' && codeB !== '') return codeA === codeB;
  return a.name.trim() === b.name.trim();
}

/** Whether `filing` is a package of the dispute `record` entrusted (an entrustment this workstation sent). */
export function belongsToEntrustment(record: ReferralRecord, filing: CourtFiling): boolean {
  if (record.direction !== 'outgoing' || record.referral.kind !== 'court_entrusted') return false;
  const answer = record.answer;
  if (!answer || answer.caseNumber === null) return false;
  if (answer.agreement?.packageSha256 && answer.agreement.packageSha256 === filing.packageSha256) return true;
  const pkg = filing.package;
  return pkg !== null && pkg.caseNumber === answer.caseNumber && sameInstitution(answer.answerer, pkg.institution);
}

/** The packages received for an entrustment, the latest first. */
export function packagesOfEntrustment(record: ReferralRecord, filings: readonly CourtFiling[]): CourtFiling[] {
  return filings.filter((f) => belongsToEntrustment(record, f)).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** The entrustment a received package belongs to, or null (a dispute this court did not entrust). */
export function entrustmentOfPackage(filing: CourtFiling, records: readonly ReferralRecord[]): ReferralRecord | null {
  return records.find((r) => belongsToEntrustment(r, filing)) ?? null;
}
