// A static server for benches that serve the web build beside a page of their own (the cases
// bench). Which file a path names and the headers it gets (the app's CSP among them) come from
// shared/signaling/static-files.ts, as in `mw serve`, so benches measure under the app's policy.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { staticHeaders, webRootSegments } = await import('../../shared/signaling/static-files.ts');

/** A request handler serving the files under root (and nothing outside it). */
export function staticHandler(root) {
  const base = resolve(root);
  return async (req, res) => {
    const segments = webRootSegments(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = segments && join(base, ...segments);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, staticHeaders(segments));
    res.end(await readFile(file));
  };
}

export function listen(server, port = 0, host = '127.0.0.1') {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen(server.address()));
  });
}
