// Hashing of large evidence files, beside `sha256sum` on the same file in the same run:
//   the Node / Electron main-process path  ≥ 0.8× sha256sum
//   the browser path (Debian's Chromium)    ≥ 0.4× sha256sum
// `benchHashing({ log })` is called by ledger.bench.mjs; `node test/bench/ledger-hashing.mjs`
// runs it alone and prints its JSON. BENCH_HASH_BYTES sets the file size (default 1 GiB).
//
// Measured: sha256sum (after one warm-up run, so every path reads from the page cache); Node's
// streaming createHash; the main-process import of electron/platform/blob-store.ts (read, hash,
// write to <root>/tmp, fsync, rename: what `putFile` does in Electron for a picked file); and in
// Chromium, under the app's CSP, the app's browser code — the chunked hasher (hash-wasm) over
// openedFileFromBrowserFile(file).chunks(), a JavaScript SHA-256 over the same chunks for
// comparison, and putFile into the real IndexedDB with open() read back.
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const workDir = join(root, 'test-results', 'bench');
const MiB = 1024 * 1024;
const TARGET_NODE = 0.8;
const TARGET_BROWSER = 0.4;

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mbPerS = (bytes, ms) => round(bytes / 1e6 / (ms / 1000));

/** The app's CSP (renderer/index.html, shared/signaling/static-files.ts): WebAssembly compiles, JavaScript eval does not. */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

async function writeRandomFile(file, bytes) {
  const handle = await open(file, 'w', 0o600);
  try {
    const buffer = Buffer.allocUnsafe(16 * MiB);
    for (let done = 0; done < bytes; ) {
      const n = Math.min(buffer.length, bytes - done);
      randomFillSync(buffer, 0, n);
      await handle.write(buffer, 0, n, done);
      done += n;
    }
  } finally {
    await handle.close();
  }
}

function timeSha256sum(file) {
  const started = performance.now();
  const run = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`sha256sum failed: ${run.stderr}`);
  return { ms, hash: run.stdout.split(/\s+/)[0] };
}

async function timeStreamingHash(file) {
  const started = performance.now();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * MiB })) hash.update(chunk);
  return { ms: performance.now() - started, hash: hash.digest('hex') };
}

async function timeMainProcessImport(file, size) {
  const { tsImport } = await import('tsx/esm/api');
  const { createBlobStore } = await tsImport(pathToFileURL(join(root, 'electron/platform/blob-store.ts')).href, import.meta.url);
  const storeRoot = await mkdtemp(join(workDir, 'blob-store-'));
  try {
    const store = createBlobStore(storeRoot);
    const started = performance.now();
    const id = await store.importBegin(1, { filePath: file, name: 'bench.bin', size });
    let done = 0;
    let steps = 0;
    while (done < size) {
      done = await store.importStep(1, id);
      steps += 1;
    }
    const copied = performance.now();
    const hash = await store.importFinish(1, id);
    const finished = performance.now();
    const stored = (await stat(join(storeRoot, hash.slice(0, 2), hash))).size;
    return { ms: finished - started, copyMs: copied - started, fsyncAndRenameMs: finished - copied, steps, hash, storedBytes: stored };
  } finally {
    await rm(storeRoot, { recursive: true, force: true });
  }
}

function staticFiles(dir) {
  const base = resolve(dir);
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.wasm': 'application/wasm' };
  return async (path, res) => {
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) return res.writeHead(404).end();
    const body = await readFile(file).catch(() => null);
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-security-policy': APP_CSP });
    res.end(body);
  };
}

