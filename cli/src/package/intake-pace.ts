// Slow senders: the intake receives a few uploads at once, so a sender trickling a byte every few
// seconds would hold a slot for as long as it liked (the idle timeout only cuts silence). Every
// upload must deliver a minimum number of bytes in each window of time; one that does not is cut
// off and its slot freed. The window is long enough for a real package over a poor line, whose
// rate is far above the minimum for minutes on end.

export interface PaceLimit {
  /** Length of each window. */
  windowMs: number;
  /** Bytes an upload must deliver in each window. */
  minBytes: number;
}

/** 64 KiB a minute: a package over the slowest line a center has delivers far more. */
export const DEFAULT_PACE: PaceLimit = { windowMs: 60_000, minBytes: 64 * 1024 };

export interface PaceWatch {
  /** Counts bytes as they arrive. */
  count(bytes: number): void;
  stop(): void;
}

/** Calls `tooSlow` once when a window ends with fewer than `minBytes` delivered in it. */
export function watchPace(limit: PaceLimit, tooSlow: () => void): PaceWatch {
  let inWindow = 0;
  const timer = setInterval(() => {
    if (inWindow < limit.minBytes) {
      clearInterval(timer);
      tooSlow();
    }
    inWindow = 0;
  }, limit.windowMs);
  timer.unref();
  return {
    count(bytes) {
      inWindow += bytes;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
