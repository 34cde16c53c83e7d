// Installs the deny-by-default permission table of ./security on a session. Handlers are reset
// first, so nothing installed earlier (by Electron defaults or a library) stays in force.
import { decidePermission, type PermissionDetails } from './security';

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

export function installPermissionHandlers(session: SessionLike): void {
  session.setPermissionRequestHandler(null);
  session.setPermissionCheckHandler(null);
  session.setDevicePermissionHandler(null);

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.securityOrigin ?? details.requestingUrl, details));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission(permission, requestingOrigin, details),
  );
  // HID, serial and USB devices: never without a chooser, and the app shows none.
  session.setDevicePermissionHandler(() => false);
}
