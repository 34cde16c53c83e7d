// One request at a time works on an upload's bytes, in this process. A newer PATCH of the same
// upload stops the one still running (its sender has given up on it and resumes: a dropped
// connection may not have reached the server yet) and waits for it to let go; a finish waits.
// With several server processes behind one proxy, uploads must stay with one of them (the proxy's
// sticky sessions); docs/server.md "Files".

interface Holder {
  readonly released: Promise<void>;
  readonly stop: () => void;
}

export class UploadLocks {
  private readonly held = new Map<string, Holder>();

  /** Holds `id` until the returned release is called; `stop` is how a newer request stops this one. */
  async acquire(id: string, stop: () => void = () => undefined): Promise<() => void> {
    for (;;) {
      const holder = this.held.get(id);
      if (!holder) break;
      holder.stop();
      await holder.released;
    }
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.held.set(id, { released, stop });
    return () => {
      this.held.delete(id);
      release();
    };
  }
}
