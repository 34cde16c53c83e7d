// `npm run setup`: the one setup command of the README. Installs dependencies exactly as locked,
// then tries to fetch the Electron binary. Where that download is impossible (no route to its
// host) setup still succeeds, and `npm start` runs the app in browser mode instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { packagingNodeVersion, packagingProblem } from './node-requirement.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  return result.status ?? 1;
}

const install = existsSync(new URL('../package-lock.json', import.meta.url)) ? ['ci'] : ['install'];
if (run(npm, [...install, '--no-audit', '--no-fund']) !== 0) {
  console.error('setup: installing the npm dependencies failed (see above). Check the network access to the npm registry and run `npm run setup` again.');
  process.exit(1);
}

if (electronBinary()) {
  console.log('setup: Electron binary present.');
} else {
  const downloaded = spawnSync(process.execPath, ['node_modules/electron/install.js'], {
    cwd: root,
    stdio: 'pipe',
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (downloaded.status === 0 && electronBinary()) {
    console.log('setup: Electron binary downloaded.');
  } else {
    const reason = (downloaded.stderr || downloaded.error?.message || '').split('\n').find((line) => line.trim()) ?? 'no answer';
    console.log(`setup: the Electron binary could not be downloaded (${reason.trim().slice(0, 160)}); \`npm start\` will run the app in browser mode.`);
  }
}
const packaging = packagingProblem(process.version, packagingNodeVersion());
// npm's EBADENGINE warnings above name Electron's tooling: say what they mean for this machine.
if (packaging) console.log(`setup: note — ${packaging}`);
console.log('setup: done. Next: `npm start` to run the app, `npm test` to run every check.');
