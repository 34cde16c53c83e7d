// The Electron adapter of the platform port (shared/platform.ts, design.md §1): every capability
// goes through `window.workstation`, the one API of electron/preload.ts, and every answer's
// result wrapper is unwrapped here into a value or a thrown PlatformError.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  CancelSignal,
  HashProgress,
  OpenedFile,
  PlatformPort,
  Sha256Hex,
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

  return {
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
}

async function hashIterable(
  source: AsyncIterable<Uint8Array>,
  total: number | null,
  onProgress?: (p: HashProgress) => void,
  signal?: CancelSignal,
): Promise<Sha256Hex> {
  const hasher = sha256.create();
  let bytesDone = 0;
  for await (const chunk of source) {
    if (signal?.aborted) throw abortError();
    hasher.update(chunk);
    bytesDone += chunk.byteLength;
    onProgress?.({ bytesDone, bytesTotal: total });
  }
  if (signal?.aborted) throw abortError();
  return bytesToHex(hasher.digest());
}

export function createElectronPlatform(api: WorkstationApi): PlatformPort {
  return {
    kind: 'electron',
    blobs: {
      put: async (bytes) => unwrap('blobs.put', await api.blobs.put(bytes)),
      get: async (hash) => unwrap('blobs.get', await api.blobs.get(hash)),
      has: async (hash) => unwrap('blobs.has', await api.blobs.has(hash)),
      list: async () => unwrap('blobs.list', await api.blobs.list()),
    },
    files: {
      async saveFile(suggestedName, bytes, mimeType) {
        return unwrap('files.save', await api.files.save(suggestedName, bytes, mimeType));
      },
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
        if (file === undefined) return hashIterable(source, options.total ?? null, onProgress, signal);
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
      // The signaling host in the main process arrives with video sessions; until then no server
      // is hosted, which the port expresses as null.
      url: async () => null,
    },
  };
}

function looksLikeApi(value: unknown): value is WorkstationApi {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Partial<Record<keyof WorkstationApi, unknown>>;
  return ['host', 'app', 'files', 'blobs', 'keys', 'hash'].every(
    (key) => typeof api[key as keyof WorkstationApi] === 'object' && api[key as keyof WorkstationApi] !== null,
  );
}

/** The preload's API when running inside the Electron shell, otherwise undefined. */
export function electronApi(): WorkstationApi | undefined {
  if (typeof window === 'undefined') return undefined;
  const candidate = (window as unknown as { workstation?: unknown }).workstation;
  return looksLikeApi(candidate) ? candidate : undefined;
}
