// Submitting a stored package to a court's intake URL from the main process (platform port
// CourtIntakeAccess, Electron adapter): the package streams from the blob store on disk to the
// court (shared/confirmation/intake-client.ts), the renderer asks for progress and may cancel.
// Each submission belongs to the window that began it.
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntakeSubmitError, submitToIntake, type FetchLike } from '../../shared/confirmation/intake-client';
import { parseIntakeUrl, type IntakeSubmitResult } from '../../shared/protocol/intake';
import type { BlobStoreService } from '../platform/blob-store';

interface Running {
  ownerId: number;
  bytesSent: number;
  bytesTotal: number;
  controller: AbortController;
}

export interface IntakeSubmitter {
  submit(ownerId: number, requestId: string, url: string, sha256: string): Promise<IntakeSubmitResult>;
  /** Bytes sent so far of a running submission (null when it is not running). */
  progress(ownerId: number, requestId: string): { bytesSent: number; bytesTotal: number } | null;
  cancel(ownerId: number, requestId: string): void;
  /** Cancels every submission of a window (its webContents was destroyed). */
  releaseOwner(ownerId: number): void;
}

export function createIntakeSubmitter(deps: { blobs: Pick<BlobStoreService, 'readStream' | 'size'>; fetchImpl?: FetchLike }): IntakeSubmitter {
  const fetchImpl = deps.fetchImpl ?? (fetch as unknown as FetchLike);
  const running = new Map<string, Running>();
  const owned = (ownerId: number, requestId: string) => {
    const entry = running.get(requestId);
    return entry?.ownerId === ownerId ? entry : null;
  };

  return {
    async submit(ownerId, requestId, url, sha256) {
      const target = parseIntakeUrl(url);
      if (!target.ok) return { ok: false, code: 'refused', message: 'The court’s intake URL must be an http or https address without a user name or password.' };
      if (running.has(requestId)) return { ok: false, code: 'refused', message: 'This submission is already running.' };
      // Registered before anything is awaited, so a cancel that comes at once is not lost.
      const entry: Running = { ownerId, bytesSent: 0, bytesTotal: 0, controller: new AbortController() };
      running.set(requestId, entry);
      const size = await deps.blobs.size(sha256).catch(() => null);
      if (size === null) {
        running.delete(requestId);
        return { ok: false, code: 'unavailable', message: 'The package is no longer stored on this workstation; build it again.' };
      }
      entry.bytesTotal = size;
      // Opened only when the court does not have the package yet.
      const counted = () => {
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            entry.bytesSent += chunk.length;
            done(null, chunk);
          },
        });
        deps.blobs.readStream(sha256).then(
          // pipeline closes the file when the upload ends early (cancelled, or the court answered).
          (stored) => {
            if (stored) void pipeline(stored.stream, counter).catch(() => undefined);
            else counter.destroy(new Error('The package disappeared while it was being sent.'));
          },
          (error: unknown) => counter.destroy(error as Error),
        );
        return Readable.toWeb(counter);
      };
      try {
        const answer = await submitToIntake(fetchImpl, { url: target.url, sha256, body: counted, signal: entry.controller.signal });
        return { ok: true, answer };
      } catch (error) {
        if (error instanceof IntakeSubmitError) return { ok: false, code: error.code, message: error.message.slice(0, 2000), said: error.said.slice(0, 2000) };
        throw error;
      } finally {
        running.delete(requestId);
      }
    },
    progress(ownerId, requestId) {
      const entry = owned(ownerId, requestId);
      return entry ? { bytesSent: entry.bytesSent, bytesTotal: entry.bytesTotal } : null;
    },
    cancel(ownerId, requestId) {
      owned(ownerId, requestId)?.controller.abort();
    },
    releaseOwner(ownerId) {
      for (const entry of running.values()) if (entry.ownerId === ownerId) entry.controller.abort();
    },
  };
}
