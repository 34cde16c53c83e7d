// A throwaway PostgreSQL cluster for the server's tests (and later its benchmark and end-to-end
// test): initdb and pg_ctl in a temporary folder, listening on a free loopback port, stopped and
// deleted afterwards. PostgreSQL refuses to run as root, so as root (CI) its programs run as an
// unprivileged OS user through runuser: MW_PG_OS_USER, else `postgres` (which Debian's package
// creates), else `nobody`.
//
// Debian keeps PostgreSQL's programs outside PATH. They are found, in this order: MW_PG_BINDIR;
// `pg_config --bindir`; the newest /usr/lib/postgresql/<version>/bin; then PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function hasInitdb(dir: string): boolean {
  return existsSync(join(dir, 'initdb'));
}

/** The folder of initdb, pg_ctl and postgres, or an Error saying how to name it. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MW_PG_BINDIR) {
    if (hasInitdb(env.MW_PG_BINDIR)) return env.MW_PG_BINDIR;
    throw new Error(`MW_PG_BINDIR=${env.MW_PG_BINDIR} has no initdb.`);
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && hasInitdb(dir)) return dir;
  } catch {
    // No pg_config on PATH (libpq-dev or postgresql-common brings it).
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v) && hasInitdb(join(debian, v, 'bin'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (env.PATH ?? '').split(':')) if (dir && hasInitdb(dir)) return dir;
  throw new Error('PostgreSQL\'s programs (initdb, pg_ctl) were not found: install Debian\'s postgresql package, or set MW_PG_BINDIR to the folder that holds them.');
}

function osUserExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

function idOf(name: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ThrowawayDatabase {
  readonly name: string;
  /** The schema's owner: runs migrations. */
  readonly ownerUrl: string;
  /** The application's role (NOSUPERUSER NOBYPASSRLS): what the server connects as. */
  readonly appUrl: string;
  readonly appRole: string;
  /** The cluster's superuser, for the tests' look behind the policies only. */
  readonly superUrl: string;
}

export interface ThrowawayCluster {
  readonly port: number;
  readonly superUrl: string;
  /** A new database with its owner role <name>_owner and application role <name>_app. */
  createDatabase(name: string): Promise<ThrowawayDatabase>;
  /** Stops the cluster (every connection dropped, what was committed kept) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SUPERUSER = 'mw_super';

/** Starts a cluster in a new temporary folder; `stop()` ends it and deletes the folder. */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = findPgBin();
  const folder = mkdtempSync(join(tmpdir(), 'mw-pg-'));
  const data = join(folder, 'data');
  let runAs: string[] = [];
  if (process.getuid?.() === 0) {
    const user = process.env.MW_PG_OS_USER ?? (osUserExists('postgres') ? 'postgres' : 'nobody');
    chownSync(folder, idOf(user, '-u'), idOf(user, '-g'));
    runAs = ['runuser', '-u', user, '--'];
  }
  const argv = (program: string, args: string[]): [string, string[]] => {
    const [command, ...rest] = [...runAs, join(bin, program), ...args];
    return [command as string, rest];
  };
  const run = (program: string, args: string[]): void => {
    const result = spawnSync(...argv(program, args), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', cwd: folder });
    if (result.status !== 0) {
      const log = existsSync(join(folder, 'log')) ? readFileSync(join(folder, 'log'), 'utf8').slice(-2000) : '';
      throw new Error(`${program} failed (${result.status ?? result.signal}): ${result.stderr}${log}`);
    }
  };
  const stopNow = (): void => {
    if (existsSync(join(data, 'postmaster.pid'))) spawnSync(...argv('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore', cwd: folder });
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    let port = 0;
    let options = '';
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        // Throwaway: durability off, sockets in the folder, loopback only.
        options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
        run('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '60', 'start']);
        break;
      } catch (error) {
        // Another process took the port between the probe and the start.
        if (attempt >= 2) throw error;
      }
    }
    process.once('exit', stopNow);
    const superUrl = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    return {
      port,
      superUrl,
      async createDatabase(name) {
        if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`not a database name for a test: ${name}`);
        const admin = new pg.Client({ connectionString: superUrl });
        await admin.connect();
        try {
          await admin.query(`CREATE ROLE ${name}_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`);
          await admin.query(`CREATE ROLE ${name}_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB`);
          await admin.query(`CREATE DATABASE ${name} OWNER ${name}_owner`);
        } finally {
          await admin.end();
        }
        const url = (user: string): string => `postgres://${user}@127.0.0.1:${port}/${name}`;
        return { name, ownerUrl: url(`${name}_owner`), appUrl: url(`${name}_app`), appRole: `${name}_app`, superUrl: url(SUPERUSER) };
      },
      async restart() {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        run('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '60', 'start']);
      },
      async stop() {
        process.off('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    stopNow();
    throw error;
  }
}
