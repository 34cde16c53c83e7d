// electron/main.ts against a recording stand-in for the electron module: checks that the guards
// tested elsewhere are actually wired, in the right order, with the hardened preferences.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannelNames } from '../../../shared/protocol/ipc';

const fake = vi.hoisted(() => {
  // The signaling host starts for real: on a free loopback port, in a throwaway profile.
  process.env.MW_SIGNAL_PORT = '0';
  process.env.MW_SIGNAL_HOST = '127.0.0.1';
  const calls: string[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: Array<{ options: Record<string, unknown>; url?: string }> = [];
  const handlers = new Map<string, unknown>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const permission: Record<string, unknown> = {};
  let onHeaders: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;

  class BrowserWindow {
    static getAllWindows = () => windows;
    static fromWebContents = () => null;
    webContents = { id: 1, once: () => {} };
    constructor(options: Record<string, unknown>) {
      calls.push('new BrowserWindow');
      windows.push({ options });
    }
    once() {}
    on() {}
    loadURL(url: string) {
      windows.at(-1)!.url = url;
      return Promise.resolve();
    }
  }

  const switches: Array<[string, string]> = [];
  const electron = {
    app: {
      enableSandbox: () => calls.push('enableSandbox'),
      commandLine: { appendSwitch: (name: string, value: string) => switches.push([name, value]) },
      setPath: () => calls.push('setPath'),
      requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
      on: (event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener),
      whenReady: () => (calls.push('whenReady'), Promise.resolve()),
      getName: () => '解纷工作台',
      getLocale: () => 'zh-CN',
      getVersion: () => '0.1.0',
      getPath: (name: string) => `/tmp/mw-wiring-${process.pid}-${name}`,
      isPackaged: false,
      quit: () => calls.push('quit'),
      exit: () => calls.push('exit'),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        calls.push('registerSchemesAsPrivileged');
        permission.schemes = schemes;
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        calls.push('protocol.handle');
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (permission.request = h),
        setPermissionCheckHandler: (h: unknown) => (permission.check = h),
        setDevicePermissionHandler: (h: unknown) => (permission.device = h),
        setDisplayMediaRequestHandler: (h: unknown, options: unknown) => {
          if (h) permission.displayMedia = { handler: h, options };
        },
        webRequest: { onHeadersReceived: (h: typeof onHeaders) => (onHeaders = h) },
      },
    },
    ipcMain: { handle: (channel: string, h: unknown) => handlers.set(channel, h), removeHandler: (c: string) => handlers.delete(c) },
    safeStorage: {
      getSelectedStorageBackend: () => 'basic_text',
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async () => Buffer.alloc(0),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => calls.push('setApplicationMenu') },
    dialog: { showErrorBox: (...args: unknown[]) => calls.push(`showErrorBox ${String(args[1])}`) },
    shell: { openExternal: async () => {} },
    desktopCapturer: { getSources: async () => [] },
    webContents: { fromId: () => null },
  };
  return { electron, calls, switches, appListeners, windows, handlers, protocolHandlers, permission, headers: () => onHeaders };
});

vi.mock('electron', () => fake.electron);
afterAll(() => rmSync(`/tmp/mw-wiring-${process.pid}-userData`, { recursive: true, force: true }));

beforeAll(async () => {
  await import('../../../electron/main');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

describe('electron/main.ts wiring', () => {
  it('turns off the made-up storage quota, so the storage card and the 95% refusal see the real one', () => {
    expect(fake.switches).toContainEqual(['disable-features', 'StaticStorageQuota']);
  });

  it('enables the sandbox and registers the app scheme before anything else', () => {
    expect(fake.calls.slice(0, 2)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);
    expect(fake.calls.indexOf('whenReady')).toBeGreaterThan(fake.calls.indexOf('requestSingleInstanceLock'));
    expect(fake.calls.some((c) => c.startsWith('showErrorBox'))).toBe(false);
    expect(fake.permission.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
  });

  it('opens one window on app://workstation with the hardened preferences', () => {
    const [window] = fake.windows;
    expect(window?.url).toBe('app://workstation/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      allowRunningInsecureContent: false,
      preload: expect.stringMatching(/preload\.cjs$/),
      // basic_text on Linux: the renderer is told to ask for a passphrase
      additionalArguments: ['--mw-key-mechanism=passphrase'],
    });
  });

  it('installs the permission table, the protocol, the CSP and every IPC handler', async () => {
    expect(typeof fake.permission.request).toBe('function');
    expect(typeof fake.permission.check).toBe('function');
    expect((fake.permission.device as () => boolean)()).toBe(false);
    expect([...fake.handlers.keys()].sort()).toEqual([...ipcChannelNames].sort());
    expect(fake.protocolHandlers.has('app')).toBe(true);
    let answered: { responseHeaders: Record<string, string[]> } | undefined;
    fake.headers()?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (answered = r as typeof answered));
    expect(answered?.responseHeaders['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    expect(answered?.responseHeaders['X-Other']).toEqual(['1']);
  });

  it('hardens every webContents the app creates', () => {
    const created = fake.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const on = vi.fn();
    const setWindowOpenHandler = vi.fn();
    created?.({}, { on, setWindowOpenHandler });
    expect(on.mock.calls.map((c) => c[0]).sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('installs the screen-sharing handler and hosts the signaling server until the app quits', async () => {
    expect(fake.permission.displayMedia).toMatchObject({ options: { useSystemPicker: true } });
    const frame = { url: 'app://workstation/index.html' };
    const host = fake.handlers.get('signaling.host') as (event: unknown) => Promise<{ ok: boolean; value: { signalUrl: string } | null }>;
    let answer: Awaited<ReturnType<typeof host>> | undefined;
    await vi.waitFor(async () => {
      answer = await host({ senderFrame: frame, sender: { id: 1, mainFrame: frame } });
      expect(answer.value).not.toBeNull();
    });
    expect(answer?.value?.signalUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/signal$/);
    const willQuit = fake.appListeners.get('will-quit');
    const preventDefault = vi.fn();
    willQuit?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    expect((await host({ senderFrame: frame, sender: { id: 1, mainFrame: frame } })).value).toBeNull();
  });
});
