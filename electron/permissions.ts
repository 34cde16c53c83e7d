// Installs the deny-by-default permission table of ./security on a session, with persistent
// storage for our own page beside it. Handlers are reset first, so nothing installed earlier (by
// Electron defaults or a library) stays in force.
import { decidePermission, isAppUrl, type PermissionDetails } from './security';

type RequestDetails = PermissionDetails & { readonly requestingUrl: string; readonly isMainFrame: boolean };

/** The slice of Electron's Session used here (a fake in unit tests). */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: RequestDetails) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((contents: unknown, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/** Chromium's name, in Electron's handlers, for navigator.storage.persist()'s request. */
export const PERSISTENT_STORAGE = 'persistent-storage';

/**
 * ./security's table, and persistent storage for our own top frame: without it persist() is
 * refused and Chromium may evict the whole store (every case) under disk pressure. No other
 * origin, frame or embedder gets it.
 */
export function decideSessionPermission(permission: string, requestingOrigin: string, details: PermissionDetails = {}): boolean {
  if (permission !== PERSISTENT_STORAGE) return decidePermission(permission, requestingOrigin, details);
  const urls = [requestingOrigin, details.requestingUrl, details.securityOrigin, details.embeddingOrigin];
  return details.isMainFrame !== false && urls.every((url) => url === undefined || isAppUrl(url));
}

export function installPermissionHandlers(session: SessionLike): void {
  session.setPermissionRequestHandler(null);
  session.setPermissionCheckHandler(null);
  session.setDevicePermissionHandler(null);

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decideSessionPermission(permission, details.securityOrigin ?? details.requestingUrl, details));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decideSessionPermission(permission, requestingOrigin, details),
  );
  // HID, serial and USB devices: never without a chooser, and the app shows none.
  session.setDevicePermissionHandler(() => false);
}

/** getDisplayMedia's request, as Electron hands it to a display-media handler. */
export interface DisplayMediaRequestLike {
  readonly securityOrigin: string;
  readonly frame: { readonly url: string } | null;
}

/** A screen as desktopCapturer lists it. */
export interface ScreenSource {
  readonly id: string;
  readonly name: string;
}

/** The slice of Electron's Session and desktopCapturer used for screen sharing (fakes in unit tests). */
export interface DisplayMediaSessionLike {
  setDisplayMediaRequestHandler(
    handler: ((request: DisplayMediaRequestLike, callback: (streams: { video?: ScreenSource }) => void) => void) | null,
    options?: { useSystemPicker: boolean },
  ): void;
}
export interface CapturerLike {
  getSources(options: { types: Array<'screen' | 'window'> }): Promise<ScreenSource[]>;
}

/**
 * Screen sharing in a video session (getDisplayMedia): only our own page, and what it gets is a
 * whole screen — the system picker where the OS has one (macOS 15), else the first screen.
 * Anyone else's request is answered with no stream, which the page sees as a refusal.
 */
export function installDisplayMediaHandler(session: DisplayMediaSessionLike, capturer: CapturerLike, log: (message: string, error?: unknown) => void): void {
  session.setDisplayMediaRequestHandler(null);
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      const requestingUrl = request.frame?.url;
      if (!decidePermission('display-capture', request.securityOrigin, requestingUrl === undefined ? {} : { requestingUrl })) return callback({});
      capturer.getSources({ types: ['screen'] }).then(
        (sources) => callback(sources[0] === undefined ? {} : { video: sources[0] }),
        (error: unknown) => {
          log('listing screens to share failed', error);
          callback({});
        },
      );
    },
    { useSystemPicker: true },
  );
}