async function timeBrowser(file, log) {
  const { build } = await import('vite');
  const { chromium } = await import('playwright-core');
  const outDir = join(workDir, 'hashing-page');
  await build({
    root: join(root, 'test/bench/hashing-page'),
    base: './',
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  const app = staticFiles(outDir);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/app/')) return void app(path.slice('/app'.length), res);
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  // A profile on disk, as the app's users have: an in-memory (incognito-like) profile keeps a
  // stored File as a reference to the picked file instead of copying it into IndexedDB.
  const profile = await mkdtemp(join(workDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const version = context.browser()?.version() ?? 'unknown';
  try {
    const pageAt = async (which) => {
      const page = await context.newPage();
      await page.goto(`${base}/${which}/index.html`);
      await page.waitForFunction(() => document.title === 'ready');
      await page.setInputFiles('#file', file);
      return page;
    };
    const wasmPage = await pageAt('app');
    log("browser: the app's hasher (hash-wasm) and a JavaScript SHA-256, under the app's CSP");
    const readOnly = await wasmPage.evaluate(() => window.benchReadOnly());
    const appHasher = await wasmPage.evaluate(() => window.benchAppHasher());
    const jsHasher = await wasmPage.evaluate(() => window.benchJsHasher());
    log('browser: putFile into IndexedDB and open() read back');
    const putFile = await wasmPage.evaluate(() => window.benchPutFile());
    // The stored copy must not depend on the picked file: move the file away before reading back.
    await rename(file, `${file}.moved`);
    const readBack = await wasmPage.evaluate(([name, hash]) => window.benchReadBack(name, hash), [putFile.name, putFile.hash]);
    await rename(`${file}.moved`, file);
    putFile.readBack = readBack;
    await wasmPage.close();
    return { version, readOnly, appHasher, jsHasher, putFile };
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export async function benchHashing({ log = (m) => process.stderr.write(`bench hashing: ${m}\n`) } = {}) {
  const size = Number(process.env.BENCH_HASH_BYTES ?? 1024 * MiB);
  if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`BENCH_HASH_BYTES must be a positive integer, not ${process.env.BENCH_HASH_BYTES}`);
  await mkdir(workDir, { recursive: true });
  const file = join(workDir, `hashing-${process.pid}.bin`);
  try {
    log(`writing ${size} random bytes to ${file}`);
    await writeRandomFile(file, size);

    log('sha256sum (one warm-up run, then timed)');
    timeSha256sum(file);
    const reference = timeSha256sum(file);
    const version = spawnSync('sha256sum', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    const referenceMbPerS = mbPerS(size, reference.ms);
    const vsReference = (ms, target) => {
      const rate = mbPerS(size, ms);
      const ratio = round(rate / referenceMbPerS, 2);
      return { ms: round(ms), mbPerS: rate, ratioToSha256sum: ratio, targetRatio: target, meetsTarget: ratio >= target };
    };

    log('Node: streaming createHash');
    const streaming = await timeStreamingHash(file);
    log('Node: main-process import (electron/platform/blob-store.ts)');
    const imported = await timeMainProcessImport(file, size);
    log('Chromium: the browser path');
    const b = await timeBrowser(file, log);

    const hashes = {
      sha256sum: reference.hash,
      nodeStreaming: streaming.hash,
      mainProcessImport: imported.hash,
      browserAppHasher: b.appHasher.hash,
      browserJsHasher: b.jsHasher.hash,
      browserPutFile: b.putFile.hash,
      browserReadBack: b.putFile.readBack.hash,
    };
    return {
      bench: 'hashing',
      bytes: size,
      units: 'MB = 10^6 bytes; every path reads the file from the page cache (sha256sum warmed it)',
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      sha256sum: { ms: round(reference.ms), mbPerS: referenceMbPerS, version },
      node: {
        streamingCreateHash: vsReference(streaming.ms, TARGET_NODE),
        mainProcessImport: {
          ...vsReference(imported.ms, TARGET_NODE),
          what: 'read + SHA-256 + write to <root>/tmp + fsync + rename (Electron putFile of a picked file)',
          copyMs: round(imported.copyMs),
          fsyncAndRenameMs: round(imported.fsyncAndRenameMs),
          steps: imported.steps,
          storedBytes: imported.storedBytes,
        },
      },
      browser: {
        chromium: b.version,
        fileReadOnly: { ms: round(b.readOnly.ms), mbPerS: mbPerS(size, b.readOnly.ms), what: "openedFileFromBrowserFile(file).chunks() without hashing: every browser hasher's ceiling" },
        appHasher: { ...vsReference(b.appHasher.ms, TARGET_BROWSER), hasher: 'hash-wasm createSHA256 (renderer/platform/streaming-sha256.ts)', progressReports: b.appHasher.progressReports },
        javascriptSha256ForComparison: { ...vsReference(b.jsHasher.ms, TARGET_BROWSER), hasher: '@noble/hashes sha256' },
        putFileIndexedDb: {
          ms: round(b.putFile.putMs),
          mbPerS: mbPerS(size, b.putFile.putMs),
          what: 'platform.blobs.putFile: app hasher, then the File stored as a Blob in IndexedDB',
          storedAs: b.putFile.storedAs,
          progressMonotonic: b.putFile.progressMonotonic && b.putFile.progressLast === size,
          readBack: b.putFile.readBack.error
            ? b.putFile.readBack
            : {
                ms: round(b.putFile.readBack.ms),
                mbPerS: mbPerS(size, b.putFile.readBack.ms),
                what: 'blobs.open(hash).chunks() re-hashed, with the picked file moved away first',
                hasher: b.putFile.readBack.hasher,
                size: b.putFile.readBack.size,
              },
        },
      },
      hashesAgree: Object.values(hashes).every((h) => h === reference.hash),
      ...(Object.values(hashes).every((h) => h === reference.hash) ? {} : { hashes }),
    };
  } finally {
    await rm(file, { force: true });
    await rm(`${file}.moved`, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const figures = await benchHashing();
  console.log(JSON.stringify(figures, null, 2));
}
