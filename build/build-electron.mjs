// Bundles the Electron main process and preload into dist-electron/ as CommonJS. The preload
// must be one self-contained file: a sandboxed preload cannot load modules besides 'electron'.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
  define: { 'process.env.NODE_ENV': '"production"' },
};

try {
  await Promise.all([
    // Electron 45 runs Node 22 in the main process and Chromium 140 in the renderer.
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs', target: 'node22' }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', target: 'chrome140' }),
  ]);
  console.log('build-electron: wrote dist-electron/main.cjs and dist-electron/preload.cjs');
} catch (error) {
  console.error(`build-electron: bundling failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
