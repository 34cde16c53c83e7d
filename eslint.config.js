// The import boundaries of ../shared/design.md §2 are enforced here, so that a wrong-way import
// fails `npm test` rather than waiting for a reviewer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { roomsPlugin } from './build/eslint/rooms.mjs';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'stream/*', 'zlib', 'worker_threads', 'util', 'buffer', 'events'];

const restrict = (groups, message) => groups.map((group) => ({ group: [group], message }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...restrict(nodeBuiltins, 'shared/ is pure TypeScript: no Node built-ins (design.md §2).'),
          ...restrict(['electron', 'electron/*'], 'shared/ must not import Electron (design.md §2).'),
          ...restrict(['react', 'react/*', 'react-dom', 'react-dom/*', 'antd', 'antd/*', 'dexie', 'dexie/*'], 'shared/ must not import React, antd or the DOM-bound Dexie (design.md §2).'),
          ...restrict(['**/renderer/**', '**/electron/**', '**/cli/**', '**/node/**', '**/server/**'], 'shared/ imports nothing of ours outside shared/ (design.md §2).'),
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, rooms: roomsPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'rooms/doors': 'error',
      // Screens are a controller hook and parts; no function (a component above all) runs longer.
      'max-lines-per-function': ['error', { max: 200, skipBlankLines: true, skipComments: true }],
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'renderer/ never imports Electron; reach the shell through the platform port (design.md §1).' },
          { name: 'buffer', message: 'import the npm package as "buffer/" (with the slash), never Node\'s buffer.' },
        ],
        patterns: [
          ...restrict(['**/electron/**'], 'renderer/ never imports electron/; reach the shell through the platform port (design.md §1).'),
          ...restrict(['**/cli/**'], 'renderer/ never imports cli/ (design.md §2).'),
          ...restrict(['**/node/**'], 'renderer/ runs in a browser: it never imports node/ or the server (docs/architecture.md).'),
          // shared/server/ is shared (pure, the account rules both sides hold); the server itself is not.
          { group: ['**/server/**', '!**/shared/server/**'], message: 'renderer/ runs in a browser: it never imports node/ or the server (docs/architecture.md).' },
          // In the browser "buffer/" is the npm package (feross/buffer) that @signpdf needs, never Node's.
          ...restrict(nodeBuiltins.filter((name) => name !== 'buffer'), 'renderer/ runs in a browser sandbox: no Node built-ins.'),
        ],
      }],
    },
  },
  {
    // The Node code the hosts share (WebSocket host, secret file, hashing, file serving, relay):
    // Node and shared/ only, never Electron, the DOM or a host (docs/architecture.md).
    files: ['node/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...restrict(['electron', 'electron/*'], 'node/ is shared by every host: it never imports Electron (docs/architecture.md).'),
          ...restrict(['**/renderer/**'], 'node/ never imports renderer/ (docs/architecture.md).'),
          ...restrict(['**/electron/**', '**/cli/**'], 'node/ never imports a host (electron/, cli/, server/); the hosts import node/ (docs/architecture.md).'),
          // shared/server/ is shared (the server's protocol the workstation's link speaks); the server itself is not.
          { group: ['**/server/**', '!**/shared/server/**'], message: 'node/ never imports a host (electron/, cli/, server/); the hosts import node/ (docs/architecture.md).' },
          ...restrict(['react', 'react/*', 'react-dom', 'react-dom/*', 'antd', 'antd/*', 'dexie', 'dexie/*'], 'node/ never imports React, antd or the DOM-bound Dexie (docs/architecture.md).'),
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB'],
    },
  },
  {
    // The center server (issue 17): a host of its own beside electron/ and cli/. It uses Node,
    // npm packages (pg), shared/ and node/; never the renderer, Electron or another host.
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...restrict(['electron', 'electron/*'], 'server/ is a host of its own: it never imports Electron (docs/architecture.md).'),
          ...restrict(['**/renderer/**'], 'server/ never imports renderer/; what it shares with the app lives in shared/ (docs/architecture.md).'),
          ...restrict(['**/electron/**', '**/cli/**'], 'server/ never imports another host (electron/, cli/); shared Node code lives in node/ (docs/architecture.md).'),
          ...restrict(['react', 'react/*', 'react-dom', 'react-dom/*', 'antd', 'antd/*', 'dexie', 'dexie/*'], 'server/ never imports React, antd or the DOM-bound Dexie (docs/architecture.md).'),
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB'],
    },
  },
  {
    // electron/ imports shared/ and node/.
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...restrict(['**/renderer/**'], 'electron/ never imports renderer/ (design.md §2).'),
          ...restrict(['**/cli/**'], 'electron/ never imports cli/ (design.md §2).'),
        ],
      }],
    },
  },
  {
    // cli/ imports shared/ and node/.
    files: ['cli/**/*.{ts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...restrict(['**/renderer/**', '**/electron/**'], 'cli/ imports only shared/ and node/ (design.md §2).'),
        ],
      }],
    },
  },
  {
    files: ['build/**/*.{js,mjs,ts}', 'test/**/*.{ts,tsx,mjs,js}', '*.config.{js,ts,mjs}', '.ci/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
