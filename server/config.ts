// The server's configuration: command-line flags first, then environment variables, then
// defaults. Secrets (the database password) belong in the URL from the environment or in
// PostgreSQL's own ~/.pgpass / PGPASSWORD, never in a flag that `ps` shows.
export interface ServerConfig {
  /** postgres://mw_app@db.example/mw: the application's role, subject to row-level security. */
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  /** The server speaks TLS itself with this certificate and key (PEM files)… */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  /** …or plain HTTP behind a TLS proxy on the same machine, trusting its X-Forwarded-For. */
  readonly behindTlsProxy: boolean;
  /** Database connections the server keeps open. */
  readonly poolSize: number;
  /** The folder of stored files and uploads (docs/server.md "Files"); null: the server keeps none. */
  readonly filesDir: string | null;
  /** The largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Free space an upload must leave on the files' disk; below it /health reports it low. */
  readonly filesReserveBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigInput {
  readonly databaseUrl?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly tlsCert?: string | undefined;
  readonly tlsKey?: string | undefined;
  readonly behindTlsProxy?: boolean | undefined;
  readonly poolSize?: string | undefined;
  readonly filesDir?: string | undefined;
  readonly maxFileBytes?: string | undefined;
  readonly filesReserveBytes?: string | undefined;
}

export const DEFAULT_PORT = 8780;
export const DEFAULT_POOL_SIZE = 20;
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 ** 3;
export const DEFAULT_FILES_RESERVE_BYTES = 1024 ** 3;

function number(name: string, text: string, min: number, max: number): number {
  if (!/^\d{1,6}$/.test(text) || Number(text) < min || Number(text) > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  return Number(text);
}

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** A size in bytes: a whole number, or with K, M, G or T (binary: 4G is 4 GiB). */
function bytes(name: string, text: string): number {
  const match = /^(\d{1,15})([kmgt]?)(i?b)?$/i.exec(text.trim());
  const value = match ? Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? NaN) : NaN;
  if (!Number.isSafeInteger(value)) throw new ConfigError(`${name} is a size in bytes such as 4294967296 or 4G, not "${text}".`);
  return value;
}

export function databaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = flag ?? env.MW_DATABASE_URL;
  if (!url) throw new ConfigError('say which database: --database-url postgres://ROLE@HOST/DB or MW_DATABASE_URL.');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('the database URL starts with postgres:// (for example postgres://mw_app@127.0.0.1/mw).');
  return url;
}

export function resolveConfig(flags: ConfigInput, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const certFile = flags.tlsCert ?? env.MW_TLS_CERT;
  const keyFile = flags.tlsKey ?? env.MW_TLS_KEY;
  const behindTlsProxy = flags.behindTlsProxy ?? ['1', 'true', 'yes'].includes((env.MW_BEHIND_TLS_PROXY ?? '').toLowerCase());
  if ((certFile === undefined) !== (keyFile === undefined)) throw new ConfigError('TLS needs both --tls-cert and --tls-key (PEM files).');
  const tls = certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : null;
  if (tls && behindTlsProxy) throw new ConfigError('choose one: --tls-cert/--tls-key (the server speaks TLS) or --behind-tls-proxy (a proxy does).');
  if (!tls && !behindTlsProxy) throw new ConfigError('passwords and tokens must not cross a network in clear: give --tls-cert and --tls-key, or --behind-tls-proxy when a TLS proxy on this machine forwards to the server.');
  // Behind a proxy the server listens where only the proxy reaches it.
  const host = flags.host ?? env.MW_SERVER_HOST ?? (behindTlsProxy ? '127.0.0.1' : '0.0.0.0');
  return {
    databaseUrl: databaseUrl(flags.databaseUrl, env),
    host,
    port: number('--port', flags.port ?? env.MW_SERVER_PORT ?? String(DEFAULT_PORT), 0, 65535),
    tls,
    behindTlsProxy,
    poolSize: number('--pool-size', flags.poolSize ?? env.MW_DB_POOL_SIZE ?? String(DEFAULT_POOL_SIZE), 1, 500),
    filesDir: flags.filesDir ?? env.MW_FILES_DIR ?? null,
    maxFileBytes: bytes('--max-file-bytes', flags.maxFileBytes ?? env.MW_MAX_FILE_BYTES ?? String(DEFAULT_MAX_FILE_BYTES)),
    filesReserveBytes: bytes('--files-reserve-bytes', flags.filesReserveBytes ?? env.MW_FILES_RESERVE_BYTES ?? String(DEFAULT_FILES_RESERVE_BYTES)),
  };
}
