// What the browser benches share (cases, statistics):
// the figures' arithmetic, the web build with a bench page of the bench's own served beside the
// app (same origin, so the page's reads run on the IndexedDB the app wrote), Debian's Chromium, the
// seed backup restored through the first-run screen, and "something visible after navigation"
// measured inside the page from the hash change to the element's appearance.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { listen, staticHandler } from './static-server.mjs';

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const round = (n) => Math.round(n * 10) / 10;

/**
 * `npm run build:web` into `appOut` (relative to root, through MW_OUT_DIR) and the bench page
 * `pageDir` into `pageOut`; false when the app's build failed.
 */
export async function buildAppAndPage(root, appOut, pageDir, pageOut) {
  const env = { ...process.env, MW_OUT_DIR: appOut };
  if (spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env }).status !== 0) return false;
  await build({ root: pageDir, base: './', logLevel: 'warn', build: { outDir: pageOut, emptyOutDir: true } });
  return true;
}

/** The seed backup of `cases` cases at `file`, made once with `mw seed` (seed 7) and kept. */
export function ensureSeed(root, file, cases, adminPassword, log) {
  if (existsSync(file)) return;
  log(`seeding ${cases} cases (once; kept in test-results/)`);
  execFileSync(process.execPath, [`${root}cli/bin/mw.mjs`, 'seed', '--cases', String(cases), '--out', file, '--seed', '7', '--admin-password', adminPassword], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Serves `appDir` at / and `pageDir` at /bench/ on a free port; returns the server and its base URL. */
export async function serveAppWithPage(appDir, pageDir) {
  const app = staticHandler(appDir);
  const benchPage = staticHandler(pageDir);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/bench/')) {
      req.url = req.url.slice('/bench'.length);
      return benchPage(req, res);
    }
    return app(req, res);
  });
  const { port } = await listen(server, 0);
  return { server, base: `http://127.0.0.1:${port}/` };
}

export function launchBenchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Restores the unsigned seed `file` through the first-run screen and signs in as admin; returns
 * the milliseconds from the answer to the unsigned-backup question to the sign-in screen (the
 * restore's writing, the aggregates built with it).
 */
export async function restoreAndSignIn(page, base, file, adminPassword) {
  await page.goto(base);
  await page.getByRole('heading', { name: '首次使用：设置本机构' }).waitFor();
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从文件恢复…' }).click();
  await (await choosing).setFiles(file);
  const ask = page.getByRole('dialog').filter({ hasText: '此备份没有机构签名' });
  await ask.waitFor({ timeout: 600_000 });
  await ask.getByRole('checkbox', { name: '我了解此备份未经认证，仍要恢复' }).check();
  const writeStarted = Date.now();
  await ask.getByRole('button', { name: '恢复' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 600_000 });
  const writeMs = Date.now() - writeStarted;
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(adminPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return writeMs;
}

/**
 * Milliseconds from setting location.hash to `hash` until an element matching `selector` exists,
 * `times` times, each after first opening `awayHash` (so the screen is mounted afresh).
 */
export async function firstSeenAfterNavigation(page, base, { awayHash, hash, selector, times = 6 }) {
  const out = [];
  for (let i = 0; i < times; i += 1) {
    await page.goto(`${base}${awayHash}`);
    await page.getByRole('heading').first().waitFor();
    out.push(
      await page.evaluate(
        ({ target, wanted }) =>
          new Promise((resolve) => {
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if (document.querySelector(wanted)) {
                observer.disconnect();
                resolve(performance.now() - started);
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, attributes: true });
            location.hash = target;
          }),
        { target: hash, wanted: selector },
      ),
    );
  }
  return out;
}
