import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer is a complete web app: the same build is served by `npm start` in browser mode,
// loaded by Electron from app://, and driven by the Playwright suite.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    // MW_OUT_DIR lets two builds (say, two engineers' e2e runs) live side by side.
    outDir: process.env.MW_OUT_DIR ? fileURLToPath(new URL(`./${process.env.MW_OUT_DIR}`, import.meta.url)) : fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
