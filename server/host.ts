// The center server's process: the pool as the application's role, checked to be one that
// row-level security holds; the schema checked to be this server's version; the API on HTTP
// (behind a TLS proxy) or HTTPS, until stopped.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Pool } from 'pg';
import { allowLongUploads } from '../node/http';
import { urlHost } from '../shared/signaling/address';
import { signInLimiters } from './auth/limits';
import { SCRYPT_PARAMS, type ScryptParams } from './auth/passwords';
import type { ServerConfig } from './config';
import { readMigrations, schemaVersion } from './db/migrate';
import type { ServerDeps } from './deps';
import { UPLOAD_LIFETIME_DAYS } from '../shared/server/files';
import { FileStore, sweepAbandonedUploads } from './files/store';
import { createApiHandler } from './http/host';
import type { RouteDef } from './http/route';
import { accountRoutes } from './routes/accounts';
import { fileRoutes } from './routes/files';
import { caseRoutes } from './routes/cases';
import { oversightRoutes } from './routes/oversight';
import { reportFilingRoutes } from './routes/report-filings';
import { referralRoutes } from './routes/referrals';
import { sessionRoutes } from './routes/session';
import { syncRoutes } from './routes/sync';
import { directoryRoutes } from './routes/directory';
import { attachNudge } from './sync/nudge';

export const ROUTES: readonly RouteDef[] = [...sessionRoutes, ...accountRoutes, ...caseRoutes, ...referralRoutes, ...directoryRoutes, ...oversightRoutes, ...reportFilingRoutes, ...fileRoutes, ...syncRoutes];

export class StartError extends Error {
  override name = 'StartError';
}

export function createPool(databaseUrl: string, size: number, log: (line: string) => void): Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: size, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // An idle connection dropped (PostgreSQL restarted) must not end the process; the next request reconnects.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  return pool;
}

/**
 * Refuses a connection that row-level security would not hold: a superuser, a BYPASSRLS role, or
 * the schema's owner. Refuses a schema older or newer than this server's migrations.
 */
export async function checkDatabase(pool: Pool): Promise<number> {
  const result = await pool.query<{ me: string; rolsuper: boolean; rolbypassrls: boolean; owner: string | null }>(
    "SELECT current_user AS me, rolsuper, rolbypassrls, (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'mw') AS owner FROM pg_roles WHERE rolname = current_user",
  );
  const me = result.rows[0];
  if (!me) throw new StartError('cannot read the connecting role.');
  if (me.owner === null) throw new StartError('the database has no schema mw: run `mw server migrate` first.');
  if (me.rolsuper || me.rolbypassrls || me.owner === me.me) {
    throw new StartError(`the server connects as "${me.me}", which row-level security does not hold (${me.rolsuper ? 'superuser' : me.rolbypassrls ? 'BYPASSRLS' : 'owner of schema mw'}): connect as the application's role (docs/server.md "Install").`);
  }
  const version = await schemaVersion(pool);
  const latest = readMigrations().at(-1)?.version ?? 0;
  if (version !== latest) throw new StartError(`the database schema is at migration ${version}, this server needs ${latest}: ${version < latest ? 'run `mw server migrate`' : 'run the newer server'}.`);
  return version;
}

export interface DepsOptions {
  readonly pool: Pool;
  readonly now?: () => Date;
  readonly clock?: () => number;
  readonly passwordParams?: ScryptParams;
  readonly trustProxy?: boolean;
  readonly log?: (line: string) => void;
  readonly files?: FileStore | null;
}

export function createDeps(options: DepsOptions): ServerDeps {
  return {
    pool: options.pool,
    now: options.now ?? (() => new Date()),
    passwordParams: options.passwordParams ?? SCRYPT_PARAMS,
    limiters: signInLimiters(options.clock),
    trustProxy: options.trustProxy ?? false,
    log: options.log ?? (() => undefined),
    files: options.files ?? null,
  };
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly schemaVersion: number;
  close(): Promise<void>;
}

/** Starts the API on the configured address; `close` stops listening, then closes the pool. */
export async function startServer(config: ServerConfig, log: (line: string) => void): Promise<RunningServer> {
  const pool = createPool(config.databaseUrl, config.poolSize, log);
  let version: number;
  try {
    version = await checkDatabase(pool);
  } catch (error) {
    await pool.end();
    if (error instanceof StartError) throw error;
    throw new StartError(`cannot use the database (${(error as Error).message}).`);
  }
  const files = config.filesDir === null ? null : new FileStore(config.filesDir, { maxFileBytes: config.maxFileBytes, reserveBytes: config.filesReserveBytes });
  try {
    await files?.prepare();
  } catch (error) {
    await pool.end();
    throw new StartError(`cannot use the file folder ${config.filesDir} (${(error as Error).message}).`);
  }
  const deps = createDeps({ pool, trustProxy: config.behindTlsProxy, log, files });
  const handler = createApiHandler({ deps, routes: ROUTES, headers: config.tls ? { 'Strict-Transport-Security': 'max-age=31536000' } : {} });
  let server: Server;
  try {
    server = config.tls ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, handler) : createHttpServer(handler);
  } catch (error) {
    await pool.end();
    throw new StartError(`cannot read the TLS certificate or key (${(error as Error).message}).`);
  }
  allowLongUploads(server);
  server.headersTimeout = 20_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await pool.end();
    throw new StartError(`cannot listen on ${config.host}:${config.port} (${(error as Error).message}).`);
  }
  const sweeper = files && sweepAbandonedUploads(files, log, UPLOAD_LIFETIME_DAYS * 86_400_000);
  const nudge = attachNudge(server, deps);
  const port = (server.address() as AddressInfo).port;
  const url = `${config.tls ? 'https' : 'http'}://${urlHost(config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host)}:${port}/`;
  return {
    url,
    port,
    schemaVersion: version,
    async close() {
      await nudge.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      sweeper?.stop();
      await pool.end();
    },
  };
}
