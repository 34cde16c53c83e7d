// The sandboxed preload: exposes exactly one object, `window.workstation`, whose functions each
// invoke one fixed channel with the arguments they were given. ipcRenderer itself, events and
// senders never reach the page. Bundled to CommonJS by build/build-electron.mjs, because a
// sandboxed preload cannot load modules.
import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannel, parseKeyMechanismArgument, type IpcChannelName } from '../shared/protocol/channels';
// Type-only: the zod schemas stay out of the preload bundle; main validates every argument.
import type { IpcArgs, IpcResult, IpcValue, WorkstationApi } from '../shared/protocol/ipc';

function invoke<C extends IpcChannelName>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<IpcValue<C>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<IpcValue<C>>>;
}

const api = {
  host: { keyMechanism: parseKeyMechanismArgument(process.argv) },
  app: {
    info: () => invoke(IpcChannel.appInfo),
  },
  files: {
    save: (suggestedName, bytes, mimeType) => invoke(IpcChannel.filesSave, suggestedName, bytes, mimeType),
    saveBlob: (suggestedName, sha256) => invoke(IpcChannel.filesSaveBlob, suggestedName, sha256),
    open: (options) => invoke(IpcChannel.filesOpen, options),
    readChunk: (token, offset, length) => invoke(IpcChannel.filesReadChunk, token, offset, length),
    release: (token) => invoke(IpcChannel.filesRelease, token),
  },
  blobs: {
    put: (bytes) => invoke(IpcChannel.blobsPut, bytes),
    get: (sha256) => invoke(IpcChannel.blobsGet, sha256),
    has: (sha256) => invoke(IpcChannel.blobsHas, sha256),
    list: () => invoke(IpcChannel.blobsList),
    size: (sha256) => invoke(IpcChannel.blobsSize, sha256),
    readChunk: (sha256, offset, length) => invoke(IpcChannel.blobsReadChunk, sha256, offset, length),
    importBegin: (token) => invoke(IpcChannel.blobsImportBegin, token),
    importStep: (importId) => invoke(IpcChannel.blobsImportStep, importId),
    importFinish: (importId) => invoke(IpcChannel.blobsImportFinish, importId),
    importAbort: (importId) => invoke(IpcChannel.blobsImportAbort, importId),
    uploadBegin: () => invoke(IpcChannel.blobsUploadBegin),
    uploadAppend: (uploadId, chunk) => invoke(IpcChannel.blobsUploadAppend, uploadId, chunk),
    uploadFinish: (uploadId) => invoke(IpcChannel.blobsUploadFinish, uploadId),
    uploadAbort: (uploadId) => invoke(IpcChannel.blobsUploadAbort, uploadId),
  },
  keys: {
    protect: (secret, passphrase) => invoke(IpcChannel.keysProtect, secret, passphrase),
    unprotect: (sealed, passphrase) => invoke(IpcChannel.keysUnprotect, sealed, passphrase),
    mechanism: () => invoke(IpcChannel.keysMechanism),
  },
  hash: {
    file: (token) => invoke(IpcChannel.hashFile, token),
  },
  signaling: {
    host: () => invoke(IpcChannel.signalingHost),
    mint: (request) => invoke(IpcChannel.signalingMint, request),
  },
  intake: {
    submit: (requestId, url, sha256) => invoke(IpcChannel.intakeSubmit, requestId, url, sha256),
    progress: (requestId) => invoke(IpcChannel.intakeProgress, requestId),
    cancel: (requestId) => invoke(IpcChannel.intakeCancel, requestId),
  },
  backups: {
    chooseFolder: () => invoke(IpcChannel.backupsChooseFolder),
    write: (folder, name, bytes) => invoke(IpcChannel.backupsWrite, folder, name, bytes),
  },
  center: {
    link: (op) => invoke(IpcChannel.centerLink, op),
  },
} satisfies WorkstationApi;

contextBridge.exposeInMainWorld('workstation', api);
