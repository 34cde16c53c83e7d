// build/check-cycles.mjs is the cycle check `npm test` runs; planted cycles show it fails on one,
// type imports included, and passes on a tree without.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-cycles-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, ['build/check-cycles.mjs', dir], { encoding: 'utf8' });

describe('check-cycles', () => {
  it('fails on a planted cycle and names its modules', () => {
    const run = check(tree({ 'a.ts': "import { b } from './b';\nexport const a = () => b;\n", 'b.ts': "import { a } from './a';\nexport const b = () => a;\n" }));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/a\.ts/);
    expect(run.stderr).toMatch(/b\.ts/);
  });

  it('counts a cycle of type imports', () => {
    const run = check(tree({ 'a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n", 'b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n" }));
    expect(run.status).toBe(1);
  });

  it('passes a tree without one', () => {
    const run = check(tree({ 'a.ts': "import { b } from './b';\nexport const a = () => b;\n", 'b.ts': 'export const b = 1;\n' }));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
