// `npm test`: every check, in the order a failure is cheapest to find. Each suite runs even when an
// earlier one failed, so one run shows everything; the last line is `N passed, N failed` over all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = 'test-results';
rmSync(new URL(`../${results}/unit.json`, import.meta.url), { force: true });
rmSync(new URL(`../${results}/e2e.json`, import.meta.url), { force: true });
mkdirSync(new URL(`../${results}`, import.meta.url), { recursive: true });

const tally = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
// CI shows only the tail of a run, so each failure's cause is repeated after the summary.
const failures = [];
// eslint-disable-next-line no-control-regex -- the runners' messages carry terminal colours
const plain = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
const firstLines = (text, n) => plain(text).split('\n').filter((line) => line.trim()).slice(0, n).map((line) => `    ${line.slice(0, 240)}`);

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function check(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  tally[ok ? 'passed' : 'failed'] += 1;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds}s)`);
  return ok;
}

function readJson(file) {
  const path = new URL(`../${file}`, import.meta.url);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function suite(label, command, args, reportFile, count, failed) {
  const { ok, seconds } = run(label, command, args);
  const report = readJson(reportFile);
  const counted = report ? count(report) : { passed: 0, failed: 0, skipped: 0 };
  if (report) failures.push(...failed(report));
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && counted.failed === 0) counted.failed = 1;
  tally.passed += counted.passed;
  tally.failed += counted.failed;
  tally.skipped += counted.skipped;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${counted.passed} passed, ${counted.failed} failed, ${counted.skipped} skipped (${seconds}s)`);
}

function unitFailures(report) {
  const found = [];
  for (const file of report.testResults ?? []) {
    const name = file.name.slice(root.length);
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      found.push([`unit ${name}`, ...firstLines(file.message, 12)]);
    }
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') found.push([`unit ${name} › ${test.fullName}`, ...firstLines((test.failureMessages ?? []).join('\n'), 12)]);
    }
  }
  return found;
}

function e2eFailures(report) {
  const found = [];
  const walk = (suiteNode) => {
    for (const spec of suiteNode.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = test.results?.at(-1);
        const errors = (last?.errors ?? []).map((e) => e.message ?? e.value).join('\n');
        found.push([`e2e ${spec.file}:${spec.line} › ${spec.title} (${Math.round((last?.duration ?? 0) / 1000)}s)`, ...firstLines(errors, 16)]);
      }
    }
    for (const child of suiteNode.suites ?? []) walk(child);
  };
  for (const top of report.suites ?? []) walk(top);
  for (const error of report.errors ?? []) found.push(['e2e (outside a test)', ...firstLines(error.message, 12)]);
  return found;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

check('typecheck', npm, ['run', '--silent', 'typecheck']);
check('lint', npm, ['run', '--silent', 'lint']);
check('import cycles', process.execPath, ['build/check-cycles.mjs']);
suite('unit (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`], `${results}/unit.json`, (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0),
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}), unitFailures);
if (check('web build', npm, ['run', '--silent', 'build:web'])) {
  suite('e2e (Playwright, Chromium)', npx, ['playwright', 'test'], `${results}/e2e.json`, (r) => ({
    passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
    failed: r.stats?.unexpected ?? 0,
    skipped: r.stats?.skipped ?? 0,
  }), e2eFailures);
}
if (existsSync(new URL('./electronegativity.mjs', import.meta.url))) {
  check('electron security audit (electronegativity)', process.execPath, ['build/electronegativity.mjs']);
}

if (failures.length) {
  console.log('\n=== failures');
  for (const lines of failures) console.log(lines.join('\n'));
}
console.log('\n=== summary');
for (const line of summary) console.log(line);
const skipped = tally.skipped ? `, ${tally.skipped} skipped` : '';
console.log(`${tally.passed} passed, ${tally.failed} failed${skipped}`);
process.exit(tally.failed === 0 ? 0 : 1);
