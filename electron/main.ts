// The Electron main process: a thin, hardened shell around the web app in dist/ (design.md §1).
// Every security decision lives in a plain, unit-tested function (./security, ./permissions,
// ./hardening, ./ipc); this file only wires them to Electron.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  webContents,
  type MenuItemConstructorOptions,
} from 'electron';
import { keyMechanismArgument } from '../shared/protocol/channels';
import { createAppProtocolHandler } from './app-protocol';
import { hardenWebContents } from './hardening';
import { createIntakeSubmitter, type IntakeSubmitter } from './intake/submitter';
import { registerIpcHandlers } from './ipc/handlers';
import { answerLinkOp } from '../node/server-link/link';
import { installDisplayMediaHandler, installPermissionHandlers } from './permissions';
import { createBackupFolderService } from './platform/backup-folder';
import { createBlobStore, type BlobStoreService } from './platform/blob-store';
import { createFileService, type DialogPort } from './platform/files';
import { createKeyService } from './platform/keys';
import { APP_ENTRY_URL, APP_SCHEME, contentSecurityPolicy, externalUrlAllowed } from './security';
import { startSignalingHost, type RunningSignalingHost, type SignalingService } from './signaling/ws-host';

// Before anything else: every renderer runs in Chromium's OS sandbox.
app.enableSandbox();
// Chromium reports a made-up quota to web pages (so incognito windows cannot be told apart); the
// workstation is no incognito window, and its storage card and its refusal of large files at 95%
// need the real figure (renderer/features/storage).
app.commandLine.appendSwitch('disable-features', 'StaticStorageQuota');

// A fresh profile per test run (the smoke test sets it); must precede every use of userData.
const userDataOverride = process.env.MW_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const rendererRoot = path.join(__dirname, '..', 'dist');
const preloadPath = path.join(__dirname, 'preload.cjs');
let mainWindow: BrowserWindow | null = null;

function log(message: string, error?: unknown): void {
  console.error(`[workstation] ${message}`, error ?? '');
}

function openExternal(url: string): Promise<void> {
  // Re-checked here so that no caller can skip the check.
  if (!externalUrlAllowed(url)) return Promise.reject(new Error(`refused to open ${url}`));
  return shell.openExternal(url);
}

function ownerWindow(ownerId: number): BrowserWindow | null {
  const contents = webContents.fromId(ownerId);
  return contents ? BrowserWindow.fromWebContents(contents) : null;
}

const dialogPort: DialogPort = {
  showSaveDialog(ownerId, options) {
    const owner = ownerWindow(ownerId);
    return owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options);
  },
  showOpenDialog(ownerId, options) {
    const owner = ownerWindow(ownerId);
    return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
  },
};

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      // The only label Electron does not translate itself (roles are localised by the OS).
      label: app.getLocale().toLowerCase().startsWith('zh') ? '视图' : 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        // Developer tools only in development builds.
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(keyMechanismArg: string, blobs: BlobStoreService): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: app.getName(),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in new windows (denied anyway, below).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
      additionalArguments: [keyMechanismArg],
    },
  });
  window.once('ready-to-show', () => window.show());
  const ownerId = window.webContents.id;
  window.webContents.once('destroyed', () => {
    files.releaseOwner(ownerId);
    // Imports the window left unfinished are aborted and their temp files deleted.
    blobs.releaseOwner(ownerId).catch((error: unknown) => log('cleaning up blob imports failed', error));
    intake?.releaseOwner(ownerId);
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

const files = createFileService({ dialog: dialogPort, defaultDir: () => app.getPath('documents') });
/** Packages sent to a court's intake (made with the blob store, once the app is ready). */
let intake: IntakeSubmitter | null = null;

// The signaling server of video sessions, on a LAN port (design.md §7): started once the app is
// ready, closed (every connection told 1001) before it quits.
let signalingHost: RunningSignalingHost | null = null;
let quitting = false;
const signaling: SignalingService = {
  info: () => signalingHost?.info() ?? null,
  mint(request) {
    if (!signalingHost) throw new Error('the signaling server is not running');
    return signalingHost.mint(request);
  },
};

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the profile (IndexedDB, blob store): hand over to it and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal,
      log: (message) => log(message),
      // The waiting area's display: the same isolation as the main window (other settings keep their
      // safe defaults), and no preload: it needs nothing of the host, only the page's own store.
      displayWindowOptions: {
        width: 1280,
        height: 720,
        title: app.getName(),
        autoHideMenuBar: true,
        webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick', spellcheck: false },
      },
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', (event) => {
    quitting = true;
    const host = signalingHost;
    if (!host) return;
    signalingHost = null;
    event.preventDefault();
    host
      .close()
      .catch((error: unknown) => log('closing the signaling server failed', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      installPermissionHandlers(session.defaultSession);
      installDisplayMediaHandler(session.defaultSession, desktopCapturer, log);
      // The app:// handler sets the CSP itself; any other response (there should be none, since
      // navigation never leaves app://) gets it too.
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
      });
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));

      const keys = createKeyService({ safeStorage, platform: process.platform });
      const blobs = createBlobStore(path.join(app.getPath('userData'), 'blobs'));
      const submitter = createIntakeSubmitter({ blobs });
      intake = submitter;
      // Temp files of imports a crash interrupted; no session exists yet (single instance).
      await blobs.removeStaleTemp().catch((error: unknown) => log('removing stale blob temp files failed', error));
      registerIpcHandlers({
        ipc: ipcMain,
        appInfo: () => ({
          name: app.getName(),
          version: app.getVersion(),
          electron: process.versions.electron,
          chrome: process.versions.chrome,
          platform: process.platform,
          arch: process.arch,
        }),
        blobs,
        files,
        keys,
        signaling,
        intake: submitter,
        backups: createBackupFolderService({
          dialog: {
            showFolderDialog(ownerId, options) {
              const owner = ownerWindow(ownerId);
              const folderOptions = { ...options, properties: ['openDirectory' as const, 'createDirectory' as const] };
              return owner ? dialog.showOpenDialog(owner, folderOptions) : dialog.showOpenDialog(folderOptions);
            },
          },
          settingsFile: path.join(app.getPath('userData'), 'backup-folders.json'),
          locale: () => app.getLocale(),
          log,
        }),
        centerLink: (op) => answerLinkOp(op),
        log,
      });
      startSignalingHost({ userData: app.getPath('userData'), webRoot: rendererRoot, env: process.env, log: (message) => log(message) }).then(
        (host) => {
          // Quitting while it started: close it rather than leave the port open.
          if (quitting) void host.close();
          else signalingHost = host;
        },
        (error: unknown) => log('the video signaling server could not start; video sessions need an external server until it does', error),
      );

      Menu.setApplicationMenu(buildMenu());
      const keyMechanismArg = keyMechanismArgument(await keys.mechanism());
      const openMainWindow = (): void => {
        const window = createWindow(keyMechanismArg, blobs);
        mainWindow = window;
        window.on('closed', () => {
          if (mainWindow === window) mainWindow = null;
        });
      };
      openMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
      });
    })
    .catch((error: unknown) => {
      log('start-up failed', error);
      dialog.showErrorBox('解纷工作台 · Mediation Workstation', `The workstation could not start: ${String(error)}`);
      app.exit(1);
    });
}
