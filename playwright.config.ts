import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (`npx playwright install` cannot work here).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4817);
// The web build to serve (npm run test:e2e builds dist; another build folder via MW_OUT_DIR).
const webRoot = process.env.MW_OUT_DIR ?? 'dist';
// The court intake of the confirmation tests: a folder of its own per run (workers inherit it).
process.env.E2E_INTAKE_DIR ??= `test-results/intake-${Date.now()}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  // A guard against a hung test, never a speed check. The hall's test takes 20 s on an idle machine
  // here and 50 s with two busy cores beside it; CI is slower still, and both failed there at 60 s.
  timeout: process.env.CI ? 180_000 : 60_000,
  // Waits end as soon as what is awaited shows; on CI a lazily loaded screen can take over 10 s
  // (seen here with the pages' CPU slowed fourfold on a loaded machine, E2E_CPU_SLOWDOWN=4).
  expect: { timeout: process.env.CI ? 20_000 : 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/e2e.json' }]],
  outputDir: process.env.E2E_OUTPUT ?? 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  // The same host as `npm start` in browser mode (mw serve): the app, /signal and the token
  // endpoints on one port, so the video session tests sign in, mint and signal through it; with a
  // court intake (/intake and the clerk's inbox), where the center's workstation submits packages.
  // Its secret and packages live under test-results/, never in the user's data folder.
  webServer: {
    command: `node cli/bin/mw.mjs serve --port ${port} --host 127.0.0.1 --web-root ${webRoot} --secret-file test-results/signal.secret --intake-dir ${process.env.E2E_INTAKE_DIR}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
