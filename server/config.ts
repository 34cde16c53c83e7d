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
}

export const DEFAULT_PORT = 8780;
export const DEFAULT_POOL_SIZE = 20;

function number(name: string, text: string, min: number, max: number): number {
  if (!/^\d{1,6}$/.test(text) || Number(text) < min || Number(text) > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  return Number(text);
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
  };
}
