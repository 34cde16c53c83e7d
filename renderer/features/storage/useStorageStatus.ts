// What the storage card and the frame's notice show, read when they appear, when the user moves
// to another screen, and shortly after the store commits a change (an export records its backup,
// an import adds files).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useServices } from '../../app/services';
import { readLastBackup, type LastBackup } from '../../kit/last-backup';
import { browserStorage, readPersistence, readSpace, requestPersistentStorage, type Persistence, type SpaceEstimate } from './quota';

export interface StorageStatus {
  /** False until the first reading; nothing is claimed before it. */
  readonly loaded: boolean;
  readonly persistence: Persistence;
  readonly space: SpaceEstimate | null;
  readonly lastBackup: LastBackup | undefined;
  /** When it was read: the backup reminder's "now". */
  readonly readAt: Date;
}

const NOT_READ: StorageStatus = { loaded: false, persistence: 'unknown', space: null, lastBackup: undefined, readAt: new Date(0) };
/** Changes come in bursts (a restore, several files at once): one reading after the burst. */
const SETTLE_MS = 300;
/**
 * The storage is read (at start and after each screen change) once the screen has done its own work: asking the
 * browser for an estimate walks the origin's storage, and competing with the screen's first reads
 * cost the case list a third of its time to first rows (npm run bench -- cases).
 */
const AFTER_SCREEN_MS = 1500;

export function useStorageStatus(): StorageStatus {
  const { data } = useServices();
  const { pathname } = useLocation();
  const [status, setStatus] = useState<StorageStatus>(NOT_READ);
  // Only the latest reading is shown; one that ends after a newer one (or after unmounting) is dropped.
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    await requestPersistentStorage();
    const manager = browserStorage();
    const [persistence, space, lastBackup] = await Promise.all([
      readPersistence(manager),
      readSpace(manager),
      // A record that no longer parses counts as no backup: the reminder then asks for one.
      readLastBackup(data).catch(() => undefined),
    ]);
    if (mine === generation.current) setStatus({ loaded: true, persistence, space, lastBackup, readAt: new Date() });
  }, [data]);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), AFTER_SCREEN_MS);
    return () => clearTimeout(timer);
  }, [refresh, pathname]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = data.changes.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      generation.current += 1;
    };
  }, [data, refresh]);

  return status;
}
