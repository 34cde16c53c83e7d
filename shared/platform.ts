// The platform port (design.md §1): everything the renderer needs from its host. Implemented by
// renderer/platform/browser.ts (plain Chromium) and renderer/platform/electron.ts (which calls the
// preload API of electron/preload.ts). Nothing else in the renderer knows which host it runs on.
// Interfaces only: shared/ holds no implementation that touches a host.

/** Lowercase hex SHA-256 of a blob's bytes: the blob's name in the content-addressed store. */
export type Sha256Hex = string;

export interface HashProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
}

export interface CancelSignal {
  readonly aborted: boolean;
}

/** Content-addressed storage for large binaries; rows only ever hold the hash (design.md §3). */
export interface BlobStore {
  /** Stores the bytes and returns their SHA-256. Storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): Promise<Sha256Hex>;
  get(sha256: Sha256Hex): Promise<Uint8Array | null>;
  has(sha256: Sha256Hex): Promise<boolean>;
  /** Every stored hash; used by backup. */
  list(): Promise<Sha256Hex[]>;
}

export interface SavedFile {
  /** What the user saw the file called (a path in Electron, a download name in the browser). */
  readonly name: string;
}

export interface OpenedFile {
  readonly name: string;
  readonly size: number;
  readBytes(): Promise<Uint8Array>;
  /** Reads in chunks so that gigabyte files never sit in memory whole. */
  chunks(chunkSize?: number): AsyncIterable<Uint8Array>;
}

export interface FileAccess {
  /** Returns null when the user cancelled the dialog. */
  saveFile(suggestedName: string, bytes: Uint8Array, mimeType: string): Promise<SavedFile | null>;
  /** Returns null when the user cancelled the dialog. */
  openFile(options: { accept: readonly string[]; title: string }): Promise<OpenedFile | null>;
}

export interface KeyProtection {
  /** Which mechanism guards secrets at rest, shown to the administrator. */
  readonly mechanism: 'os-keystore' | 'passphrase';
  protect(secret: Uint8Array, passphrase?: string): Promise<Uint8Array>;
  unprotect(sealed: Uint8Array, passphrase?: string): Promise<Uint8Array>;
}

export interface StreamingHasher {
  sha256(
    source: AsyncIterable<Uint8Array>,
    options?: { total?: number; onProgress?: (p: HashProgress) => void; signal?: CancelSignal },
  ): Promise<Sha256Hex>;
}

export interface SignalingLocator {
  /** The WebSocket URL of the signaling server, or null when none is configured or hosted. */
  url(): Promise<string | null>;
}

export interface PlatformPort {
  readonly kind: 'browser' | 'electron';
  readonly blobs: BlobStore;
  readonly files: FileAccess;
  readonly keys: KeyProtection;
  readonly hashing: StreamingHasher;
  readonly signaling: SignalingLocator;
}
