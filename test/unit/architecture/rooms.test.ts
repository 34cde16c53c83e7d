// The renderer's rooms and doors (build/eslint/rooms.mjs) and the length of its functions are lint
// rules; these tests plant each violation and show that `npm test` would fail on it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(filePath: string, code: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}
const doors = (filePath: string, code: string) => messages(filePath, code, 'rooms/doors');

describe('rooms and doors', () => {
  it("refuses a feature reaching into another feature's inner files", async () => {
    expect(await doors('renderer/features/court/example.ts', "import { x } from '../cases/store/commands';\nexport const y = x;\n")).toEqual([
      expect.stringContaining('through its door'),
    ]);
    expect(await doors('renderer/app/example.ts', "import { x } from '../features/court/permissions';\nexport const y = x;\n")).not.toHaveLength(0);
  });

  it('lets a feature use its own files and enter others by their door', async () => {
    expect(await doors('renderer/features/court/example.ts', "import { x } from '../cases';\nimport { z } from './permissions';\nexport const y = [x, z];\n")).toEqual([]);
    expect(await doors('renderer/features/court/sub/example.ts', "import { x } from '../../cases/index';\nimport { z } from '../permissions';\nexport const y = [x, z];\n")).toEqual([]);
  });

  it('keeps the data layer and the kit free of features and of the app', async () => {
    expect(await doors('renderer/data/example.ts', "import { x } from '../features/cases';\nexport const y = x;\n")).not.toHaveLength(0);
    expect(await doors('renderer/kit/example.ts', "import { x } from '../app/i18n';\nexport const y = x;\n")).not.toHaveLength(0);
  });

  it('keeps Dexie and the adapter inside the data layer', async () => {
    expect(await doors('renderer/features/cases/example.ts', "import Dexie from 'dexie';\nexport const y = Dexie;\n")).not.toHaveLength(0);
    expect(await doors('renderer/features/cases/example.ts', "import { x } from '../../data/dexie/db';\nexport const y = x;\n")).not.toHaveLength(0);
    expect(await doors('renderer/features/cases/example.ts', "import { x } from '../../data';\nexport const y = x;\n")).toEqual([]);
    expect(await doors('renderer/data/dexie/example.ts', "import Dexie from 'dexie';\nimport { x } from '../registry';\nexport const y = [Dexie, x];\n")).toEqual([]);
  });
});

describe('function length', () => {
  it('refuses a component over 200 lines and accepts one of 200', async () => {
    const component = (lines: number) => `export function Screen() {\n${'  console.log(1);\n'.repeat(lines - 2)}  return null;\n}\n`;
    expect(await messages('renderer/features/cases/Screen.tsx', component(205), 'max-lines-per-function')).not.toHaveLength(0);
    expect(await messages('renderer/features/cases/Screen.tsx', component(198), 'max-lines-per-function')).toEqual([]);
  });
});
