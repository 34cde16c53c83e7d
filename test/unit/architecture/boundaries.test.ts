// The import direction of design.md §2 is a lint rule; these tests prove the rule bites, so that a
// wrong-way import fails `npm test` and not just a review.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ["import { readFile } from 'node:fs';", 'Node built-ins'],
    ["import path from 'path';", 'Node built-ins'],
    ["import { app } from 'electron';", 'Electron'],
    ["import { useState } from 'react';", 'React'],
    ["import { Button } from 'antd';", 'React'],
    ["import { x } from '../../renderer/app/App';", 'nothing of ours'],
    ["import { x } from '../../electron/main';", 'nothing of ours'],
  ])('shared/ refuses %s', async (code, why) => {
    const errors = await importErrors('shared/domain/example.ts', `${code}\nexport const y = x;\n`);
    expect(errors.join('\n')).toContain(why);
  });

  it('shared/ refuses DOM and Node globals', async () => {
    const errors = await importErrors('shared/domain/example.ts', 'export const a = window.location; export const b = process.env;\n');
    expect(errors).toHaveLength(2);
  });

  it('renderer/ and electron/ never import each other', async () => {
    expect(await importErrors('renderer/app/example.ts', "import { x } from '../../electron/preload';\nexport const y = x;\n")).not.toHaveLength(0);
    expect(await importErrors('electron/example.ts', "import { x } from '../renderer/app/App';\nexport const y = x;\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/app/example.ts', "import { app } from 'electron';\nexport const y = app;\n")).not.toHaveLength(0);
  });

  it('shared/ and renderer/ never import the Node layer', async () => {
    expect(await importErrors('shared/domain/example.ts', "import { x } from '../../node/crypto';\nexport const y = x;\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/app/example.ts', "import { x } from '../../node/crypto';\nexport const y = x;\n")).not.toHaveLength(0);
  });

  it('renderer/ never imports the server, but may use the rules it shares in shared/server/', async () => {
    expect(await importErrors('renderer/app/example.ts', "import { x } from '../../server/accounts';\nexport const y = x;\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/app/example.ts', "import { x } from '../../shared/server/accounts';\nexport const y = x;\n")).toEqual([]);
  });

  it('cli/ imports only shared/', async () => {
    expect(await importErrors('cli/src/example.ts', "import { x } from '../../renderer/db/db';\nexport const y = x;\n")).not.toHaveLength(0);
  });

  it('allows the right direction', async () => {
    expect(await importErrors('renderer/app/example.ts', "import { x } from '../../shared/domain/model';\nexport const y = x;\n")).toEqual([]);
    expect(await importErrors('electron/example.ts', "import { x } from '../shared/protocol/ipc';\nimport { app } from 'electron';\nexport const y = [x, app];\n")).toEqual([]);
    expect(await importErrors('shared/domain/example.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
  });
});
