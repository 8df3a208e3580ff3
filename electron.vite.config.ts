import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three main-process entries share one backend: the Electron app, browser mode and the CLI; a fourth
// is the entry of the backend's worker threads.
export default defineConfig({
  main: {
    build: {
      // zod is bundled: as a dependency it is ~100 small ES modules resolved and linked on every start, a
      // third of a short CLI command's CPU. The SDK's zod helper (still external) reads schemas of this
      // copy through zod's own shared registry, which is made for more than one copy. p-limit (with its one
      // dependency) is bundled for the same reason: resolving an external package costs more than its few lines.
      externalizeDeps: { exclude: ['zod', 'p-limit', 'yocto-queue'] },
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          standalone: resolve(import.meta.dirname, 'src/main/standalone.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cliEntry.ts'),
          // The Electron app's backend, in a utility process (src/main/electron/backendProcess.ts forks it).
          backendProcess: resolve(import.meta.dirname, 'src/main/backendProcess.ts'),
          // The entry of the backend's worker threads (core/workers): emitted as out/main/worker.js. Files are
          // parsed there too, each with memory and time limits (core/imports/parseIsolated.ts).
          worker: resolve(import.meta.dirname, 'src/main/core/workers/workerMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        // A sandboxed preload cannot load ES modules, so it is emitted as one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      // Minified: the renderer was one 3.5 MB chunk, half of a first load's time.
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
