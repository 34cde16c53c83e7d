// `npm run bench -- <name>…`: runs test/bench/<name>.bench.mjs and prints its JSON figures.
// With no name, every bench runs. Benchmarks measure; they never pass or fail a build.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test/bench/', import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).map((f) => f.replace('.bench.mjs', ''));
const args = process.argv.slice(2);
// `--flag value` passes the value on with its flag, unless it names a benchmark.
const isValue = (a, i) => !a.startsWith('-') && i > 0 && args[i - 1].startsWith('--') && !args[i - 1].includes('=') && !available.includes(a);
const wanted = args.filter((a, i) => !a.startsWith('-') && !isValue(a, i));
const flags = args.filter((a, i) => a.startsWith('-') || isValue(a, i));
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length ? wanted : available) {
  const result = spawnSync(process.execPath, [`${dir}${name}.bench.mjs`, ...flags], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
