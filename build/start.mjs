// `npm start`: the Electron app where its binary exists (its main process hosts the signaling
// server); otherwise the same web app in browser mode, served with the signaling server on one
// port by `mw serve` (cli/src/commands/signal.ts), announced in one line with its URL.
//
// Browser mode listens on every interface so parties on the LAN can open the join page; set
// MW_HOST=127.0.0.1 to keep it to this machine. PORT picks the port (default 5180; a free one when
// it is taken). The signaling secret is MW_SIGNAL_SECRET_FILE, else signal.secret in the per-user
// data folder (MW_DATA_DIR overrides it), created on first run. MW_INTAKE_DIR makes this a court's
// workstation that also receives packages at /intake, kept there for the clerk's inbox.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function build(script) {
  const result = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error(`start: \`npm run ${script}\` failed (see above); fix it and run \`npm start\` again.`);
    process.exit(1);
  }
}

build('build:web');
const binary = electronBinary();
if (binary && !process.argv.includes('--browser')) {
  build('build:electron');
  const child = spawn(binary, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const port = process.env.PORT ?? '5180';
  const host = process.env.MW_HOST ?? '0.0.0.0';
  const args = ['cli/bin/mw.mjs', 'serve', '--port', port, '--host', host, '--web-root', 'dist', '--any-port', '--json'];
  if (process.env.MW_INTAKE_DIR) args.push('--intake-dir', process.env.MW_INTAKE_DIR);
  const server = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const why = binary ? 'browser mode requested' : 'no Electron binary on this machine';
  let announced = false;
  createInterface({ input: server.stdout }).on('line', (line) => {
    if (announced) return;
    announced = true;
    const { port: actual, joinBases } = JSON.parse(line);
    console.log(`Browser mode (${why}): open http://127.0.0.1:${actual}/ — press Ctrl+C to stop.`);
    const lan = joinBases.slice(0, -1);
    if (lan.length) console.log(`Video sessions: parties on this network join at ${lan.join(' or ')}.`);
    if (process.env.MW_INTAKE_DIR) console.log(`Court intake: mediation centers submit packages to ${lan[0] ?? `http://127.0.0.1:${actual}/`}intake.`);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}
