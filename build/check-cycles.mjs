// `node build/check-cycles.mjs [root]`: fails when any import cycle exists among our modules
// (type-only imports count too: a cycle of types is still two modules that cannot be read apart). `npm test` runs it over
// the repository; test/unit/architecture/cycles.test.ts runs it over a planted cycle.
import { parseCircular, parseDependencyTree, prettyCircular } from 'dpdm';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = resolve(process.argv[2] ?? repo);
const entries = process.argv[2] ? ['**/*.{ts,tsx}'] : ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'cli/src/**/*.ts', 'node/**/*.ts', 'server/**/*.ts'];

const tree = await parseDependencyTree(entries, {
  context: root,
  cwd: root,
  transform: false,
  skipDynamicImports: false,
  include: /\.(ts|tsx|mts)$/,
  exclude: /node_modules/,
  tsconfig: undefined,
  onProgress: () => undefined,
});
const cycles = parseCircular(tree, false);
if (cycles.length === 0) {
  console.log(`check-cycles: no import cycle among ${Object.keys(tree).length} modules under ${relative(repo, root) || '.'}`);
} else {
  console.error(`check-cycles: ${cycles.length} import cycle(s); break each by moving what both sides need into a module of its own:`);
  console.error(prettyCircular(cycles));
  process.exit(1);
}
