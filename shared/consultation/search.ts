// Search keys of a consultation, the way the case list keeps them (shared/domain/search.ts): every
// suffix of the person's name, the register number and its digit runs, the phone whole and its last
// four digits; and the ID number whole and its last four characters, since a desk asks for them.
import { buildSearchTerms, normalizeSearchText } from '../domain/search';
import type { ConsultationPerson } from './model';

export function consultationSearchTerms(number: string, person: ConsultationPerson | null): string[] {
  if (person === null) return buildSearchTerms({ number, parties: [] });
  const terms = buildSearchTerms({ number, parties: [{ name: person.name, phone: person.phone }] });
  const id = normalizeSearchText(person.idNumber);
  if (id !== '') {
    for (const key of [id, id.slice(-4)]) if (!terms.includes(key)) terms.push(key);
  }
  return terms;
}

/** Register number of a consultation: 咨2026-00042. */
export function consultationNumber(year: number, seq: number): string {
  return `咨${year}-${String(seq).padStart(5, '0')}`;
}
