// The Electron adapter of the platform port (shared/platform.ts, design.md §1): every capability
// goes through `window.workstation`, the one API of electron/preload.ts, and every answer's
// result wrapper is unwrapped here into a value or a thrown PlatformError.
import { IntakeSubmitError } from '../../shared/confirmation/intake-client';
import { centerLinkClient } from '../../shared/protocol/center-link';
import type {
  BackupFolderAccess,
  BlobStore,
  CourtIntakeAccess,
  OpenedFile,
  PlatformPort,
  Sha256Hex,
  StoredBlob,
} from '../../shared/platform';
import {
  ipcContract,
  ipcResultSchema,
  MAX_CHUNK_BYTES,
  type IpcChannelName,
  type IpcErrorCode,
  type IpcResult,
  type WorkstationApi,
} from '../../shared/protocol/ipc';
import { sha256OfChunks } from './streaming-sha256';

/** A failure reported by the main process; `code` lets the UI show a translated message. */
export class PlatformError extends Error {
  readonly code: IpcErrorCode | 'bad-answer';

  constructor(code: IpcErrorCode | 'bad-answer', message: string) {
    super(message);
    this.name = 'PlatformError';
    this.code = code;
  }
}

const resultSchemas = new Map<IpcChannelName, ReturnType<typeof ipcResultSchema>>();

/** Checks an answer against the contract and returns its value, or throws its error. */
export function unwrap<T>(channel: IpcChannelName, result: IpcResult<T>): T {
  let schema = resultSchemas.get(channel);
  if (!schema) {
    schema = ipcResultSchema(ipcContract[channel].result);
    resultSchemas.set(channel, schema);
  }
  const checked = schema.safeParse(result);
  if (!checked.success) {
    throw new PlatformError('bad-answer', `The workstation shell answered ${channel} in an unexpected form; update or reinstall the app.`);
  }
  if (!result.ok) throw new PlatformError(result.error.code, result.error.message);
  return result.value;
}

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

function abortError(): Error {
  return new DOMException('Hashing was cancelled.', 'AbortError');
}

/** Chunk iterables of opened files, so hashing one can be done by the main process instead. */
const fileSources = new WeakMap<object, { readonly token: string; readonly size: number }>();
/** Opened files picked through the dialog, so storing one can be done by the main process instead. */
const openedSources = new WeakMap<OpenedFile, { readonly token: string; readonly size: number }>();

function cancelledError(): Error {
  return new DOMException('Storing the file was cancelled.', 'AbortError');
}

function changedWhileRead(name: string): PlatformError {
  return new PlatformError('io', `${name} changed while it was being read; nothing was stored. Open it again.`);
}

/** A view that owns its whole buffer, so structured clone sends only these bytes. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

function openedFile(api: WorkstationApi, handle: { token: string; name: string; size: number }): OpenedFile {
  const readChunk = async (offset: number, length: number): Promise<Uint8Array> =>
    unwrap('files.readChunk', await api.files.readChunk(handle.token, offset, length));

  const chunks = (chunkSize = DEFAULT_CHUNK_BYTES): AsyncIterable<Uint8Array> => {
    const size = Math.max(1, Math.min(Math.floor(chunkSize), MAX_CHUNK_BYTES));
    const iterable: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        let offset = 0;
        while (offset < handle.size) {
          const chunk = await readChunk(offset, Math.min(size, handle.size - offset));
          if (chunk.byteLength === 0) {
            throw new PlatformError('io', `${handle.name} became shorter while it was being read. Open it again.`);
          }
          offset += chunk.byteLength;
          yield chunk;
        }
      },
    };
    fileSources.set(iterable, { token: handle.token, size: handle.size });
    return iterable;
  };

  const opened: OpenedFile = {
    name: handle.name,
    size: handle.size,
    chunks,
    async readBytes() {
      const out = new Uint8Array(handle.size);
      let offset = 0;
      for await (const chunk of chunks()) {
        out.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return out;
    },
  };
  openedSources.set(opened, { token: handle.token, size: handle.size });
  return opened;
}

type PutFileOptions = Parameters<BlobStore['putFile']>[1];

/**
 * A picked file is copied by the main process itself (blobs.import*), one step per call, so no
 * byte of it crosses into the renderer; between steps progress is reported and cancel checked.
 */
