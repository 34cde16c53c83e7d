// The store belongs to the page's origin (scheme, host and port): the same app opened at another
// port (`PORT=8080 npm start`) or under another name (localhost / 127.0.0.1) has a store of its
// own, empty at first. The store cannot see another origin's, but a cookie is kept per host and
// not per port, so the origins of this host where the workstation held data are remembered in
// one, and an empty store can name them. Other hosts, and a cleared cookie, stay unknown.

export const ORIGINS_COOKIE = 'mw-stores';
const KEEP = 8;
/** A cookie value holds no spaces; each origin is also percent-encoded. */
const SEPARATOR = '|';
/** Chromium keeps a cookie at most 400 days. */
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/** Where cookies are read and written (document in the app, a fake in tests). */
export interface CookieJar {
  cookie: string;
}

const isWebOrigin = (origin: string) => /^https?:\/\/[^/\s;,]+$/.test(origin);

export function parseOrigins(cookieHeader: string): string[] {
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== ORIGINS_COOKIE) continue;
    const value = rest.join('=');
    return value
      .split(SEPARATOR)
      .map((item) => {
        try {
          return decodeURIComponent(item);
        } catch {
          return '';
        }
      })
      .filter(isWebOrigin);
  }
  return [];
}

/** `origin` first, then the others it remembered (at most KEEP in all). */
export function withOrigin(known: readonly string[], origin: string): string[] {
  return [origin, ...known.filter((o) => o !== origin)].slice(0, KEEP);
}

/** Remembers that this origin's store holds a workstation's data (a signed-in frame is proof). */
export function rememberOrigin(jar: CookieJar, origin: string): void {
  if (!isWebOrigin(origin)) return;
  const known = parseOrigins(jar.cookie);
  if (known[0] === origin) return;
  const value = withOrigin(known, origin).map(encodeURIComponent).join(SEPARATOR);
  jar.cookie = `${ORIGINS_COOKIE}=${value}; path=/; max-age=${MAX_AGE_SECONDS}; SameSite=Strict`;
}

/** The other origins of this host where the workstation held data, most recent first. */
export function otherOrigins(jar: CookieJar, origin: string): string[] {
  return parseOrigins(jar.cookie).filter((o) => o !== origin);
}

/** The page's cookie jar and origin, or null outside a web page (Electron's app://, tests). */
export function pageOrigin(): { jar: CookieJar; origin: string } | null {
  if (typeof document === 'undefined' || typeof location === 'undefined' || !isWebOrigin(location.origin)) return null;
  return { jar: document, origin: location.origin };
}
