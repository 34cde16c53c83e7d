// Widow control for the printed documents: the last page never holds a single line of the text
// alone. A document is laid out once; if its last page holds one line and nothing else, it is laid
// out again with the page turned one item earlier (with the heading that item belongs under), so
// that line has company.

export type SlotKind = 'line' | 'heading' | 'block';

/** What each line or block of one layout was placed as and on which page, and where to turn early. */
export class Slots {
  private readonly pages: number[] = [];
  private readonly kinds: SlotKind[] = [];
  private turned = false;

  constructor(private readonly turnBefore: number | null = null) {}

  /** Whether the page must turn before the next item though it would fit; true once. */
  mustTurn(): boolean {
    if (this.turned || this.pages.length !== this.turnBefore) return false;
    this.turned = true;
    return true;
  }

  /** The item just placed, and the page (0-based) it is on. */
  placed(page: number, kind: SlotKind): void {
    this.pages.push(page);
    this.kinds.push(kind);
  }

  /** The item before which the page should turn instead, or null when the last page is fine as it is. */
  earlierTurn(): number | null {
    const last = this.pages[this.pages.length - 1];
    if (last === undefined) return null;
    const onLast = this.pages.filter((p) => p === last).length;
    if (onLast !== 1 || this.kinds[this.pages.length - 1] !== 'line') return null;
    let at = this.pages.length - 2;
    // A heading moves with what follows it.
    while (at > 0 && this.kinds[at - 1] === 'heading' && this.pages[at - 1] === this.pages[at]) at--;
    // Moving everything the page before holds would only leave that page empty.
    if (at <= 0 || this.pages[at - 1] !== this.pages[at]) return null;
    return at;
  }
}

/** Lays a document out, and again with an earlier page turn when the last page would hold one line alone. */
export async function withoutWidow<T>(layOut: (slots: Slots) => Promise<T>): Promise<T> {
  const first = new Slots();
  const result = await layOut(first);
  const turn = first.earlierTurn();
  return turn === null ? result : layOut(new Slots(turn));
}
