// The browser half of test/bench/ledger-hashing.mjs: the app's own browser code (the platform
// port's browser adapter, renderer/platform/browser.ts) hashing and storing the file that the
// bench handed to the <input type=file>, timed in the page, beside a pure-JavaScript SHA-256
// (@noble/hashes, what the app used before hash-wasm) for comparison.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { browserBlobStore, chunkedHasher, openedFileFromBrowserFile } from '../../../renderer/platform/browser';
import { openDataStore } from '../../../renderer/data';

function picked() {
  const file = document.querySelector('#file').files?.[0];
  if (!file) throw new Error('no file was set on the input');
  return openedFileFromBrowserFile(file);
}

/** The app's hasher (renderer/platform/streaming-sha256.ts: hash-wasm) over the app's File chunks. */
window.benchAppHasher = async () => {
  const file = picked();
  let reports = 0;
  const started = performance.now();
  const hash = await chunkedHasher().sha256(file.chunks(), { total: file.size, onProgress: () => (reports += 1) });
  return { ms: performance.now() - started, hash, progressReports: reports };
};

/** A JavaScript SHA-256 over the same chunks, for comparison. */
window.benchJsHasher = async () => {
  const file = picked();
  const started = performance.now();
  const hasher = sha256.create();
  for await (const chunk of file.chunks()) hasher.update(chunk);
  return { ms: performance.now() - started, hash: bytesToHex(hasher.digest()) };
};

/** Reading the File's chunks alone, as the app does (Blob.slice → arrayBuffer): the ceiling of any hasher. */
window.benchReadOnly = async (chunkSize) => {
  const file = picked();
  let bytes = 0;
  const started = performance.now();
  for await (const chunk of file.chunks(chunkSize)) bytes += chunk.byteLength;
  return { ms: performance.now() - started, bytes };
};

/** The platform's putFile into the real IndexedDB (the database is kept for benchReadBack). */
window.benchPutFile = async () => {
  const file = picked();
  const name = `bench-hashing-${Date.now()}`;
  const data = openDataStore(name);
  try {
    const store = browserBlobStore(data.blobs);
    let last = 0;
    let monotonic = true;
    const started = performance.now();
    const hash = await store.putFile(file, {
      onProgress: (p) => {
        if (p.bytesDone < last) monotonic = false;
        last = p.bytesDone;
      },
    });
    const putMs = performance.now() - started;
    const row = await data.blobs.get(hash);
    const storedAs = row?.bytes instanceof Blob ? 'Blob' : row?.bytes instanceof Uint8Array ? 'Uint8Array' : 'missing';
    return { name, putMs, hash, storedAs, progressMonotonic: monotonic, progressLast: last };
  } finally {
    data.close();
  }
};

/** open() of what benchPutFile stored, re-hashed with the app's hasher; then the database is deleted. */
window.benchReadBack = async (name, hash) => {
  const data = openDataStore(name);
  try {
    const blob = await browserBlobStore(data.blobs).open(hash);
    if (!blob) return { error: 'the stored blob is missing' };
    const started = performance.now();
    try {
      const readHash = await chunkedHasher().sha256(blob.chunks());
      return { ms: performance.now() - started, hash: readHash, size: blob.size };
    } catch (error) {
      return { error: `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}` };
    }
  } finally {
    await data.destroy();
  }
};

document.title = 'ready';
