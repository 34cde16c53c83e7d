import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  decidePermission,
  externalUrlAllowed,
  isTrustedSender,
  mimeTypeFor,
  navigationAllowed,
  resolveAppPath,
  securityHeaders,
} from '../../../electron/security';

const root = path.resolve('/srv/app/dist');
const under = (...parts: string[]) => path.join(root, ...parts);

describe('resolveAppPath', () => {
  it.each([
    ['app://workstation/index.html', under('index.html')],
    ['app://workstation/assets/index-abc123.js', under('assets', 'index-abc123.js')],
    ['app://workstation/assets/index.css?v=2#x', under('assets', 'index.css')],
    ['app://WORKSTATION/assets/a.js', under('assets', 'a.js')],
    ['app://workstation/fonts/%E5%AE%8B%E4%BD%93.ttf', under('fonts', '宋体.ttf')],
  ])('serves %s', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it.each([
    'app://workstation',
    'app://workstation/',
    'app://workstation/cases',
    'app://workstation/cases/42/',
    'app://workstation/#/cases?status=open',
  ])('falls back to index.html for the navigation %s', (url) => {
    expect(resolveAppPath(root, url)).toBe(under('index.html'));
  });

  it.each([
    // dot segments, raw and encoded in every case mix
    'app://workstation/../etc/passwd',
    'app://workstation/assets/../../etc/passwd',
    'app://workstation/%2e%2e/etc/passwd',
    'app://workstation/%2E%2E/etc/passwd',
    'app://workstation/.%2e/etc/passwd',
    'app://workstation/%2e./secret.txt',
    'app://workstation/assets/%2e%2e/%2e%2e/secret.txt',
    'app://workstation/./index.html',
    'app://workstation/%2e/index.html',
    'app://workstation/%252e%252e/x.js/../../../../etc/passwd',
    // encoded and raw separators
    'app://workstation/..%2fsecret.txt',
    'app://workstation/..%2Fsecret.txt',
    'app://workstation/assets%2f..%2f..%2fsecret.txt',
    'app://workstation/..\\secret.txt',
    'app://workstation/assets\\..\\..\\secret.txt',
    'app://workstation/..%5csecret.txt',
    'app://workstation/..%5Csecret.txt',
    // absolute paths and drive letters
    'app://workstation//etc/passwd',
    'app://workstation/C:/Windows/win.ini',
    'app://workstation/C%3A/Windows/win.ini',
    'app://workstation/%2Fetc%2Fpasswd',
    // NUL and control characters
    'app://workstation/index.html%00.js',
    'app://workstation/index.html\u0000.js',
    'app://workstation/a%0a.js',
    // malformed escapes
    'app://workstation/%E0%A4%A.js',
    'app://workstation/%zz.js',
    // other hosts, ports, credentials, schemes
    'app://evil/index.html',
    'app://workstation.evil/index.html',
    'app://workstation:8080/index.html',
    'app://user@workstation/index.html',
    'app://evil@workstation/index.html',
    'app://\\workstation/index.html',
    'file:///etc/passwd',
    'https://workstation/index.html',
    'app:/workstation/index.html',
    'app:workstation/index.html',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('never leaves the root, whatever the input', () => {
    const pieces = ['..', '%2e%2e', '.', 'a', 'b.js', '%2f', '\\', '%5c', '', 'c:', '%00', '~', 'x.css'];
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const resolved = resolveAppPath(root, `app://workstation/${a}/${b}/${c}`);
          if (resolved !== null) {
            expect(path.relative(root, resolved).startsWith('..')).toBe(false);
            expect(resolved.startsWith(root + path.sep)).toBe(true);
          }
        }
      }
    }
  });
});

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('locks scripts, objects, base, framing and forms down', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // WebAssembly compilation only (the streaming SHA-256 of evidence files); never JavaScript eval.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('allows only what the app needs', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('never allows eval, inline scripts or remote script hosts', () => {
    expect(csp.replaceAll("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-eval/);
    expect(directives.get('script-src')?.join(' ')).not.toMatch(/unsafe-inline|https?:|\*/);
  });

  it('adds configured connect sources', () => {
    expect(contentSecurityPolicy({ connect: ['https://signal.example'] })).toContain("connect-src 'self' ws: wss: https://signal.example");
  });

  it('is sent with nosniff on every response', () => {
    const headers = securityHeaders('text/html');
    expect(headers['Content-Security-Policy']).toBe(csp);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('mimeTypeFor', () => {
  it('knows the build output and never guesses', () => {
    expect(mimeTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('externalUrlAllowed', () => {
  it.each(['https://court.example.cn/guide', 'http://example.org/', 'HTTPS://EXAMPLE.ORG/a?b#c'])('hands %s to the browser', (url) => {
    expect(externalUrlAllowed(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'app://workstation/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'smb://server/share',
    'mailto:someone@example.org',
    'tel:+8612345',
    'chrome://settings',
    'https://user:pass@example.org/',
    'https://bank.example@evil.example/',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(externalUrlAllowed(url)).toBe(false);
  });
});

describe('navigationAllowed', () => {
  it('keeps navigation inside app://workstation', () => {
    expect(navigationAllowed('app://workstation/index.html#/cases')).toBe(true);
    expect(navigationAllowed('https://example.org/')).toBe(false);
    expect(navigationAllowed('app://other/index.html')).toBe(false);
    expect(navigationAllowed('file:///etc/passwd')).toBe(false);
    expect(navigationAllowed('about:blank')).toBe(false);
  });
});

describe('decidePermission', () => {
  const own = 'app://workstation';
  const top = { isMainFrame: true, requestingUrl: 'app://workstation/index.html' };

  it('grants camera and microphone to our own top frame', () => {
    expect(decidePermission('media', own, { ...top, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(decidePermission('media', own, { ...top, mediaTypes: ['video'] })).toBe(true);
    expect(decidePermission('media', `${own}/`, { ...top, mediaType: 'audio' })).toBe(true);
  });

  it('grants sanitized clipboard writes to our own origin', () => {
    expect(decidePermission('clipboard-sanitized-write', own, top)).toBe(true);
  });

  it('grants screen capture (to show a document in a video session) to our own top frame only', () => {
    expect(decidePermission('display-capture', own, top)).toBe(true);
    expect(decidePermission('display-capture', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(decidePermission('display-capture', 'http://192.168.1.5:5181', { isMainFrame: true })).toBe(false);
    expect(decidePermission('display-capture', own, { ...top, isMainFrame: false })).toBe(false);
    expect(decidePermission('display-capture', own, { ...top, requestingUrl: 'https://evil.example/' })).toBe(false);
  });

  it('refuses media that is not plainly camera or microphone', () => {
    expect(decidePermission('media', own, { ...top, mediaTypes: [] })).toBe(false);
    expect(decidePermission('media', own, top)).toBe(false);
    expect(decidePermission('media', own, { ...top, mediaType: 'unknown' })).toBe(false);
    expect(decidePermission('media', own, { ...top, mediaTypes: ['video', 'screen'] })).toBe(false);
  });

  it('refuses our permissions to any other origin or to a subframe', () => {
    for (const origin of ['https://example.org', 'app://evil', 'app://workstation:1', 'file://', 'null', '']) {
      expect(decidePermission('media', origin, { isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
      expect(decidePermission('clipboard-sanitized-write', origin, { isMainFrame: true })).toBe(false);
    }
    expect(decidePermission('media', own, { ...top, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(decidePermission('media', own, { ...top, requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(decidePermission('media', own, { ...top, securityOrigin: 'https://evil.example', mediaTypes: ['video'] })).toBe(false);
    expect(decidePermission('media', own, { ...top, embeddingOrigin: 'https://evil.example', mediaTypes: ['video'] })).toBe(false);
  });

  it.each([
    'notifications',
    'geolocation',
    'clipboard-read',
    'deprecated-sync-clipboard-read',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'midi',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'idle-detection',
    'storage-access',
    'window-management',
    'local-fonts',
    'unknown',
    'some-future-permission',
  ])('denies %s even to our own top frame', (permission) => {
    expect(decidePermission(permission, own, { ...top, mediaTypes: ['video'] })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const main = { url: 'app://workstation/index.html#/cases' };

  it('trusts our own top frame', () => {
    expect(isTrustedSender(main, main)).toBe(true);
    expect(isTrustedSender(main)).toBe(true);
  });

  it('distrusts subframes, other origins and missing frames', () => {
    expect(isTrustedSender({ url: 'app://workstation/index.html' }, main)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html' })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html' })).toBe(false);
    expect(isTrustedSender({ url: 'about:blank' })).toBe(false);
    expect(isTrustedSender({ url: '' })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined, main)).toBe(false);
    const foreign = { url: 'https://evil.example/' };
    expect(isTrustedSender(foreign, foreign)).toBe(false);
  });
});
