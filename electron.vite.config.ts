import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { ChunkingContext } from 'rolldown';

const main = (file: string) => resolve(import.meta.dirname, 'src/main', file);

/** The modules `starts` load, through static imports only or through dynamic `import()`s as well. */
function reach(ctx: ChunkingContext, starts: string[], dynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    if (info) queue.push(...info.importedIds, ...(dynamic ? info.dynamicallyImportedIds : []));
  }
  return seen;
}

/**
 * Four chunks for what a CLI command loads before its first call: the CLI's own modules ('cli-startup', all that
 * --help or a usage error loads), the composition root's ('startup': the backend, the open project, its repos), and
 * those of its modules a worker's task loads as well ('backend-shared': the repos and helpers a freeze or an
 * evaluation task reads the project with); the few small ones the app's main process or a worker loads too (version,
 * error codes, data folder, lazy) share one ('common'), which those load in their place. Left to itself the bundler
 * splits them into ~35 small chunks, each resolved, read and linked on every start (~0.2 ms apiece, a tenth of a
 * short command's CPU). What else the Electron main process or a worker thread loads at its start stays out, so
 * neither loads the backend with these; cli.ts
 * stays out too, as its top-level await would wait on chunks that import these. The groups do not pull in their
 * members' dependencies (includeDependenciesRecursively): those left out are loaded before (by the CLI) or
 * elsewhere (by the app or a worker), and import no member in turn (a member they reached would be theirs), so no
 * two chunks import each other ('common' imports only packages).
 */
function startupChunks() {
  let groups: Map<string, string> | undefined;
  return (id: string, ctx: ChunkingContext): string | null => {
    if (!groups) {
      const elsewhere = reach(ctx, [main('index.ts'), main('core/workers/workerMain.ts')], true);
      const atOtherStarts = new Set([...reach(ctx, [main('index.ts')], true), ...reach(ctx, [main('core/workers/workerMain.ts')], false)]);
      // jobWait.ts follows a job for most command groups: in the CLI's chunk, it is not a module of its own to load.
      const cli = reach(ctx, [main('cli.ts'), main('cli/jobWait.ts')], false);
      groups = new Map();
      for (const m of reach(ctx, [main('backend.ts')], false)) {
        if (cli.has(m) || atOtherStarts.has(m)) continue;
        groups.set(m, elsewhere.has(m) ? 'backend-shared' : 'startup');
      }
      for (const m of cli) if (!elsewhere.has(m)) groups.set(m, 'cli-startup');
      for (const m of [...cli, ...reach(ctx, [main('backend.ts')], false)])
        if (!groups.has(m) && elsewhere.has(m) && !m.startsWith('node:') && !m.includes('/node_modules/')) groups.set(m, 'common');
      groups.delete(main('cli.ts'));
    }
    return groups.get(id) ?? null;
  };
}

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
        output: { codeSplitting: { groups: [{ name: startupChunks(), includeDependenciesRecursively: false }] } },
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
