import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/build/precompress';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Pure-JavaScript libraries made of hundreds of small files are bundled: resolving and reading
      // each file was most of a cold start (kysely alone ~0.25 s). Native modules and the server
      // framework stay external.
      externalizeDeps: { exclude: ['kysely', 'zod', 'pinyin-pro', 're2js'] },
      lib: {
        entry: {
          index: resolve('src-main/index.ts'),
          // The headless server shares the main build so both shells run the same core code.
          server: resolve('src-main/server.ts'),
          // Long nurse-call reports run in a child process from this file (core/nursecall/report-child.ts).
          'nursecall-report-process': resolve('src-main/core/nursecall/report-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve('src-main/preload.ts'), formats: ['cjs'] },
      rollupOptions: { output: { codeSplitting: false, entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('src-renderer/index.html') },
      chunkSizeWarningLimit: 4000,
      // Minified and precompressed: the renderer is what every browser-mode client downloads.
      minify: true,
    },
    plugins: [react(), precompress(resolve('out/renderer'))],
  },
});
