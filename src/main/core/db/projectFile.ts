import { open } from 'node:fs/promises';

/** 'HDS1': written to the SQLite header so we can tell our files from any other SQLite file. */
export const PROJECT_APPLICATION_ID = 0x48445331;
export const PROJECT_EXTENSION = '.hds';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface HeaderFacts {
  isSqlite: boolean;
  applicationId: number;
  userVersion: number;
}

/** Reads the 100-byte SQLite header without opening the database, so refusing a file never touches it. */
export async function readHeader(file: string): Promise<HeaderFacts> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const { bytesRead } = await handle.read(buf, 0, 100, 0);
    if (bytesRead < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      return { isSqlite: false, applicationId: 0, userVersion: 0 };
    }
    return { isSqlite: true, userVersion: buf.readUInt32BE(60), applicationId: buf.readUInt32BE(68) };
  } finally {
    await handle.close();
  }
}
