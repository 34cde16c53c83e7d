// Save and open through native dialogs. The renderer never sees or chooses a path: a save
// writes where the user pointed the dialog, and an open hands back an opaque token that reads
// only the file the user picked, only for the window that asked, only within its size.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { OpenedFileHandle, OpenOptions } from '../../shared/protocol/ipc';
import { sha256OfFile } from '../../node/crypto';
import { readRange } from '../../node/files';
import { describeFsError } from './blob-store';
import { IpcFailure } from '../ipc/failure';

export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** The slice of Electron's `dialog` used here; `ownerId` is the asking webContents' id. */
export interface DialogPort {
  showSaveDialog(
    ownerId: number,
    options: { title?: string; defaultPath: string; filters: DialogFilter[] },
  ): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(
    ownerId: number,
    options: { title: string; filters: DialogFilter[]; properties: Array<'openFile'> },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FileService {
  save(ownerId: number, suggestedName: string, bytes: Uint8Array, mimeType: string): Promise<{ name: string } | null>;
  /** Saves what `open` streams (a stored package of any size) where the user points the dialog. */
  saveStream(ownerId: number, suggestedName: string, open: () => Promise<Readable>): Promise<{ name: string } | null>;
  open(ownerId: number, options: OpenOptions): Promise<OpenedFileHandle | null>;
  readChunk(ownerId: number, token: string, offset: number, length: number): Promise<Uint8Array>;
  release(ownerId: number, token: string): void;
  /** Where a token's file is, for the blob store's import (main process only; never sent out). */
  source(ownerId: number, token: string): { filePath: string; name: string; size: number };
  /** Streams the picked file through SHA-256 without bringing it into the renderer. */
  hash(ownerId: number, token: string): Promise<string>;
  /** Forgets every token of a window (called when its webContents is destroyed). */
  releaseOwner(ownerId: number): void;
}

/** Open tokens per window; the oldest is forgotten beyond this, so the table cannot grow forever. */
export const MAX_OPEN_TOKENS = 64;

/** A file name safe on Windows, macOS and Linux, from whatever the renderer suggested. */
export function safeFileName(suggested: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 200);
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
  if (cleaned === '' || reserved.test(cleaned)) return `file${cleaned === '' ? '' : `-${cleaned}`}`;
  return cleaned;
}

const ACCEPT_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'application/json': ['json'],
  'application/zip': ['zip'],
  'text/plain': ['txt'],
  'image/*': ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'audio/*': ['mp3', 'm4a', 'wav', 'ogg', 'webm'],
  'video/*': ['mp4', 'webm', 'mov', 'mkv'],
};

/**
 * Dialog filters from an `<input accept>`-style list (".pdf", "image/*", "application/pdf"), so
 * both adapters take the same options. An empty result means "any file".
 */
export function dialogFilters(accept: readonly string[]): DialogFilter[] {
  const extensions = new Set<string>();
  for (const item of accept) {
    const entry = item.trim().toLowerCase();
    if (/^\.[a-z0-9]{1,16}$/.test(entry)) extensions.add(entry.slice(1));
    for (const ext of ACCEPT_EXTENSIONS[entry] ?? []) extensions.add(ext);
  }
  return extensions.size === 0 ? [] : [{ name: [...extensions].map((e) => `*.${e}`).join(' '), extensions: [...extensions] }];
}

interface OpenEntry {
  readonly ownerId: number;
  readonly filePath: string;
  readonly size: number;
}

export function createFileService(deps: { dialog: DialogPort; defaultDir: () => string }): FileService {
  const tokens = new Map<string, OpenEntry>();

  function entryFor(ownerId: number, token: string): OpenEntry {
    const entry = tokens.get(token);
    // A token of another window is treated as unknown: it must not even be confirmed to exist.
    if (entry === undefined || entry.ownerId !== ownerId) {
      throw new IpcFailure('not-found', 'This opened file is no longer available. Open it again.');
    }
    return entry;
  }

  function remember(entry: OpenEntry): string {
    const owned = [...tokens.entries()].filter(([, e]) => e.ownerId === entry.ownerId);
    if (owned.length >= MAX_OPEN_TOKENS) {
      const oldest = owned[0];
      if (oldest) tokens.delete(oldest[0]);
    }
    const token = randomUUID();
    tokens.set(token, entry);
    return token;
  }

  /** Asks where, then writes beside the target and renames over it: an existing file is replaced whole or not at all. */
  async function saveVia(ownerId: number, suggestedName: string, write: (handle: FileHandle) => Promise<void>): Promise<{ name: string } | null> {
    const name = safeFileName(suggestedName);
    const ext = path.extname(name).slice(1).toLowerCase();
    const result = await deps.dialog.showSaveDialog(ownerId, {
      defaultPath: path.join(deps.defaultDir(), name),
      filters: ext ? [{ name: `*.${ext}`, extensions: [ext] }] : [],
    });
    if (result.canceled || !result.filePath) return null;
    const target = result.filePath;
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.part`);
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        await write(handle);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw new IpcFailure('io', `Could not save ${path.basename(target)} (${describeFsError(error)}). Choose another folder or free some disk space, then save again.`, { cause: error });
    }
    return { name: target };
  }

  return {
    save: (ownerId, suggestedName, bytes) => saveVia(ownerId, suggestedName, (handle) => handle.writeFile(bytes)),
    saveStream: (ownerId, suggestedName, source) => saveVia(ownerId, suggestedName, async (handle) => {
      for await (const chunk of await source()) await handle.write(chunk as Buffer);
    }),

    async open(ownerId, options) {
      const result = await deps.dialog.showOpenDialog(ownerId, {
        title: options.title,
        filters: dialogFilters(options.accept),
        properties: ['openFile'],
      });
      const filePath = result.filePaths[0];
      if (result.canceled || filePath === undefined) return null;
      let size: number;
      try {
        const info = await stat(filePath);
        if (!info.isFile()) throw new IpcFailure('not-found', `${path.basename(filePath)} is not a regular file. Choose a file.`);
        size = info.size;
      } catch (error) {
        if (error instanceof IpcFailure) throw error;
        throw new IpcFailure('io', `Could not open ${path.basename(filePath)} (${describeFsError(error)}).`, { cause: error });
      }
      const token = remember({ ownerId, filePath, size });
      return { token, name: path.basename(filePath), size };
    },

    async readChunk(ownerId, token, offset, length) {
      const entry = entryFor(ownerId, token);
      if (offset >= entry.size) return new Uint8Array(0);
      try {
        return await readRange(entry.filePath, offset, length, entry.size);
      } catch (error) {
        throw new IpcFailure('io', `Could not read ${path.basename(entry.filePath)} (${describeFsError(error)}). Was it moved or deleted?`, { cause: error });
      }
    },

    release(ownerId, token) {
      const entry = tokens.get(token);
      if (entry?.ownerId === ownerId) tokens.delete(token);
    },

    source(ownerId, token) {
      const entry = entryFor(ownerId, token);
      return { filePath: entry.filePath, name: path.basename(entry.filePath), size: entry.size };
    },

    async hash(ownerId, token) {
      const entry = entryFor(ownerId, token);
      try {
        return await sha256OfFile(entry.filePath);
      } catch (error) {
        throw new IpcFailure('io', `Could not read ${path.basename(entry.filePath)} (${describeFsError(error)}). Was it moved or deleted?`, { cause: error });
      }
    },

    releaseOwner(ownerId) {
      for (const [token, entry] of tokens) if (entry.ownerId === ownerId) tokens.delete(token);
    },
  };
}
