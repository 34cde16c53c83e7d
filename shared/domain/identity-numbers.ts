// Where a party's identity document number is printed in full and where it is masked
// (docs/identity-numbers.md): in full only in the legal documents that need it to identify the
// party — the signed agreement, the application for judicial confirmation and the court's ruling —
// and masked (340202********1234) everywhere else: lists, previews and drafts, the English
// translation copy, other exports. The documents' composers apply it themselves, so a caller that
// hands over full numbers for a preview still gets a masked one; the callers that hand over full
// numbers record each one they reveal (the audit event party.reveal_id).
import { maskIdNumber } from './identifiers';

/** What a document is, for the rule. */
export type IdNumberUse = 'legal_document' | 'draft' | 'translation' | 'list' | 'export';

export function idNumbersInFull(use: IdNumberUse): boolean {
  return use === 'legal_document';
}

/** The parties with each natural person's ID number as the rule has it for this use (legal persons' credit codes are public). */
export function partiesForUse<P extends { kind: string }>(parties: readonly P[], use: IdNumberUse): P[] {
  if (idNumbersInFull(use)) return [...parties];
  return parties.map((p) => ('idNumber' in p && typeof p.idNumber === 'string' && p.kind === 'natural' ? { ...p, idNumber: maskIdNumber(p.idNumber) } : p));
}
