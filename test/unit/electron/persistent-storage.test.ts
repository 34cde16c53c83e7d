// navigator.storage.persist() in Electron (issue 16 item 8): the request reaches the session's
// permission handlers as 'persistent-storage'; our own top frame gets it (so the store is never
// evicted under disk pressure), no other origin, frame or embedder does, and the rest of the
// deny-by-default table is unchanged.
import { describe, expect, it } from 'vitest';
import { decideSessionPermission, installPermissionHandlers, PERSISTENT_STORAGE, type SessionLike } from '../../../electron/permissions';

const own = 'app://workstation';
const top = { isMainFrame: true, requestingUrl: `${own}/index.html`, securityOrigin: own };

function installed() {
  const handlers: { request?: Parameters<SessionLike['setPermissionRequestHandler']>[0]; check?: Parameters<SessionLike['setPermissionCheckHandler']>[0] } = {};
  installPermissionHandlers({
    setPermissionRequestHandler: (h) => (handlers.request = h),
    setPermissionCheckHandler: (h) => (handlers.check = h),
    setDevicePermissionHandler: () => undefined,
  });
  const request = (permission: string, details: { requestingUrl: string; isMainFrame: boolean; securityOrigin?: string; embeddingOrigin?: string }) => {
    let granted: boolean | undefined;
    handlers.request?.(null, permission, (g) => (granted = g), details);
    return granted;
  };
  const check = (permission: string, origin: string, details: { isMainFrame?: boolean; requestingUrl?: string; embeddingOrigin?: string } = {}) => handlers.check?.(null, permission, origin, details);
  return { request, check };
}

describe('persistent storage in Electron', () => {
  it('is the permission name Electron uses for persist()', () => {
    expect(PERSISTENT_STORAGE).toBe('persistent-storage');
  });

  it('is granted to our own top frame, by the request and the check handler', () => {
    const { request, check } = installed();
    expect(request(PERSISTENT_STORAGE, top)).toBe(true);
    expect(request(PERSISTENT_STORAGE, { requestingUrl: `${own}/index.html#/cases`, isMainFrame: true })).toBe(true);
    expect(check(PERSISTENT_STORAGE, own, { isMainFrame: true, requestingUrl: `${own}/index.html` })).toBe(true);
    expect(check(PERSISTENT_STORAGE, `${own}/`)).toBe(true);
  });

  it('is refused to any other origin, a subframe or a foreign embedder', () => {
    const { request, check } = installed();
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5181', 'app://workstation:8080', 'app://other', 'file:///index.html', '']) {
      expect(request(PERSISTENT_STORAGE, { requestingUrl: `${origin}/index.html`, isMainFrame: true, securityOrigin: origin }), origin).toBe(false);
      expect(check(PERSISTENT_STORAGE, origin, { isMainFrame: true }), origin).toBe(false);
    }
    expect(request(PERSISTENT_STORAGE, { ...top, isMainFrame: false })).toBe(false);
    expect(request(PERSISTENT_STORAGE, { ...top, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(request(PERSISTENT_STORAGE, { ...top, embeddingOrigin: 'https://evil.example' })).toBe(false);
    expect(check(PERSISTENT_STORAGE, own, { isMainFrame: false })).toBe(false);
    expect(check(PERSISTENT_STORAGE, own, { isMainFrame: true, embeddingOrigin: 'https://evil.example' })).toBe(false);
  });

  it('leaves the rest of the table as it was', () => {
    const { request, check } = installed();
    expect(request('media', { ...top, mediaTypes: ['video'] } as typeof top)).toBe(true);
    for (const permission of ['storage-access', 'top-level-storage-access', 'notifications', 'fileSystem', 'unknown']) {
      expect(request(permission, top), permission).toBe(false);
      expect(check(permission, own, { isMainFrame: true }), permission).toBe(false);
      expect(decideSessionPermission(permission, own, top), permission).toBe(false);
    }
    expect(decideSessionPermission('clipboard-sanitized-write', own, top)).toBe(true);
  });
});
