// Search keys for the case list. The list answers "some key starts with q" (one scan of its
// in-memory catalog, renderer/db/case-catalog.ts), so per case we keep every suffix of each party
// name: "q occurs in the name" is then "some suffix starts with q"; and the case number and phones
// in the forms people type them. Names are short, so this costs a few dozen keys per case.
import { validateMobile } from './identifiers';
import { foldFullWidth } from './text';

/** Upper bound on keys per case, so one case with a very long company name cannot bloat the index. */
export const MAX_SEARCH_TERMS = 200;
/** Only this many leading characters of a name contribute suffixes. */
const NAME_CHARS_INDEXED = 40;

/** The form both stored keys and typed queries take: NFC, full-width folded, lower-case, no spaces. */
export function normalizeSearchText(q: string): string {
  return foldFullWidth(q.normalize('NFC')).toLowerCase().replace(/\s+/g, '');
}

function suffixes(s: string): string[] {
  const chars = [...s].slice(0, NAME_CHARS_INDEXED);
  return chars.map((_, i) => chars.slice(i).join(''));
}

export interface SearchSource {
  number: string;
  parties: { name: string; phone?: string }[];
}

export function buildSearchTerms(input: SearchSource): string[] {
  const terms = new Set<string>();
  const add = (s: string): void => {
    if (s !== '' && terms.size < MAX_SEARCH_TERMS) terms.add(s);
  };

  // The case number: whole, from its first non-bracket part on (so "芜解字第42" need not start with
  // the year), and each digit run with and without its zero padding ("00042" and "42").
  const number = normalizeSearchText(input.number);
  add(number);
  const afterYear = /^[(（[〔【]\d+[)）\]〕】](.+)$/.exec(number)?.[1];
  if (afterYear) add(afterYear);
  for (const run of number.match(/\d+/g) ?? []) {
    add(run);
    add(run.replace(/^0+(?=\d)/, ''));
  }

  // Phones first (few and exact) so the cap can only ever trim name suffixes.
  for (const p of input.parties) {
    const mobile = validateMobile(p.phone ?? '');
    const phone = mobile.ok ? mobile.normalized : normalizeSearchText(p.phone ?? '').replace(/\D/g, '');
    if (phone.length >= 4) {
      add(phone);
      add(phone.slice(-4));
    }
  }
  for (const p of input.parties) {
    for (const s of suffixes(normalizeSearchText(p.name))) add(s);
  }
  return [...terms];
}
