// What the hall's screens share: the clock that keeps waiting times live, and the day's records
// reloaded whenever a hall record changes, in this window or another (the data layer's change feed
// reaches the store's other windows through a BroadcastChannel).
import { useCallback, useEffect, useState } from 'react';
import type { DataStore } from '../../data';
import { HALL_KIND_NAMES } from './kinds';

/** The current time, renewed every `intervalMs` (waiting times, who is on duty now, the day). */
export function useNow(intervalMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * `load()`'s value, loaded now and again after every committed change to a hall record (and to
 * the accounts when `alsoKinds` says so). A failed read is kept as its message.
 */
export function useHallRecords<T>(data: DataStore, load: () => Promise<T>, alsoKinds: readonly string[] = []): { value: T | null; error: string | null; reload: () => Promise<void> } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setValue(await load());
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [load]);
  const also = alsoKinds.join(',');
  useEffect(() => {
    void reload();
    const extra = new Set(also ? also.split(',') : []);
    return data.changes.subscribe((changes) => {
      if (changes.some((c) => HALL_KIND_NAMES.has(c.kind) || extra.has(c.kind) || c.op === 'replace_all')) void reload();
    });
  }, [data, reload, also]);
  return { value, error, reload };
}
