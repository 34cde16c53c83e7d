import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, type WebContentsLike, type WindowOpenAnswer } from '../../../electron/hardening';
import { installPermissionHandlers, type SessionLike } from '../../../electron/permissions';

type Listener = (event: { preventDefault(): void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => WindowOpenAnswer) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenAnswer) {
      openHandler = handler;
    },
  };
  const fire = (event: string, url?: string): boolean => {
    let prevented = false;
    const listener = listeners.get(event);
    if (!listener) throw new Error(`no listener for ${event}`);
    listener({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents: contents as unknown as WebContentsLike, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it('blocks navigation and redirects away from app://workstation', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, { openExternal: vi.fn(async () => {}) });
    expect(fire('will-navigate', 'app://workstation/index.html#/cases')).toBe(false);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', 'app://workstation/index.html')).toBe(false);
  });

  it('blocks every <webview>', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, { openExternal: vi.fn(async () => {}) });
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies every window.open and hands only web links to the browser', () => {
    const { contents, open } = fakeContents();
    const openExternal = vi.fn(async () => {});
    hardenWebContents(contents, { openExternal });
    for (const url of ['https://court.example.cn/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://workstation/x', 'smb://host/share']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://court.example.cn/']]);
  });

  it("opens exactly the waiting area's display, with the options it is given, and nothing like it", () => {
    const { contents, open } = fakeContents();
    const displayWindowOptions = { width: 1280, webPreferences: { sandbox: true, contextIsolation: true } };
    hardenWebContents(contents, { openExternal: vi.fn(async () => {}), displayWindowOptions });
    expect(open('app://workstation/index.html#/hall/display')).toEqual({ action: 'allow', overrideBrowserWindowOptions: displayWindowOptions });
    for (const url of [
      'app://workstation/index.html#/hall',
      'app://workstation/index.html#/hall/display/x',
      'app://workstation/index.html?x=1#/hall/display',
      'app://evil/index.html#/hall/display',
      'app://user@workstation/index.html#/hall/display',
      'https://workstation/index.html#/hall/display',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
  });

  it('denies the display too when the shell gives no options for it', () => {
    const { contents, open } = fakeContents();
    hardenWebContents(contents, { openExternal: vi.fn(async () => {}) });
    expect(open('app://workstation/index.html#/hall/display')).toEqual({ action: 'deny' });
  });
});

describe('installPermissionHandlers', () => {
  function fakeSession() {
    const calls: string[] = [];
    const installed: {
      request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
      check?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
      device?: Parameters<SessionLike['setDevicePermissionHandler']>[0];
    } = {};
    const session: SessionLike = {
      setPermissionRequestHandler(h) {
        calls.push(h ? 'request:set' : 'request:reset');
        installed.request = h;
      },
      setPermissionCheckHandler(h) {
        calls.push(h ? 'check:set' : 'check:reset');
        installed.check = h;
      },
      setDevicePermissionHandler(h) {
        calls.push(h ? 'device:set' : 'device:reset');
        installed.device = h;
      },
    };
    return { session, calls, installed };
  }

  it('resets the handlers before installing the table', () => {
    const { session, calls } = fakeSession();
    installPermissionHandlers(session);
    expect(calls.slice(0, 3)).toEqual(['request:reset', 'check:reset', 'device:reset']);
    expect(calls.slice(3).sort()).toEqual(['check:set', 'device:set', 'request:set']);
  });

  it('answers requests and checks from the table, and denies devices', () => {
    const { session, installed } = fakeSession();
    installPermissionHandlers(session);
    const answer = (permission: string, details: { requestingUrl: string; isMainFrame: boolean; mediaTypes?: string[] }) => {
      let granted: boolean | undefined;
      installed.request?.(null, permission, (g) => (granted = g), details);
      return granted;
    };
    const own = { requestingUrl: 'app://workstation/index.html', isMainFrame: true };
    expect(answer('media', { ...own, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(answer('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(answer('notifications', own)).toBe(false);
    // Screen sharing in a video session: our own top frame only.
    expect(answer('display-capture', { ...own, mediaTypes: ['video'] })).toBe(true);
    expect(answer('display-capture', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(answer('geolocation', own)).toBe(false);
    expect(installed.check?.(null, 'media', 'app://workstation', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(installed.check?.(null, 'geolocation', 'app://workstation', { isMainFrame: true })).toBe(false);
    expect(installed.device?.({ deviceType: 'usb', origin: 'app://workstation' })).toBe(false);
  });
});
