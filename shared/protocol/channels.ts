// IPC channel names, `feature.action`. Kept apart from the zod schemas in ./ipc so that the
// sandboxed preload, which only needs the names, does not bundle zod.

export const IpcChannel = {
  appInfo: 'app.info',
  filesSave: 'files.save',
  filesSaveBlob: 'files.saveBlob',
  filesOpen: 'files.open',
  filesReadChunk: 'files.readChunk',
  filesRelease: 'files.release',
  blobsPut: 'blobs.put',
  blobsGet: 'blobs.get',
  blobsHas: 'blobs.has',
  blobsList: 'blobs.list',
  blobsSize: 'blobs.size',
  blobsReadChunk: 'blobs.readChunk',
  blobsImportBegin: 'blobs.importBegin',
  blobsImportStep: 'blobs.importStep',
  blobsImportFinish: 'blobs.importFinish',
  blobsImportAbort: 'blobs.importAbort',
  blobsUploadBegin: 'blobs.uploadBegin',
  blobsUploadAppend: 'blobs.uploadAppend',
  blobsUploadFinish: 'blobs.uploadFinish',
  blobsUploadAbort: 'blobs.uploadAbort',
  keysProtect: 'keys.protect',
  keysUnprotect: 'keys.unprotect',
  keysMechanism: 'keys.mechanism',
  hashFile: 'hash.file',
  signalingHost: 'signaling.host',
  signalingMint: 'signaling.mint',
  intakeSubmit: 'intake.submit',
  intakeProgress: 'intake.progress',
  intakeCancel: 'intake.cancel',
  backupsChooseFolder: 'backups.chooseFolder',
  backupsWrite: 'backups.write',
  centerLink: 'center.link',
} as const;

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];

export const ipcChannelNames: readonly IpcChannelName[] = Object.values(IpcChannel);

/** Which mechanism guards secrets at rest (mirrors KeyProtection['mechanism'] of ../platform). */
export type KeyMechanism = 'os-keystore' | 'passphrase';

/**
 * The main process learns the key mechanism only after `ready`, but the renderer needs it
 * synchronously when it builds its platform port; so main passes it to the preload as an extra
 * renderer argument (webPreferences.additionalArguments) and the preload exposes it as a value.
 */
export const KEY_MECHANISM_ARG = '--mw-key-mechanism=';

export function keyMechanismArgument(mechanism: KeyMechanism): string {
  return `${KEY_MECHANISM_ARG}${mechanism}`;
}

/** Reads the argument back; anything missing or unexpected means "ask the user" (passphrase). */
export function parseKeyMechanismArgument(argv: readonly string[]): KeyMechanism {
  const arg = argv.find((a) => a.startsWith(KEY_MECHANISM_ARG));
  return arg === keyMechanismArgument('os-keystore') ? 'os-keystore' : 'passphrase';
}
