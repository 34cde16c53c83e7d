// "Seen before" (issue 18 item 4): earlier consultations and cases of the SAME institution whose
// person matches the one now at the desk by ID number, phone or name. Pure: the caller hands in
// what its own store holds, and anything of another institution is dropped here as well, so a
// record that arrived by some other way is never matched across institutions
// (个人信息保护法). A match by ID number or phone is exact (normalised); by name it is the same
// name after NFC and space folding, and is said to be weaker.
import { normalizeSearchText } from '../domain/search';

export type MatchBasis = 'idNumber' | 'phone' | 'name';

export interface PersonKey {
  name: string;
  idNumber: string;
  phone: string;
}

export interface Candidate<T> {
  institutionId: string;
  persons: readonly PersonKey[];
  item: T;
}

export interface SeenBefore<T> {
  item: T;
  /** Strongest first: ID number, then phone, then name. */
  matchedBy: MatchBasis[];
}

const norm = (s: string): string => normalizeSearchText(s);

/** What of `probe` matches `other`, strongest first; [] when nothing does. */
export function matchPerson(probe: PersonKey, other: PersonKey): MatchBasis[] {
  const by: MatchBasis[] = [];
  if (probe.idNumber !== '' && norm(probe.idNumber) === norm(other.idNumber)) by.push('idNumber');
  if (probe.phone !== '' && norm(probe.phone) === norm(other.phone)) by.push('phone');
  if (probe.name !== '' && norm(probe.name) === norm(other.name)) by.push('name');
  return by;
}

/** The candidates of `institutionId` matching the probe, strongest matches first. */
export function findSeenBefore<T>(probe: PersonKey, institutionId: string, candidates: Iterable<Candidate<T>>): SeenBefore<T>[] {
  if (probe.idNumber === '' && probe.phone === '' && probe.name.trim() === '') return [];
  const found: SeenBefore<T>[] = [];
  for (const c of candidates) {
    if (c.institutionId !== institutionId) continue;
    const by = new Set<MatchBasis>();
    for (const p of c.persons) for (const b of matchPerson(probe, p)) by.add(b);
    if (by.size > 0) found.push({ item: c.item, matchedBy: (['idNumber', 'phone', 'name'] as const).filter((b) => by.has(b)) });
  }
  const rank = (s: SeenBefore<T>): number => (s.matchedBy.includes('idNumber') ? 0 : s.matchedBy.includes('phone') ? 1 : 2);
  return found.sort((a, b) => rank(a) - rank(b));
}
