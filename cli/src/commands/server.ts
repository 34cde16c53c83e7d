// The center server as commands (docs/server.md):
//   `mw server migrate --database-url OWNER_URL [--app-role mw_app] [--json]`
//   `mw server start [--database-url APP_URL] [--host H] [--port P]
//        (--tls-cert F --tls-key F | --behind-tls-proxy) [--pool-size N]
//        [--files-dir DIR] [--max-file-bytes 4G] [--files-reserve-bytes 1G] [--json]`
//   `mw server create-institution [--database-url APP_URL] --kind K --name N --credit-code C
//        --area-code A [--address ADDR] --admin-username U --admin-name NAME
//        [--admin-password-file F] [--json]`
// The host itself is server/; these parse flags, print, and map failures to exit codes.
import { readFileSync } from 'node:fs';
import { interpolate, renderProblem, type Problem } from '../../../shared/problem';
import { serverProblemTexts } from '../../../shared/server/problems';
import { json, parse, UsageError, type Io } from '../io';
import { randomPassword } from '../password';
import { serveUntilStopped } from '../until-stopped';
import type * as ServerDoor from '../../../server';

type ServerModule = typeof ServerDoor;

/** The server and its PostgreSQL driver load only when a server command runs, not with every `mw`. */
function loadServer(): Promise<ServerModule> {
  return import('../../../server');
}

const SUBCOMMANDS = 'migrate, start or create-institution';

/** A server refusal in English, with its listed problems. */
export function problemText(p: Problem): string {
  const texts: Record<string, string> = serverProblemTexts['en-US'];
  return renderProblem(p, (key, params) => (texts[key] === undefined ? null : interpolate(texts[key], params))) ?? `${p.key} ${JSON.stringify(p.params)}`;
}

function usage(server: ServerModule, error: unknown): never {
  const { ConfigError, MigrationError, Refusal, StartError } = server;
  if (error instanceof ConfigError || error instanceof MigrationError || error instanceof StartError) throw new UsageError(error.message);
  if (error instanceof Refusal) throw new UsageError(problemText(error.problem));
  throw error;
}

async function runMigrate(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { 'database-url': { type: 'string' }, 'app-role': { type: 'string' }, json: { type: 'boolean' } });
  const server = await loadServer();
  const { databaseUrl, migrate } = server;
  let url: string;
  try {
    // The owner's URL: MW_OWNER_DATABASE_URL, so that MW_DATABASE_URL stays the server's own.
    url = databaseUrl(values['database-url'], { MW_DATABASE_URL: process.env.MW_OWNER_DATABASE_URL });
  } catch (error) {
    return usage(server, error);
  }
  const appRole = values['app-role'] ?? process.env.MW_APP_ROLE ?? 'mw_app';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new UsageError(`cannot connect to the database (${(error as Error).message}).`);
  }
  try {
    const result = await migrate(client, { appRole, log: values.json ? undefined : (line) => io.out(`${line}\n`) });
    if (values.json) io.out(json({ applied: result.applied, version: result.version, appRole }));
    else io.out(result.applied.length ? `Database at migration ${result.version}; privileges of "${appRole}" asserted.\n` : `Database already at migration ${result.version}; nothing to apply; privileges of "${appRole}" asserted.\n`);
    return 0;
  } catch (error) {
    return usage(server, error);
  } finally {
    await client.end();
  }
}

