// The CLI's entry in the build (out/main/cli.js). Start-up is most of a short command's time, so
// Node's on-disk compile cache is turned on before anything else loads: the next run skips compiling.
import { enableCompileCache } from 'node:module';

const cache = enableCompileCache();
// Worker threads (file parsing, freezes) read the cache directory from the environment they are given.
if (cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
await import('./cli');
