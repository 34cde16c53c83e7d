// One way for a screen to run a command: busy while it runs (so the button shows it and a second
// click does nothing), the refusal kept for the place the user acted, and what the screen shows
// reloaded after a success.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { StoreError, StoreResult } from './result';

export interface Command<A extends unknown[], T> {
  /** Runs the command unless it is already running; resolves to its result (null when skipped). */
  run: (...args: A) => Promise<StoreResult<T> | null>;
  busy: boolean;
  /** The last refusal, until the next run or `clear`. */
  error: StoreError | null;
  clear: () => void;
}

export function useCommand<A extends unknown[], T>(
  command: (...args: A) => Promise<StoreResult<T>>,
  options: { onDone?: (value: T) => void | Promise<void>; reload?: () => void | Promise<void> } = {},
): Command<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StoreError | null>(null);
  const running = useRef(false);
  const latest = useRef({ command, options });
  useLayoutEffect(() => {
    latest.current = { command, options };
  });

  const run = useCallback(async (...args: A) => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const result = await latest.current.command(...args);
      if (result.ok) {
        await latest.current.options.onDone?.(result.value);
        await latest.current.options.reload?.();
      } else {
        setError(result.error);
      }
      return result;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => setError(null), []);
  return { run, busy, error, clear };
}
