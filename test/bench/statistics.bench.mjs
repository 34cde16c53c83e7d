// `npm run bench -- statistics`: the statistics dashboard over 100,000 cases, in Debian's
// Chromium, on the real web build (BENCH_CASES to change the number). Figures beside the issue's
// targets:
//   dashboard first figures (a fresh window reads the aggregate, computes a year's figures)  ≤ 500 ms
//   a filter change (figures and hotspots)                                                   ≤ 200 ms
// and, for the record: the same first figures from a scan of every case (what the aggregate
// saves), the first figures seen on the screen after navigating to it, a write of one case with its
// catalog entry and its share of the aggregate, that share alone on the largest month, the
// aggregate built from every case at the first read of a database without one, and the restore's
// writing with the aggregate in it.
import { fileURLToPath } from 'node:url';
import {
  buildAppAndPage,
  ensureSeed,
  firstSeenAfterNavigation,
  launchBenchBrowser,
  percentile,
  restoreAndSignIn,
  round,
  serveAppWithPage,
} from './browser-bench.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const FILE = `${root}test-results/seed-${CASES}.mwbackup`;
const PASSWORD = 'Admin12345';
const APP_OUT = 'test-results/bench/statistics-web';
const PAGE_OUT = `${root}test-results/bench/statistics-page`;

const log = (message) => process.stderr.write(`bench statistics: ${message}\n`);
const spread = (values) => ({ p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)), samples: values.length });

log('building the web app');
if (!(await buildAppAndPage(root, APP_OUT, `${root}test/bench/statistics-page`, PAGE_OUT))) process.exit(1);
ensureSeed(root, FILE, CASES, PASSWORD, log);

const { server, base } = await serveAppWithPage(`${root}${APP_OUT}`, PAGE_OUT);
const browser = await launchBenchBrowser();
try {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  log('restoring through the first-run screen');
  const restoreWriteMs = await restoreAndSignIn(page, base, FILE, PASSWORD);

  log('measuring the screen after navigation');
  const onScreen = await firstSeenAfterNavigation(page, base, { awayHash: '#/settings', hash: '#/statistics', selector: '[data-testid="kpi-received"]', times: 4 });

  log('measuring reads, figures and writes');
  const bench = await context.newPage();
  await bench.goto(`${base}bench/index.html`);
  await bench.waitForFunction(() => document.title === 'ready');
  const thisYear = new Date().getFullYear();
  const t = await bench.evaluate((years) => window.benchDashboard(years), [thisYear, thisYear - 1, thisYear - 2]);

  const figures = {
    bench: 'statistics',
    cases: CASES,
    browser: browser.version(),
    firstFigures: {
      ms: round(t.firstFiguresMs),
      readAggregateMs: round(t.firstReadMs),
      cells: t.cells,
      months: t.months,
      receivedThisYear: t.received,
      targetMs: 500,
    },
    firstFiguresByScanningEveryCase: { ms: round(t.scanFiguresMs), readCasesMs: round(t.scanReadMs), sameFigures: t.scanMatches },
    filterChange: { ...spread(t.filterChangeMs), targetMs: 200 },
    warmRereadMs: round(t.warmReadMs),
    screenFirstFiguresAfterNavigation: { coldMs: round(onScreen[0]), warmMedianMs: round(percentile(onScreen.slice(1), 50)) },
    casePutWithAggregate: spread(t.casePutMs),
    aggregateShareOfAWrite: { ...spread(t.aggregateShareMs), largestMonthCells: t.largestMonthCells },
    buildFromCasesAtFirstReadMs: round(t.buildFromCasesMs),
    restoreWriteMs,
  };
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await browser.close();
  server.close();
}
