// The Electron smoke test (design.md §9): launches the real app with Playwright's _electron where
// an Electron binary exists; elsewhere it is skipped, and says exactly why.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const SETUP_HINT = 'run `npm run setup` where the download is possible';

function findElectron(): { binary: string } | { skip: string } {
  // Look before requiring: `require('electron')` starts a download when the binary is missing.
  const load = createRequire(import.meta.url);
  const packageDir = path.dirname(load.resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { skip: `no Electron binary (node_modules/electron/dist missing; ${SETUP_HINT})` };
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const expected = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(expected)) return { skip: `no Electron binary (${expected} does not exist; ${SETUP_HINT})` };
  // Now side-effect free: the package exports the path of its binary.
  return { binary: load('electron') as string };
}

const electron = findElectron();
const skip = 'skip' in electron;
if ('skip' in electron) console.log(`Electron smoke test skipped: ${electron.skip}`);

describe('Electron shell (smoke)', () => {
  let app: ElectronApplication;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!('binary' in electron)) return;
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('`npm run build` failed; the smoke test needs dist/ and dist-electron/.');
    profile = await mkdtemp(path.join(tmpdir(), 'mw-electron-'));
    app = await _electron.launch({
      executablePath: electron.binary,
      // The project folder: Electron reads package.json and starts its main, dist-electron/main.cjs.
      args: [root],
      env: { ...process.env, MW_USER_DATA_DIR: profile, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it.skipIf(skip)('loads the renderer from app://workstation with the preload API only', async () => {
    expect(page.url()).toMatch(/^app:\/\/workstation\//);
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as unknown as { workstation: object }).workstation).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: ['app', 'blobs', 'files', 'hash', 'host', 'keys'] });
  });

  it.skipIf(skip)('sends the CSP and answers IPC', async () => {
    const csp = await page.evaluate(async () => (await fetch('app://workstation/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    const info = await page.evaluate(() => (globalThis as unknown as { workstation: { app: { info(): Promise<unknown> } } }).workstation.app.info());
    expect(info).toMatchObject({ ok: true, value: { electron: expect.any(String) } });
  });

  it.skipIf(skip)('denies new windows and navigation away from the app', async () => {
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  it.skipIf(skip)('runs with the hardened web preferences', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const p = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });
});
