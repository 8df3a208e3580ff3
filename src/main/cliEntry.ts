// The CLI's entry in the build (out/main/cli.js). Start-up is most of a short command's time, so
// Node's on-disk compile cache is turned on before anything else loads: the next run skips compiling.
import { enableCompileCache } from 'node:module';
import { setFlagsFromString } from 'node:v8';

// V8 optimises hot functions on background threads by default; in a command that lives for well under a
// second most of that work is never paid back. Optimising in place, when a function turns hot, cut a
// CLI import of AnnoMI from about 540 to 470 ms of CPU (all threads) at the same wall time. Set before
// any of the CLI's code loads; the flag is the process's, so its worker threads follow it too.
setFlagsFromString('--no-concurrent-recompilation');

const cache = enableCompileCache();
// Worker threads (file parsing, freezes) read the cache directory from the environment they are given.
if (cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
await import('./cli');
