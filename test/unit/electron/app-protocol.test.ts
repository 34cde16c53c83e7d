import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/app-protocol';
import { contentSecurityPolicy } from '../../../electron/security';

let base: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'mw-app-protocol-'));
  const root = path.join(base, 'dist');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside the build');
  handle = createAppProtocolHandler(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// protocol handler', () => {
  it('serves build files with their type and the CSP', async () => {
    const response = await handle(new Request('app://workstation/assets/index.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for extension-less navigations', async () => {
    const response = await handle(new Request('app://workstation/cases/42'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('answers 404 with the CSP for missing files and traversal attempts', async () => {
    const urls = ['app://workstation/assets/missing.js', 'app://workstation/%2e%2e/secret.txt', 'app://workstation/../secret.txt', 'app://workstation/assets'];
    for (const url of urls) {
      // A plain object, not a Request: Node's URL parser would already resolve the dot segments,
      // and the handler must refuse them on its own.
      const response = await handle({ method: 'GET', url } as Request);
      if (url.endsWith('/assets')) {
        // a directory name without extension is a navigation: index.html, never a listing
        expect(await response.text()).toContain('<title>app</title>');
        continue;
      }
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
      expect(await response.text()).not.toContain('outside the build');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(new Request('app://workstation/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    const head = await handle(new Request('app://workstation/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('33');
  });
});