async function runStart(args: string[], io: Io, stop?: AbortSignal): Promise<number> {
  const { values } = parse(args, {
    'database-url': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'behind-tls-proxy': { type: 'boolean' },
    'pool-size': { type: 'string' },
    'files-dir': { type: 'string' },
    'max-file-bytes': { type: 'string' },
    'files-reserve-bytes': { type: 'string' },
    json: { type: 'boolean' },
  });
  const asJson = values.json === true;
  const log = (line: string): void => io.err(asJson ? `${JSON.stringify({ time: new Date().toISOString(), log: line })}\n` : `${new Date().toISOString()} ${line}\n`);
  const server = await loadServer();
  let running;
  try {
    const config = server.resolveConfig({
      databaseUrl: values['database-url'],
      host: values.host,
      port: values.port,
      tlsCert: values['tls-cert'],
      tlsKey: values['tls-key'],
      behindTlsProxy: values['behind-tls-proxy'],
      poolSize: values['pool-size'],
      filesDir: values['files-dir'],
      maxFileBytes: values['max-file-bytes'],
      filesReserveBytes: values['files-reserve-bytes'],
    });
    running = await server.startServer(config, log);
  } catch (error) {
    return usage(server, error);
  }
  if (asJson) io.out(`${JSON.stringify({ listening: true, url: running.url, port: running.port, schemaVersion: running.schemaVersion })}\n`);
  else io.out(`Center server listening on ${running.url} (schema ${running.schemaVersion}; stop with Ctrl+C).\n`);
  return serveUntilStopped('Center server', () => running.close(), io, asJson, stop);
}

function required(values: Record<string, string | boolean | undefined>, name: string, example: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required (for example --${name} ${example}).`);
  return value;
}

async function runCreateInstitution(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    'database-url': { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    'credit-code': { type: 'string' },
    'area-code': { type: 'string' },
    address: { type: 'string' },
    'admin-username': { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-password-file': { type: 'string' },
    json: { type: 'boolean' },
  });
  const kind = required(values, 'kind', 'mediation (or legal_service, court, justice_bureau)');
  const name = required(values, 'name', '芜湖市镜湖区人民调解委员会');
  const creditCode = required(values, 'credit-code', '91340200MA2N0FKX1C');
  const areaCode = required(values, 'area-code', '340202');
  const username = required(values, 'admin-username', 'admin');
  const displayName = required(values, 'admin-name', '王管理');
  let password: string;
  const generated = values['admin-password-file'] === undefined;
  if (generated) password = randomPassword();
  else {
    try {
      password = (readFileSync(values['admin-password-file'] as string, 'utf8').split(/\r?\n/)[0] ?? '').trim();
    } catch (error) {
      throw new UsageError(`--admin-password-file ${values['admin-password-file']}: ${(error as Error).message}`);
    }
  }
  const server = await loadServer();
  const { createInstitution, createPool, databaseUrl } = server;
  let url: string;
  try {
    url = databaseUrl(values['database-url'], process.env);
  } catch (error) {
    return usage(server, error);
  }
  const pool = createPool(url, 2, (line) => io.err(`${line}\n`));
  try {
    const { institution, admin } = await createInstitution(pool, { kind, name, creditCode, areaCode, address: values.address ?? '', admin: { username, displayName, password } });
    if (values.json) io.out(json({ institution, admin, ...(generated ? { adminPassword: password } : {}) }));
    else {
      io.out(`Created ${institution.kind} institution ${institution.name} (${institution.creditCode}, area ${institution.areaCode}), id ${institution.id}.\n`);
      io.out(`Its administrator "${admin.username}" signs in with ${generated ? `the password ${password} (shown once: write it down)` : 'the password from the file'}.\n`);
    }
    return 0;
  } catch (error) {
    return usage(server, error);
  } finally {
    await pool.end();
  }
}

/** `mw server <subcommand>`; `stop` ends `start` from a test (from the shell, SIGINT or SIGTERM). */
export async function runServer(args: string[], io: Io, stop?: AbortSignal): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'migrate':
      return runMigrate(rest, io);
    case 'start':
      return runStart(rest, io, stop);
    case 'create-institution':
      return runCreateInstitution(rest, io);
    default:
      throw new UsageError(sub === undefined ? `say what to do: mw server ${SUBCOMMANDS}.` : `unknown subcommand "${sub}": mw server ${SUBCOMMANDS}.`);
  }
}
