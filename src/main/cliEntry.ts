// The CLI's entry in the build (out/main/cli.js). Start-up is most of a short command's time, so
// Node's on-disk compile cache is turned on before anything else loads: the next run skips compiling.
import * as nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';

// Run with an older Node (`node out/main/cli.js` on a machine whose Node is 20), the CLI would stop at a
// missing export with a stack trace; say what to run instead. (A namespace import: a named one fails to link.)
const major = Number(process.versions.node.split('.')[0]);
if (major < 22 || typeof nodeModule.enableCompileCache !== 'function') {
  console.error(
    `Hybrid Data Studio needs Node 22.12 or newer; this is Node ${process.versions.node}. Run the CLI with \`npm run cli -- ...\` (it brings its own Node), or install a newer Node.`,
  );
  process.exit(1);
}

// V8 optimises hot functions on background threads by default; in a command that lives for well under a
// second most of that work is never paid back. Optimising in place, when a function turns hot, cut a
// CLI import of AnnoMI from about 540 to 470 ms of CPU (all threads) at the same wall time. Set before
// any of the CLI's code loads; the flag is the process's, so its worker threads follow it too.
setFlagsFromString('--no-concurrent-recompilation');

const cache = nodeModule.enableCompileCache();
// Worker threads (file parsing, freezes) read the cache directory from the environment they are given.
if (cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
await import('./cli');
