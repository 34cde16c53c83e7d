// GET /health, for monitoring: the database reachable and at this server's migrations, and the
// file folder writable with room to spare. "ok" and "degraded" (little free space: act soon)
// answer 200; "failing" (no database, a schema not this server's, a folder that takes no file)
// answers 503, so that a plain HTTP check alarms on it.
import type { HealthResponse } from '../shared/server/api';
import { readMigrations, schemaVersion } from './db/migrate';
import type { ServerDeps } from './deps';
import type { Answer } from './http/route';

let latest: number | null = null;

/** The highest migration of this server's files (read once). */
function latestMigration(): number {
  latest ??= readMigrations().at(-1)?.version ?? 0;
  return latest;
}

async function filesHealth(deps: ServerDeps): Promise<HealthResponse['files']> {
  const store = deps.files;
  if (!store) return { configured: false, writable: false, freeBytes: null, totalBytes: null, reserveBytes: null, low: false };
  const writable = await store.writable();
  const space = await store.space().catch(() => null);
  return {
    configured: true,
    writable,
    freeBytes: space?.freeBytes ?? null,
    totalBytes: space?.totalBytes ?? null,
    reserveBytes: store.reserveBytes,
    low: space === null || space.freeBytes < store.reserveBytes,
  };
}

export async function healthAnswer(deps: ServerDeps): Promise<Answer> {
  const expected = latestMigration();
  let version: number | null = null;
  try {
    version = await schemaVersion(deps.pool);
  } catch (error) {
    deps.log(`health: the database is unreachable (${(error as Error).message})`);
  }
  const files = await filesHealth(deps);
  const database = { reachable: version !== null, schemaVersion: version, expectedVersion: expected, current: version === expected };
  const failing = !database.current || (files.configured && !files.writable);
  const status = failing ? 'failing' : files.low ? 'degraded' : 'ok';
  const body: HealthResponse = { status, schemaVersion: version, database, files };
  return { status: failing ? 503 : 200, body };
}
