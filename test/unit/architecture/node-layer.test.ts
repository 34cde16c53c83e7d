// node/ is the Node code the hosts share (electron/, cli/, the coming server/): it may use Node and
// shared/, never Electron, the DOM, the renderer or a host. The lint rule holds it to that; these
// tests prove the rule bites on a planted import, and that the hosts may import node/.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('the node/ layer', () => {
  it.each([
    ["import { app } from 'electron';", 'never imports Electron'],
    ["import { ipcMain } from 'electron/main';", 'never imports Electron'],
    ["import { x } from '../renderer/data';", 'never imports renderer/'],
    ["import { x } from '../../renderer/features/cases';", 'never imports renderer/'],
    ["import { x } from '../electron/signaling/ws-host';", 'never imports a host'],
    ["import { x } from '../cli/src/io';", 'never imports a host'],
    ["import { x } from '../server/main';", 'never imports a host'],
    ["import { useState } from 'react';", 'React'],
    ["import { Dexie } from 'dexie';", 'Dexie'],
  ])('refuses %s', async (code, why) => {
    // Only the boundary rules are read, so the planted import need not be used.
    const errors = await boundaryErrors('node/signaling/example.ts', `${code}\n`);
    expect(errors.join('\n')).toContain(why);
  });

  it('refuses DOM globals', async () => {
    const errors = await boundaryErrors('node/example.ts', 'export const a = window.location; export const b = document.title;\n');
    expect(errors).toHaveLength(2);
  });

  it('allows Node, npm packages and shared/ (shared/server/ too: the server’s protocol, not the server)', async () => {
    const code = "import { createServer } from 'node:http';\nimport { WebSocketServer } from 'ws';\nimport { SIGNAL_PATH } from '../../shared/protocol/signaling';\nimport { SYNC_PATHS } from '../../shared/server/sync';\nexport const y = [createServer, WebSocketServer, SIGNAL_PATH, SYNC_PATHS, process.env];\n";
    expect(await boundaryErrors('node/signaling/example.ts', code)).toEqual([]);
  });

  it('is imported by the hosts', async () => {
    expect(await boundaryErrors('electron/signaling/example.ts', "import { x } from '../../node/signaling/ws-host';\nexport const y = x;\n")).toEqual([]);
    expect(await boundaryErrors('cli/src/signal/example.ts', "import { x } from '../../../node/signaling/ws-host';\nexport const y = x;\n")).toEqual([]);
  });

  it('lints its own files clean', async () => {
    const results = await eslint.lintFiles(['node/**/*.ts']);
    expect(results.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});