async function importPicked(api: WorkstationApi, file: OpenedFile, token: string, options: PutFileOptions = {}): Promise<Sha256Hex> {
  const { onProgress, signal } = options;
  const importId = unwrap('blobs.importBegin', await api.blobs.importBegin(token));
  try {
    onProgress?.({ bytesDone: 0, bytesTotal: file.size });
    let bytesDone = 0;
    while (bytesDone < file.size) {
      if (signal?.aborted) throw cancelledError();
      const next = unwrap('blobs.importStep', await api.blobs.importStep(importId));
      if (next <= bytesDone || next > file.size) throw changedWhileRead(file.name);
      bytesDone = next;
      onProgress?.({ bytesDone, bytesTotal: file.size });
    }
    if (signal?.aborted) throw cancelledError();
    return unwrap('blobs.importFinish', await api.blobs.importFinish(importId));
  } catch (error) {
    // The main process deletes the temp file; a session that already ended answers null too.
    await api.blobs.importAbort(importId).catch(() => undefined);
    throw error;
  }
}

/** Any other OpenedFile (a dropped File, say): its chunks are sent in bounded pieces (blobs.upload*). */
async function uploadChunks(api: WorkstationApi, file: OpenedFile, options: PutFileOptions = {}): Promise<Sha256Hex> {
  const { onProgress, signal } = options;
  const uploadId = unwrap('blobs.uploadBegin', await api.blobs.uploadBegin());
  try {
    let bytesDone = 0;
    for await (const chunk of file.chunks(DEFAULT_CHUNK_BYTES)) {
      if (signal?.aborted) throw cancelledError();
      for (let offset = 0; offset < chunk.byteLength; offset += MAX_CHUNK_BYTES) {
        const piece = ownBytes(chunk.subarray(offset, offset + MAX_CHUNK_BYTES));
        bytesDone = unwrap('blobs.uploadAppend', await api.blobs.uploadAppend(uploadId, piece));
      }
      if (bytesDone > file.size) throw changedWhileRead(file.name);
      onProgress?.({ bytesDone, bytesTotal: file.size });
    }
    if (signal?.aborted) throw cancelledError();
    if (bytesDone !== file.size) throw changedWhileRead(file.name);
    return unwrap('blobs.uploadFinish', await api.blobs.uploadFinish(uploadId));
  } catch (error) {
    await api.blobs.uploadAbort(uploadId).catch(() => undefined);
    throw error;
  }
}

/** A stored blob read piecewise through blobs.readChunk; not checked against its name (callers re-hash). */
function storedBlob(api: WorkstationApi, sha256: Sha256Hex, size: number): StoredBlob {
  return {
    size,
    chunks(chunkSize = DEFAULT_CHUNK_BYTES) {
      const length = Math.max(1, Math.min(Math.floor(chunkSize), MAX_CHUNK_BYTES));
      return {
        async *[Symbol.asyncIterator]() {
          let offset = 0;
          while (offset < size) {
            const chunk = unwrap('blobs.readChunk', await api.blobs.readChunk(sha256, offset, Math.min(length, size - offset)));
            if (chunk.byteLength === 0) {
              throw new PlatformError('corrupt', `The stored file ${sha256} became shorter while it was being read. Restore it from a backup.`);
            }
            offset += chunk.byteLength;
            yield chunk;
          }
        },
      };
    },
  };
}

