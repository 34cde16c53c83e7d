// Registers one handler per channel of shared/protocol/ipc.ts. Every handler takes `unknown`,
// answers only our own top frame, parses its arguments with the contract's schema, and returns
// the result wrapper; the work itself is done by services passed in, so all of this runs in unit
// tests without Electron.
import type { z } from 'zod';
import {
  IpcChannel,
  ipcContract,
  type AppInfo,
  type IpcArgs,
  type IpcChannelName,
  type IpcResult,
  type IpcValue,
} from '../../shared/protocol/ipc';
import { isTrustedSender, type FrameLike } from '../security';
import type { BackupFolderService } from '../platform/backup-folder';
import type { BlobStoreService } from '../platform/blob-store';
import type { FileService } from '../platform/files';
import type { KeyService } from '../platform/keys';
import type { IntakeSubmitter } from '../intake/submitter';
import type { SignalingService } from '../signaling/ws-host';
import type { CenterLinkAnswer, CenterLinkOp } from '../../shared/protocol/center-link';
import { IpcFailure, toIpcError } from './failure';

/** The parts of Electron's IpcMainInvokeEvent a handler looks at. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike | null };
}

export type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** `ipcMain` in the app, a recording fake in tests. */
export interface IpcMainPort {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  readonly ipc: IpcMainPort;
  readonly appInfo: () => AppInfo;
  readonly blobs: BlobStoreService;
  readonly files: FileService;
  readonly keys: KeyService;
  /** The signaling host of main; its methods answer null / refuse while it is not running. */
  readonly signaling: SignalingService;
  readonly intake: IntakeSubmitter;
  /** Scheduled backups into folders the user chose in main's dialog. */
  readonly backups: BackupFolderService;
  /** The link to the center server (node/server-link answerLinkOp): main connects and pins. */
  readonly centerLink: (op: CenterLinkOp) => Promise<CenterLinkAnswer>;
  readonly log?: (message: string, error: unknown) => void;
}

type Implementation<C extends IpcChannelName> = (args: IpcArgs<C>, ownerId: number) => Promise<IpcValue<C>> | IpcValue<C>;
type Implementations = { [C in IpcChannelName]: Implementation<C> };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? `argument ${issue.path.join('.')}` : 'arguments'}: ${issue.message}`)
    .join('; ');
}

/** Builds the listener of one channel; exported for tests that call it directly. */
export function createListener<C extends IpcChannelName>(
  channel: C,
  implementation: Implementation<C>,
  log: (message: string, error: unknown) => void = () => {},
): (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcResult<IpcValue<C>>> {
  const schema = ipcContract[channel].args as unknown as z.ZodType<IpcArgs<C>>;
  return async (event, ...raw) => {
    if (!isTrustedSender(event.senderFrame, event.sender.mainFrame)) {
      return { ok: false, error: { code: 'untrusted-sender', message: `${channel} refused: the request did not come from the workstation's own window.` } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-args', message: `${channel} refused: ${describeIssues(parsed.error)}.` } };
    }
    try {
      return { ok: true, value: await implementation(parsed.data, event.sender.id) };
    } catch (error) {
      if (!(error instanceof IpcFailure)) log(`${channel} failed`, error);
      return { ok: false, error: toIpcError(error) };
    }
  };
}

