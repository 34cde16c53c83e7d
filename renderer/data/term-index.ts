// "Some term of an entry starts with q" over many entries at once: every entry's terms, each
// preceded by TERM_SEPARATOR, are laid end to end in one string, so a search is a few native
// indexOf scans over it rather than one test per entry. The case list's catalog (./dexie/case-
// catalog.ts) and the consultation register's list both search this way.

/** Precedes each term in an entry's search text. */
export const TERM_SEPARATOR = '\u0001';

/** An entry's search text: its terms, each preceded by TERM_SEPARATOR. */
export function searchTextOf(terms: readonly string[]): string {
  return terms.map((term) => TERM_SEPARATOR + term).join('');
}

export class TermIndex<T> {
  private haystack: { text: string; starts: Int32Array } | null = null;

  constructor(
    private readonly entries: readonly T[],
    private readonly textOf: (entry: T) => string,
  ) {}

  /** The entries with a term starting with `typed` (normalised, without TERM_SEPARATOR). */
  search(typed: string): Set<T> {
    const { text, starts } = this.prepare();
    const needle = TERM_SEPARATOR + typed;
    const found = new Set<T>();
    for (let at = text.indexOf(needle); at !== -1; ) {
      let lo = 0;
      let hi = this.entries.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((starts[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      found.add(this.entries[lo] as T);
      at = text.indexOf(needle, starts[lo + 1]);
    }
    return found;
  }

  /** Lays out the search string (once, at the first search). */
  private prepare(): { text: string; starts: Int32Array } {
    if (!this.haystack) {
      const starts = new Int32Array(this.entries.length + 1);
      let length = 0;
      this.entries.forEach((entry, i) => {
        starts[i] = length;
        length += this.textOf(entry).length;
      });
      starts[this.entries.length] = length;
      this.haystack = { text: this.entries.map(this.textOf).join(''), starts };
    }
    return this.haystack;
  }
}
