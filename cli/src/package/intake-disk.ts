// The intake's free-space reserve, held while bytes arrive. A declared length says nothing about a
// chunked upload (it has none) nor about the uploads running beside it, so every upload's bytes are
// counted as they are written, against the free space less the reserve less what the other
// uploads have still to write of what they declared. Asking the disk for each chunk would cost a
// system call per 64 KiB; the free space is asked again once a few MiB have been written since the
// last answer, and the bytes written meanwhile are taken off it — as are, when it is asked, the
// bytes let through but still on their way to the file (the disk does not know them yet).
import { statfsSync } from 'node:fs';

/** Free bytes on the intake's disk, or null where the platform cannot say (then there is no reserve to keep). */
export type FreeSpaceProbe = () => number | null;

export function diskFreeSpace(dir: string): FreeSpaceProbe {
  return () => {
    try {
      const fs = statfsSync(dir);
      return fs.bavail * fs.bsize;
    } catch {
      return null;
    }
  };
}

/** One upload's share: `take` before writing each chunk; `release` when the upload ends, however it ends. */
export interface DiskClaim {
  /** Whether `bytes` more may be written now; false once the reserve would be touched (and from then on). */
  take(bytes: number): boolean;
  /** The file the bytes go to: what it has written is on the disk, the rest is still to come. */
  track(file: { readonly bytesWritten: number }): void;
  release(): void;
}

export interface DiskBudget {
  /** A claim for an upload declaring `declared` bytes (0 when it declares none); null when there is no room for them. */
  admit(declared: number): DiskClaim | null;
}

interface Share {
  declared: number;
  /** Bytes let through to the file. */
  written: number;
  file: { readonly bytesWritten: number } | null;
}

/** Written bytes after which the free space is asked again rather than estimated. */
const REPROBE_BYTES = 4 * 1024 * 1024;

export function diskBudget(probe: FreeSpaceProbe, reserveBytes: number, options: { reprobeBytes?: number; makeRoom?: (bytes: number) => number } = {}): DiskBudget {
  const reprobeBytes = options.reprobeBytes ?? REPROBE_BYTES;
  const claims = new Set<Share>();
  let lastFree: number | null = null;
  let writtenSince = 0;

  function free(): number | null {
    if (lastFree === null || writtenSince >= reprobeBytes) {
      let underway = 0;
      for (const c of claims) underway += Math.max(0, c.written - (c.file?.bytesWritten ?? 0));
      const probed = probe();
      lastFree = probed === null ? null : probed - underway;
      writtenSince = 0;
    }
    return lastFree === null ? null : lastFree - writtenSince;
  }

  /** What the other uploads have declared and not yet written. */
  function promisedToOthers(except: Share | null): number {
    let total = 0;
    for (const c of claims) if (c !== except) total += Math.max(0, c.declared - c.written);
    return total;
  }

  /** Room for `bytes` beside the others; when short, the store may make room (unknown signers' packages first) and the disk is asked again. */
  function fits(bytes: number, except: Share | null): boolean {
    const room = () => {
      const available = free();
      return available === null ? Infinity : available - reserveBytes - promisedToOthers(except);
    };
    if (room() >= bytes) return true;
    if (!options.makeRoom || options.makeRoom(bytes - room()) === 0) return false;
    lastFree = null;
    return room() >= bytes;
  }

  return {
    admit(declared) {
      // A new upload is rare beside its chunks: the disk is asked afresh.
      lastFree = null;
      if (!fits(declared, null)) return null;
      const claim: Share = { declared, written: 0, file: null };
      claims.add(claim);
      let refused = false;
      return {
        take(bytes) {
          if (refused) return false;
          if (!fits(bytes, claim)) {
            refused = true;
            return false;
          }
          claim.written += bytes;
          writtenSince += bytes;
          return true;
        },
        track(file) {
          claim.file = file;
        },
        release() {
          claims.delete(claim);
        },
      };
    },
  };
}
