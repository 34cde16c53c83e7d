// Every committed write leaves a change record: which kind of record, which ids, at which version
// of the store, by whom and when. Screens observe them to refresh what they show; the center
// server's sync will send them. A bulk restore leaves one record per batch, not one per row.
import { z } from 'zod';

export const changeRecordSchema = z.strictObject({
  /** The store's version after the commit that made this change: increases by one per commit. */
  version: z.number().int().positive(),
  /** A built-in kind (registry.ts) or one defined with defineRecordKind. */
  kind: z.string().min(1).max(64),
  op: z.enum(['put', 'delete', 'replace_all']),
  /** The records written; for `replace_all`, the batch's ids (a restore writes in batches). */
  ids: z.array(z.string()),
  /** The acting account's id, or `system`. */
  who: z.string().min(1),
  when: z.iso.datetime({ offset: true }),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;

export type ChangeListener = (changes: readonly ChangeRecord[]) => void;

/**
 * Delivers committed changes to listeners in this window and, through a BroadcastChannel named
 * after the store, to the store's other windows (a second tab, the court's inbox).
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly channel: BroadcastChannel | null;

  constructor(storeName: string) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`mw-changes:${storeName}`) : null;
    // In Node (unit tests) an open channel would keep the process alive.
    (this.channel as { unref?: () => void } | null)?.unref?.();
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = z.array(changeRecordSchema).safeParse(event.data);
      if (parsed.success) this.deliver(parsed.data);
    });
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the adapter once a transaction has committed. */
  publish(changes: readonly ChangeRecord[]): void {
    if (changes.length === 0) return;
    this.deliver(changes);
    this.channel?.postMessage(changes);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }

  private deliver(changes: readonly ChangeRecord[]): void {
    for (const listener of [...this.listeners]) listener(changes);
  }
}
