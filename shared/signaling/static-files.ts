// Serving the built web app (dist/) next to /signal, so that a party's browser opens the join
// page (`BASE#/join?token=…`, a route of the renderer build) from the same server it signals
// through. Which file a URL path names is decided here, refusing rather than repairing anything
// odd (dot segments raw or encoded, backslashes, NUL, encoded slashes); hosts read the file.

/** The path segments of the file under the web root, or null when the path must be refused. */
export function webRootSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/')) return null;
  const raw = pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const [index, part] of raw.entries()) {
    if (part === '') {
      if (index === raw.length - 1) break; // a trailing slash names the folder's index.html
      return null;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    // eslint-disable-next-line no-control-regex -- control characters never name a file of ours
    if (decoded === '.' || decoded === '..' || /[/\\:\u0000-\u001f\u007f]/.test(decoded)) return null;
    segments.push(decoded);
  }
  if (pathname.endsWith('/')) segments.push('index.html');
  return segments;
}

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

export function contentTypeFor(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? TYPES[name.slice(dot + 1).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/**
 * The policy of pages served here: the app's own scripts only; ws:/wss: for the signaling
 * server (the join page connects to its own host's /signal).
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of a served file; hashed build assets are immutable, everything else revalidated. */
export function staticHeaders(segments: readonly string[]): Record<string, string> {
  return {
    'content-type': contentTypeFor(segments.at(-1) ?? ''),
    'content-security-policy': WEB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}