export function implementations(deps: Omit<IpcDeps, 'ipc' | 'log'>): Implementations {
  const { blobs, files, keys, signaling, intake, backups } = deps;
  return {
    [IpcChannel.appInfo]: () => deps.appInfo(),
    [IpcChannel.filesSave]: ([name, bytes, mimeType], owner) => files.save(owner, name, bytes, mimeType),
    [IpcChannel.filesSaveBlob]: async ([name, sha256], owner) => {
      if ((await blobs.size(sha256)) === null) throw new IpcFailure('not-found', `The stored file ${sha256} is not in the evidence store.`);
      return files.saveStream(owner, name, async () => {
        const stored = await blobs.readStream(sha256);
        if (!stored) throw new IpcFailure('not-found', `The stored file ${sha256} is not in the evidence store.`);
        return stored.stream;
      });
    },
    [IpcChannel.filesOpen]: ([options], owner) => files.open(owner, options),
    [IpcChannel.filesReadChunk]: ([token, offset, length], owner) => files.readChunk(owner, token, offset, length),
    [IpcChannel.filesRelease]: ([token], owner) => {
      files.release(owner, token);
      return null;
    },
    [IpcChannel.blobsPut]: ([bytes]) => blobs.put(bytes),
    [IpcChannel.blobsGet]: ([sha256]) => blobs.get(sha256),
    [IpcChannel.blobsHas]: ([sha256]) => blobs.has(sha256),
    [IpcChannel.blobsList]: () => blobs.list(),
    [IpcChannel.blobsSize]: ([sha256]) => blobs.size(sha256),
    [IpcChannel.blobsReadChunk]: ([sha256, offset, length]) => blobs.readChunk(sha256, offset, length),
    // Import and upload sessions belong to the window that began them: every call names it.
    [IpcChannel.blobsImportBegin]: ([token], owner) => blobs.importBegin(owner, files.source(owner, token)),
    [IpcChannel.blobsImportStep]: ([importId], owner) => blobs.importStep(owner, importId),
    [IpcChannel.blobsImportFinish]: ([importId], owner) => blobs.importFinish(owner, importId),
    [IpcChannel.blobsImportAbort]: async ([importId], owner) => {
      await blobs.importAbort(owner, importId);
      return null;
    },
    [IpcChannel.blobsUploadBegin]: (_args, owner) => blobs.uploadBegin(owner),
    [IpcChannel.blobsUploadAppend]: ([uploadId, chunk], owner) => blobs.uploadAppend(owner, uploadId, chunk),
    [IpcChannel.blobsUploadFinish]: ([uploadId], owner) => blobs.uploadFinish(owner, uploadId),
    [IpcChannel.blobsUploadAbort]: async ([uploadId], owner) => {
      await blobs.uploadAbort(owner, uploadId);
      return null;
    },
    [IpcChannel.keysProtect]: ([secret, passphrase]) => keys.protect(secret, passphrase),
    [IpcChannel.keysUnprotect]: ([sealed, passphrase]) => keys.unprotect(sealed, passphrase),
    [IpcChannel.keysMechanism]: () => keys.mechanism(),
    [IpcChannel.hashFile]: ([token], owner) => files.hash(owner, token),
    [IpcChannel.signalingHost]: () => signaling.info(),
    [IpcChannel.signalingMint]: ([request]) => {
      if (signaling.info() === null) throw new IpcFailure('unavailable', 'The video signaling server of this workstation is not running; restart the app (its log says why it stopped).');
      return signaling.mint(request);
    },
    [IpcChannel.intakeSubmit]: ([requestId, url, sha256], owner) => intake.submit(owner, requestId, url, sha256),
    [IpcChannel.intakeProgress]: ([requestId], owner) => intake.progress(owner, requestId),
    [IpcChannel.intakeCancel]: ([requestId], owner) => {
      intake.cancel(owner, requestId);
      return null;
    },
    [IpcChannel.backupsChooseFolder]: (_args, owner) => backups.choose(owner),
    // The service refuses any folder main did not remember from its own dialog.
    [IpcChannel.backupsWrite]: ([folder, name, bytes]) => backups.write(folder, name, bytes),
    [IpcChannel.centerLink]: ([op]) => deps.centerLink(op),
  };
}

/** Installs every handler; returns a function that removes them again. */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  const table = implementations(deps);
  const channels = Object.keys(table) as IpcChannelName[];
  for (const channel of channels) {
    deps.ipc.removeHandler(channel);
    deps.ipc.handle(channel, createListener(channel, table[channel] as Implementation<typeof channel>, deps.log));
  }
  return () => {
    for (const channel of channels) deps.ipc.removeHandler(channel);
  };
}
