// `npm run bench -- consultations`: the consultation register (issue 18) at 100,000 records, in
// Debian's Chromium, on the real web build (BENCH_CONSULTATIONS to change the number). The
// workstation is a small seed (its institution, its lawyer and the people of its cases) restored
// through the first-run screen; the register is then written through recordConsultation in batches
// of one data.transact each (how long that took is reported). Figures beside the case list's
// targets:
//   desk first rows visible after navigation (cold: the window reads and builds the index)  ≤ 300 ms
//   topic+outcome filter p95 (the desk's query: its first page and its total in one call)   ≤ 50 ms
//   text search p95 (name fragment, full name, phone, ID number, register number)           ≤ 100 ms
// and, for the record: the packed catalog's read in a window that has not read it, the index derived
// from it, and the old path (every record read and parsed, the index built) at 100,000.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
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
const CONSULTATIONS = Number(process.env.BENCH_CONSULTATIONS ?? 100_000);
const SEED_CASES = 2_000;
const FILE = `${root}test-results/seed-${SEED_CASES}.mwbackup`;
const PASSWORD = 'Admin12345';
// Its own build folder, so the bench never rewrites the dist/ that e2e runs serve.
const APP_OUT = 'dist-bench-consult';
const PAGE_OUT = `${root}test-results/bench/consultations-page`;
const BATCH = 1_000;
const TOPICS = ['NBR', 'FAM', 'LAB', 'CON', 'TRF', 'LEN', 'DMG', 'PRP', 'WAG', 'MED', 'CRIMINAL', 'ADMINISTRATIVE', 'LEGAL_AID', 'GENERAL'];
const OUTCOMES = ['answered', 'referred_mediation', 'referred_legal_aid', 'referred_court', 'referred_arbitration', 'referred_agency'];

const log = (message) => process.stderr.write(`bench consultations: ${message}\n`);
const p95 = (timings) => round(percentile(timings.map((t) => t.ms), 95));

function naturalPersons() {
  const name = 'tables/parties.jsonl';
  const files = unzipSync(readFileSync(FILE), { filter: (f) => f.name === name });
  return strFromU8(files[name])
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((p) => p.kind === 'natural')
    .map((p) => ({ name: p.name, idNumber: p.idNumber, phone: p.phone }));
}

log('building the web app');
if (!(await buildAppAndPage(root, APP_OUT, `${root}test/bench/consultations-page`, PAGE_OUT))) process.exit(1);
ensureSeed(root, FILE, SEED_CASES, PASSWORD, log);
const persons = naturalPersons();

const { server, base } = await serveAppWithPage(`${root}${APP_OUT}`, PAGE_OUT);
const browser = await launchBenchBrowser();
try {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  log(`restoring a seed of ${SEED_CASES} cases through the first-run screen`);
  await restoreAndSignIn(page, base, FILE, PASSWORD);
  await page.goto(`${base}#/settings`);

  const bench = await context.newPage();
  await bench.goto(`${base}bench/index.html`);
  await bench.waitForFunction(() => document.title === 'ready');
  log(`recording ${CONSULTATIONS} consultations in batches of ${BATCH}`);
  const seeded = await bench.evaluate(({ people, count, batch }) => window.benchConsultationSeed(people, count, batch), { people: persons, count: CONSULTATIONS, batch: BATCH });
  log(`recorded in ${round(seeded.ms)} ms`);

  log('measuring the desk after navigation');
  const onScreen = await firstSeenAfterNavigation(page, base, { awayHash: '#/settings', hash: '#/consultations', selector: '.ant-table-row[data-row-key]' });

  log('measuring the index, filters and searches');
  const catalog = await bench.evaluate(() => window.benchConsultationCatalog());
  // Every query differs from the others, so none is answered from the results the index keeps.
  const filterSpecs = [];
  for (let i = 0; i < 40; i += 1) {
    filterSpecs.push({ label: 'filter', query: { topic: TOPICS[i % TOPICS.length], outcome: OUTCOMES[(i + Math.floor(i / TOPICS.length)) % OUTCOMES.length] } });
  }
  const searchSpecs = [];
  const kinds = ['name-fragment', 'full-name', 'phone', 'id-number', 'register-number'];
  for (let i = 0; i < 40; i += 1) {
    const person = persons[(i * 7919) % persons.length];
    const kind = kinds[i % kinds.length];
    const text =
      kind === 'name-fragment'
        ? [...person.name].slice(-2).join('')
        : kind === 'full-name'
          ? person.name
          : kind === 'phone'
            ? person.phone
            : kind === 'id-number'
              ? person.idNumber
              : seeded.numbers[(i * 31) % seeded.numbers.length];
    searchSpecs.push({ label: kind, query: { text } });
  }
  const filters = await bench.evaluate((specs) => window.benchConsultationQueries(specs), filterSpecs);
  const searches = await bench.evaluate((specs) => window.benchConsultationQueries(specs), searchSpecs);

  const figures = {
    bench: 'consultations',
    consultations: CONSULTATIONS,
    browser: browser.version(),
    seeding: { ms: Math.round(seeded.ms), perRecordMs: round(seeded.ms / CONSULTATIONS), batches: seeded.batches, perBatch: BATCH, through: 'recordConsultation, batched in data.transact, one audit event per record' },
    deskFirstRows: { coldMs: round(onScreen[0]), warmMedianMs: round(percentile(onScreen.slice(1), 50)), maxMs: round(Math.max(...onScreen)), targetMs: 300 },
    catalog: {
      entries: catalog.entries,
      packedReadMs: round(catalog.packedReadMs),
      firstLoadMs: round(catalog.firstLoadMs),
      oldPath: { readAllMs: round(catalog.readAllMs), buildMs: round(catalog.buildMs) },
    },
    topicOutcomeFilter: {
      firstPageWithCountP95Ms: p95(filters),
      targetP95Ms: 50,
      medianTotal: percentile(filters.map((t) => t.total), 50),
      samples: filters.length,
    },
    textSearch: {
      firstPageWithCountP95Ms: p95(searches),
      targetP95Ms: 100,
      slowest: [...searches].sort((a, b) => b.ms - a.ms).slice(0, 3).map((t) => ({ kind: t.label, ms: round(t.ms), total: t.total })),
      emptyResults: searches.filter((t) => t.total === 0).length,
      samples: searches.length,
    },
  };
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await browser.close();
  server.close();
}
