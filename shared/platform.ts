// The platform port (design.md §1): everything the renderer needs from its host. Implemented by
// renderer/platform/browser.ts (plain Chromium) and renderer/platform/electron.ts (which calls the
// preload API of electron/preload.ts). Nothing else in the renderer knows which host it runs on.
// Interfaces only: shared/ holds no implementation that touches a host.
import type { CenterPin, CenterProbeResult, CenterRequest, CenterResponse, CenterWaitResult } from './protocol/center-link';
import type { InboxPage, InboxQuery, IntakeAnswer } from './protocol/intake';
import type { MintTokensRequest, MintTokensResponse } from './protocol/signaling-host';

/** Lowercase hex SHA-256 of a blob's bytes: the blob's name in the content-addressed store. */
export type Sha256Hex = string;

export interface HashProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
}

export interface CancelSignal {
  readonly aborted: boolean;
}

/** A blob of the store, read piecewise so that multi-GiB blobs never sit in memory whole. */
export interface StoredBlob {
  readonly size: number;
  /**
   * The blob's bytes in order, at most `chunkSize` bytes each. Not checked against the blob's
   * name chunk by chunk (a whole-file hash cannot be checked per chunk): a caller that needs to
   * know the bytes are intact re-hashes them, as evidence verification does.
   */
  chunks(chunkSize?: number): AsyncIterable<Uint8Array>;
}

/** Content-addressed storage for large binaries; rows only ever hold the hash (design.md §3). */
export interface BlobStore {
  /** Stores the bytes and returns their SHA-256. Storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): Promise<Sha256Hex>;
  /**
   * Stores an opened file without holding it whole in memory: hashed (SHA-256) while it is
   * copied, progress reported, cancellable through `signal`; returns its SHA-256. A cancelled or
   * failed import stores nothing under any name (and leaves no temporary file behind); storing
   * bytes already present is a no-op that still returns the hash. Cancellation rejects with an
   * error whose `name` is 'AbortError'. A file whose bytes do not add up to its `size` (it
   * changed while it was read) is refused.
   */
  putFile(file: OpenedFile, options?: { onProgress?: (p: HashProgress) => void; signal?: CancelSignal }): Promise<Sha256Hex>;
  /** A stored blob for reading in chunks, or null when it is not there. */
  open(sha256: Sha256Hex): Promise<StoredBlob | null>;
  /** The whole blob in memory, checked against its name where the host can; null when absent. */
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
  /**
   * Saves a stored blob as a file without reading it into memory (a package of gigabytes):
   * Electron copies it on disk, the browser downloads the stored Blob. Null when the user
   * cancelled the dialog; rejects when the blob is not stored.
   */
  saveBlob(suggestedName: string, sha256: Sha256Hex, mimeType: string): Promise<SavedFile | null>;
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

/** The signaling server this workstation hosts (Electron main; `npm start`'s server in browser mode). */
export interface HostedSignaling {
  /** WebSocket URL this workstation itself connects to. */
  readonly signalUrl: string;
  /** Base URLs under which parties reach the join page (`${base}#/join?token=…`), best first. */
  readonly joinBases: readonly string[];
  mint(request: MintTokensRequest): Promise<MintTokensResponse>;
}

export interface SignalingHost {
  /**
   * The hosted server, or null when this host has none (a plain static server, or Electron's
   * failed to start). Rejects when one is there but refuses this page (e.g. the app was opened
   * at a LAN address instead of 127.0.0.1), with a message saying so.
   */
  hosted(): Promise<HostedSignaling | null>;
}

/** Something that can be cancelled while it runs (an AbortSignal where the host has one). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

/** A package the intake received, read by slices like a picked file (a File in the browser). */
export interface ReceivedPackage {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** The packages a court's workstation received at its intake endpoint, for the clerk. */
export interface CourtInbox {
  /** One page of the registered institutions' or the unknown signers' packages, newest first. */
  list(query: InboxQuery): Promise<InboxPage>;
  /** One received package to import (a File in the browser); null when it is gone. */
  open(sha256: Sha256Hex): Promise<ReceivedPackage | null>;
}

/**
 * Sending packages to a court's intake URL (shared/protocol/intake.ts). The host sends them —
 * Electron main, or the relay of `mw serve` — so the page's CSP stays 'self' and no court needs
 * to allow another origin.
 */
export interface CourtIntakeAccess {
  /**
   * Submits a stored package; the court's answer. Rejects with an IntakeSubmitError
   * (shared/confirmation/intake-client.ts) naming why: the host cannot send (unavailable), the
   * court cannot be reached, refused it, it is too large, it arrived damaged, or cancelled.
   */
  submit(request: { url: string; sha256: Sha256Hex; onProgress?: (p: HashProgress) => void; signal?: AbortSignalLike }): Promise<IntakeAnswer>;
  /** This workstation's inbox, or null when it receives no packages. */
  inbox(): Promise<CourtInbox | null>;
}

/**
 * Backups the workstation writes itself into a folder an administrator chose (a scheduled
 * backup). Only a host with a file system of its own offers it (Electron); the browser has none.
 */
export interface BackupFolderAccess {
  /** Opens the host's folder dialog; the chosen folder (as the host names it), or null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /**
   * Writes a new file `name` (a plain file name, no path) into `folder`, which must be one chosen
   * through `chooseFolder` in this or an earlier run: written whole or not at all, never over an
   * existing file. Rejects when the folder was not chosen or is gone, the name is not a plain
   * file name, or the disk is full; `path` is where the file went.
   */
  writeToFolder(folder: string, name: string, bytes: Uint8Array): Promise<{ path: string }>;
}

/**
 * The workstation's link to its center server (issue 17 item 2; shared/protocol/center-link.ts).
 * The host connects — Electron main, or the relay of `mw serve` — and compares the server
 * certificate's SHA-256 fingerprint with the pinned one before it sends anything, so the page's
 * CSP stays 'self'. Failures of the link reject with a CenterLinkError naming why (unavailable,
 * unreachable, fingerprint_mismatch, timeout, bad_answer, invalid_request); the server's own
 * refusals are answers (a status and its Problem body).
 */
export interface CenterServerLink {
  /** Reads the certificate an address presents, for the user to compare before pinning it. */
  probe(address: string): Promise<CenterProbeResult>;
  /** Forwards one request under /api/v1/ to the pinned server; its status and JSON body. */
  request(pin: CenterPin, request: CenterRequest): Promise<CenterResponse>;
  /** Waits on the server's nudge socket for a change after `after`; quiet when `timeoutMs` passes. */
  waitForNudge(pin: CenterPin, wait: { path: string; token: string; after: number; timeoutMs: number }): Promise<CenterWaitResult>;
}

export interface PlatformPort {
  readonly kind: 'browser' | 'electron';
  readonly blobs: BlobStore;
  readonly files: FileAccess;
  readonly keys: KeyProtection;
  readonly hashing: StreamingHasher;
  readonly signaling: SignalingHost;
  readonly intake: CourtIntakeAccess;
  /** Scheduled backups to a folder; absent where the host has no folders to offer (the browser). */
  readonly backups?: BackupFolderAccess;
  /** The link to a center server through this workstation's own host. */
  readonly centerServer: CenterServerLink;
}
