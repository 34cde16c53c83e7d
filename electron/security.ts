// The shell's security decisions as plain functions, so each can be unit-tested without an
// Electron binary (electron/main.ts only wires them to Electron events).
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The one window the page may open: the waiting area's display (numbers called, never names). */
export const DISPLAY_WINDOW_URL = `${APP_ENTRY_URL}#/hall/display`;

/** Exactly the display's address: any other window the page asks for is denied. */
export function displayWindowAllowed(url: string): boolean {
  return url === DISPLAY_WINDOW_URL;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for our own origin, app://workstation (no port, no credentials). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an app:// URL to a file under `root`, or null when the URL must be refused. Refuses rather
 * than normalises anything suspicious: dot segments (raw or percent-encoded), backslashes, NUL,
 * encoded slashes, drive letters, empty segments and other hosts. Paths without a file extension
 * are navigations of the single-page app and get index.html.
 */
export function resolveAppPath(root: string, url: string): string | null {
  // Match the raw text: the URL parser would silently resolve `..` and `%2e%2e` for us, and a
  // request that tries them is refused, not repaired.
  const match = /^app:\/\/([^/?#\\]*)([^?#]*)/i.exec(url);
  if (!match) return null;
  const authority = match[1] ?? '';
  const rawPath = match[2] ?? '';
  if (authority.toLowerCase() !== APP_HOST) return null;
  if (rawPath !== '' && !rawPath.startsWith('/')) return null;
  if (/[\0\\]/.test(rawPath)) return null;

  const rawSegments = rawPath.split('/').slice(1);
  const segments: string[] = [];
  for (const [index, raw] of rawSegments.entries()) {
    const isLast = index === rawSegments.length - 1;
    if (raw === '') {
      if (isLast) break; // trailing slash: a directory-style navigation
      return null;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0:]/.test(decoded)) return null;
    // eslint-disable-next-line no-control-regex -- control characters never name a file of ours
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
    segments.push(decoded);
  }

  const last = segments.at(-1);
  const isNavigation = rawPath.endsWith('/') || last === undefined || path.extname(last) === '';
  const candidate = isNavigation ? path.join(root, 'index.html') : path.join(root, ...segments);
  const relative = path.relative(root, candidate);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return candidate;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.ogg': 'audio/ogg',
};

/** Content type by extension; unknown types are served as opaque bytes (never sniffed). */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface CspOptions {
  /** Extra connect-src sources, e.g. a configured signaling server. */
  readonly connect?: readonly string[];
}

/** The Content-Security-Policy sent with every app:// response. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    // antd 6 injects its CSS-in-JS as <style> elements.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['media-src', ["'self'", 'blob:', 'mediastream:']],
    // ws:/wss: for the signaling server of video sessions (design.md §7).
    ['connect-src', ["'self'", 'ws:', 'wss:', ...(options.connect ?? [])]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Headers added to every response of the app:// handler. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/** Only web links leave the app, and only to the user's browser. */
export function externalUrlAllowed(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  // Credentials in a link are a phishing device (https://bank.example@evil.example/).
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/** Navigation and redirects stay inside app://workstation. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

export interface PermissionDetails {
  readonly isMainFrame?: boolean;
  readonly requestingUrl?: string;
  /** Request handler: the media kinds asked for. */
  readonly mediaTypes?: readonly string[];
  /** Check handler: the one media kind being checked. */
  readonly mediaType?: string;
  readonly securityOrigin?: string;
  readonly embeddingOrigin?: string;
}

/**
 * Deny-by-default permission table. Only our own top frame may use the camera and microphone
 * (video sessions), capture the screen (to show a document in a session; the screen is then
 * chosen by the display-media handler of ./permissions) and write sanitized text to the
 * clipboard; notifications, geolocation, devices and the rest are refused.
 */
export function decidePermission(permission: string, requestingOrigin: string, details: PermissionDetails = {}): boolean {
  if (!isAppUrl(requestingOrigin)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  if (details.embeddingOrigin !== undefined && !isAppUrl(details.embeddingOrigin)) return false;
  if (details.isMainFrame === false) return false;

  switch (permission) {
    case 'media': {
      const kinds = details.mediaTypes ?? (details.mediaType !== undefined ? [details.mediaType] : []);
      return kinds.length > 0 && kinds.every((kind) => kind === 'audio' || kind === 'video');
    }
    case 'display-capture':
    case 'clipboard-sanitized-write':
      return true;
    default:
      return false;
  }
}

export interface FrameLike {
  readonly url: string;
}

/**
 * IPC is answered only for our own document in the top frame: never for a subframe, an error
 * page, or a page that navigated elsewhere.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, mainFrame?: FrameLike | null): boolean {
  if (frame === null || frame === undefined) return false;
  if (mainFrame !== undefined && frame !== mainFrame) return false;
  return isAppUrl(frame.url);
}
