// A disk that fails halfway (here: the second rename) must leave no report folder and no partial file.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as fsPromises from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeReport } from '../../../../src/main/core/evaluation/report/writeReport';
import { buildFixture } from './fixture';

const renames = vi.hoisted(() => ({ count: 0, failAt: 2 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (++renames.count === renames.failAt) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return actual.rename(from, to);
    },
  };
});

describe('writeReport on a failing disk', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'report-fail-'));
    renames.count = 0;
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('removes what it wrote and the folder, and says why', async () => {
    await expect(writeReport(buildFixture(), out)).rejects.toThrow(/ENOSPC/);
    expect(renames.count).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });
});
