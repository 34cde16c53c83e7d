// The sync bench's PostgreSQL cluster: like server/dev/throwaway-cluster.ts (initdb and pg_ctl on a
// free loopback port, as an unprivileged OS user when run as root), but its data folder is kept
// after the run under a key (the scale, the loader's version, the migrations' digest), so the
// million cases are loaded once and reused by later runs. A folder of the same scale under another
// key is deleted when a new one is made, so old loads do not pile up.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const SUPERUSER = 'mw_super';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const osUserExists = (name) => spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
const idOf = (name, flag) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());

/**
 * The cluster kept in `root`/`key`. `ready` says whether a finished load is there (its
 * manifest.json, written last by the loader); otherwise the folder is made afresh by initdb.
 */
export function benchCluster({ bin, root, scale, key, fresh }) {
  const name = `${scale}-${key}`;
  const folder = join(root, name);
  const data = join(folder, 'data');
  const manifest = join(folder, 'manifest.json');
  let runAs = [];
  let owner = null;
  if (process.getuid?.() === 0) {
    const user = process.env.MW_PG_OS_USER ?? (osUserExists('postgres') ? 'postgres' : 'nobody');
    owner = [idOf(user, '-u'), idOf(user, '-g')];
    runAs = ['runuser', '-u', user, '--'];
  }
  const run = (program, args) => {
    const [command, ...rest] = [...runAs, join(bin, program), ...args];
    const result = spawnSync(command, rest, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', cwd: folder });
    if (result.status !== 0) {
      const log = existsSync(join(folder, 'log')) ? readFileSync(join(folder, 'log'), 'utf8').slice(-2000) : '';
      throw new Error(`${program} failed (${result.status ?? result.signal}): ${result.stderr}${log}`);
    }
  };
  let running = false;
  const stopNow = () => {
    if (!running) return;
    const [command, ...rest] = [...runAs, join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
    spawnSync(command, rest, { stdio: 'ignore' });
  };
  let port = 0;
  return {
    folder,
    manifestFile: manifest,
    get ready() {
      return !fresh && existsSync(manifest);
    },
    /** A new empty cluster in the folder (and the same scale's folders of other keys deleted). */
    init() {
      mkdirSync(root, { recursive: true, mode: 0o755 });
      for (const other of readdirSync(root)) if (other.startsWith(`${scale}-`)) rmSync(join(root, other), { recursive: true, force: true });
      mkdirSync(folder, { recursive: true, mode: 0o755 });
      if (owner) chownSync(folder, owner[0], owner[1]);
      run('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    },
    /** Starts it; `durable` false turns fsync, synchronous commit and full-page writes off. */
    async start({ durable }) {
      const flags = durable ? '-c fsync=on -c synchronous_commit=on -c full_page_writes=on' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
      for (let attempt = 0; ; attempt++) {
        port = await freePort();
        try {
          const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 ${flags} -c max_connections=200 -c shared_buffers=256MB -c max_wal_size=4GB -c checkpoint_timeout=15min`;
          run('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '300', 'start']);
          break;
        } catch (error) {
          if (attempt >= 2) throw error;
        }
      }
      running = true;
      process.once('exit', stopNow);
      return { port, superUrl: (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`, url: (user, database) => `postgres://${user}@127.0.0.1:${port}/${database}` };
    },
    /** A clean shutdown: what was written is on disk for the next run. */
    stop() {
      if (!running) return;
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '300', 'stop']);
      running = false;
      process.off('exit', stopNow);
    },
    discard() {
      stopNow();
      running = false;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
