import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

/** Appends log lines to a file; used where stdout belongs to the person (the CLI) or nobody reads it. */
export function fileLogSink(file: string, echoErrors = false): LogSink {
  mkdirSync(dirname(file), { recursive: true });
  return {
    write(level, line) {
      appendFileSync(file, `${level.toUpperCase()} ${line}\n`);
      if (echoErrors && level === 'error') console.error(line);
    },
  };
}