export function createElectronPlatform(api: WorkstationApi): PlatformPort {
  return {
    kind: 'electron',
    blobs: {
      put: async (bytes) => unwrap('blobs.put', await api.blobs.put(bytes)),
      get: async (hash) => unwrap('blobs.get', await api.blobs.get(hash)),
      has: async (hash) => unwrap('blobs.has', await api.blobs.has(hash)),
      list: async () => unwrap('blobs.list', await api.blobs.list()),
      async putFile(file, options = {}) {
        if (options.signal?.aborted) throw cancelledError();
        const picked = openedSources.get(file);
        return picked ? importPicked(api, file, picked.token, options) : uploadChunks(api, file, options);
      },
      async open(hash) {
        const size = unwrap('blobs.size', await api.blobs.size(hash));
        return size === null ? null : storedBlob(api, hash, size);
      },
    },
    files: {
      async saveFile(suggestedName, bytes, mimeType) {
        return unwrap('files.save', await api.files.save(suggestedName, bytes, mimeType));
      },
      // Main copies the stored file itself; nothing passes through the renderer.
      saveBlob: async (suggestedName, sha256) => unwrap('files.saveBlob', await api.files.saveBlob(suggestedName, sha256)),
      async openFile(options) {
        const handle = unwrap('files.open', await api.files.open({ accept: [...options.accept], title: options.title }));
        return handle === null ? null : openedFile(api, handle);
      },
    },
    keys: {
      mechanism: api.host.keyMechanism,
      protect: async (secret, passphrase) => unwrap('keys.protect', await api.keys.protect(secret, passphrase)),
      unprotect: async (sealed, passphrase) => unwrap('keys.unprotect', await api.keys.unprotect(sealed, passphrase)),
    },
    hashing: {
      async sha256(source, options = {}) {
        const { signal, onProgress } = options;
        if (signal?.aborted) throw abortError();
        const file = fileSources.get(source);
        if (file === undefined) return sha256OfChunks(source, { total: options.total ?? null, ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
        // A picked file is hashed where it lives, by a Node crypto stream, instead of being
        // copied chunk by chunk into the renderer.
        onProgress?.({ bytesDone: 0, bytesTotal: file.size });
        const hash = unwrap('hash.file', await api.hash.file(file.token));
        if (signal?.aborted) throw abortError();
        onProgress?.({ bytesDone: file.size, bytesTotal: file.size });
        return hash;
      },
    },
    signaling: {
      // Main hosts the server and keeps its secret; minting is one IPC call per request.
      async hosted() {
        const info = unwrap('signaling.host', await api.signaling.host());
        if (info === null) return null;
        return {
          signalUrl: info.signalUrl,
          joinBases: info.joinBases,
          mint: async (request) => unwrap('signaling.mint', await api.signaling.mint(request)),
        };
      },
    },
    intake: electronCourtIntake(api),
    backups: electronBackupFolders(api),
    // Main connects, pins the server's certificate and forwards (node/server-link).
    centerServer: centerLinkClient(async (op) => unwrap('center.link', await api.center.link(op))),
  };
}

/** Scheduled backups: main shows the folder dialog, remembers the folder and writes the file there. */
function electronBackupFolders(api: WorkstationApi): BackupFolderAccess {
  return {
    chooseFolder: async () => unwrap('backups.chooseFolder', await api.backups.chooseFolder()),
    writeToFolder: async (folder, name, bytes) => unwrap('backups.write', await api.backups.write(folder, name, ownBytes(bytes))),
  };
}

/** Main sends the package from its blob store; progress is asked for twice a second. */
function electronCourtIntake(api: WorkstationApi): CourtIntakeAccess {
  return {
    async submit({ url, sha256, onProgress, signal }) {
      const requestId = crypto.randomUUID();
      if (signal?.aborted) throw new IntakeSubmitError('cancelled', 'The submission was cancelled.');
      signal?.addEventListener('abort', () => void api.intake.cancel(requestId));
      const poll = setInterval(() => {
        void api.intake.progress(requestId).then((result) => {
          const progress = result.ok ? result.value : null;
          if (progress) onProgress?.({ bytesDone: progress.bytesSent, bytesTotal: progress.bytesTotal });
        });
      }, 500);
      try {
        const result = unwrap('intake.submit', await api.intake.submit(requestId, url, sha256));
        if (!result.ok) throw new IntakeSubmitError(result.code, result.message, result.said ?? '');
        return result.answer;
      } finally {
        clearInterval(poll);
      }
    },
    // The Electron shell hosts no intake endpoint yet: a court receives with `mw intake` or by file.
    inbox: async () => null,
  };
}

function looksLikeApi(value: unknown): value is WorkstationApi {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Partial<Record<keyof WorkstationApi, unknown>>;
  return ['host', 'app', 'files', 'blobs', 'keys', 'hash', 'signaling', 'intake'].every(
    (key) => typeof api[key as keyof WorkstationApi] === 'object' && api[key as keyof WorkstationApi] !== null,
  );
}

/** The preload's API when running inside the Electron shell, otherwise undefined. */
export function electronApi(): WorkstationApi | undefined {
  if (typeof window === 'undefined') return undefined;
  const candidate = (window as unknown as { workstation?: unknown }).workstation;
  return looksLikeApi(candidate) ? candidate : undefined;
}
