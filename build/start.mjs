// `npm start`: the Electron app where its binary exists; otherwise the same web app in browser
// mode on 127.0.0.1, announced in one line with its URL.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { createStaticServer, listen } from './serve.mjs';

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
  const port = Number(process.env.PORT ?? 5180);
  const server = createStaticServer(fileURLToPath(new URL('../dist', import.meta.url)));
  const address = await listen(server, port).catch(async (error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return listen(createStaticServer(fileURLToPath(new URL('../dist', import.meta.url))), 0);
  });
  const why = binary ? 'browser mode requested' : 'no Electron binary on this machine';
  console.log(`Browser mode (${why}): open http://127.0.0.1:${address.port}/ — press Ctrl+C to stop.`);
}
