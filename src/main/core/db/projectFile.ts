import { closeSync, openSync, readSync } from 'node:fs';

/** 'HDS1': written to the SQLite header so we can tell our files from any other SQLite file. */
export const PROJECT_APPLICATION_ID = 0x48445331;
export const PROJECT_EXTENSION = '.hds';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface HeaderFacts {
  isSqlite: boolean;
}

/**
 * Reads the 100-byte SQLite header without opening the database, to refuse a file that is not SQLite at all
 * before SQLite touches it. The format markers in that header can be stale (the newest may sit in the -wal),
 * so they are read through SQLite instead. A synchronous read, as SQLite's own reads that follow are: the
 * asynchronous open, read and close took a short command three trips through the thread pool.
 */
export function readHeader(file: string): HeaderFacts {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const bytesRead = readSync(fd, buf, 0, 100, 0);
    if (bytesRead < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      return { isSqlite: false };
    }
    return { isSqlite: true };
  } finally {
    closeSync(fd);
  }
}
