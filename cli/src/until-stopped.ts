// The end of a command that serves (`mw signal`, `mw serve`, `mw server start`): it runs until
// SIGINT, SIGTERM or a test's `stop`, then closes what it serves and says so.
import { json, type Io } from './io';

/** Resolves at SIGINT, SIGTERM or `stop`, whichever comes first, and leaves no listener behind. */
export function untilStopped(stop?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    if (stop?.aborted) done();
    else stop?.addEventListener('abort', done);
  });
}

/** Waits until stopped, closes, and prints `{"stopped": true}` or "<what> stopped."; exit code 0. */
export async function serveUntilStopped(what: string, close: () => Promise<void>, io: Io, asJson: boolean, stop?: AbortSignal): Promise<number> {
  await untilStopped(stop);
  await close();
  if (asJson) io.out(json({ stopped: true }));
  else io.out(`${what} stopped.\n`);
  return 0;
}
