import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/build/precompress';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve('src-main/index.ts'),
          // The headless server shares the main build so both shells run the same core code.
          server: resolve('src-main/server.ts'),
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
