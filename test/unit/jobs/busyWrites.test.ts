import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createProjectFile } from '../../../src/main/core/db/openProject';
import { resultOnly, type JobHandler } from '../../../src/main/core/jobs/jobHandler';
import { JobRunner } from '../../../src/main/core/jobs/jobRunner';
import { JobsRepo } from '../../../src/main/core/jobs/jobsRepo';
import type { Logger } from '../../../src/main/core/util/logger';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A project whose job runner meets a busy file: while the first item runs, another connection (another
 * process, say a CLI command) takes the write lock and holds it for `holdMs`. The runner's connection
 * waits for no lock itself (busy timeout 0), as when SQLite refuses a write at once in WAL mode.
 */
async function runWhileBusy(holdMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hds-busy-'));
  dirs.push(dir);
  const { db, file } = createProjectFile(join(dir, 'busy.hds'));
  db.pragma('busy_timeout = 0');
  const other = new Database(file);
  const runner = new JobRunner(new JobsRepo(db), { emit: () => {} }, silent);
  const handler: JobHandler<{ items: number }, number, number> = {
    kind: 'busyTest',
    changes: [],
    paramsSchema: z.object({ items: z.number() }),
    title: () => 'Busy test',
    plan: (p) => Array.from({ length: p.items }, (_, i) => i),
    concurrency: () => 1,
    runItem: async ({ input }) => {
      if (input === 0) {
        other.exec('BEGIN IMMEDIATE');
        setTimeout(() => other.exec('COMMIT'), holdMs);
      }
      return resultOnly(input * 10);
    },
  };
  runner.register(handler);
  const { id } = runner.create('busyTest', { items: 3 });
  for (let i = 0; i < 200 && ['queued', 'running'].includes(runner.summary(id).status); i++) await new Promise((r) => setTimeout(r, 20));
  const summary = runner.summary(id);
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  await runner.shutdown();
  db.close();
  return summary;
}

describe('a job whose bookkeeping write finds the file busy', () => {
  it('tries the write again after a short pause and finishes every item, instead of failing the job', async () => {
    const summary = await runWhileBusy(60);
    expect(summary).toMatchObject({ status: 'succeeded', done: 3, failed: 0 });
  });
});
