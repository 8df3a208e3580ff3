import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventBus } from '../../src/main/core/events';
import type { AnyJobHandler } from '../../src/main/core/jobs/jobHandler';
import { ApiKeys } from '../../src/main/core/llm/apiKeys';
import type { OpenProject } from '../../src/main/core/projects/openProject';
import { ProjectManager } from '../../src/main/core/projects/projectManager';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';
import { createLogger } from '../../src/main/core/util/logger';

// The job handlers import most of the backend, so a project opens without them and they load on the first
// call that needs them (a short CLI command that only reads the project never loads them). These check
// that a job is never left without its handler: recovery at open, and projects opened before or after the load.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hds-lazy-jobs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A handler that follows work elsewhere, as a fine-tune does: it resumes when its project opens. Without
 * `resumed` its one item waits until stopped, so the job is left unfinished.
 */
const follower = (resumed?: string[]): AnyJobHandler =>
  ({
    kind: 'follow',
    changes: [],
    resumeOnOpen: true,
    paramsSchema: z.object({}),
    title: () => 'Follow remote work',
    plan: () => [0],
    concurrency: () => 1,
    runItem: async (ctx: { jobId: string; signal: AbortSignal }) => {
      if (!resumed) await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))));
      resumed?.push(ctx.jobId);
      return { costUsd: 0, store: () => null };
    },
  }) as unknown as AnyJobHandler;

function manager(resumed?: string[]) {
  const settings = new MemorySettingsStore();
  const log = createLogger({ write: () => undefined }, (t) => t);
  const loads: OpenProject[][] = [];
  const projects = new ProjectManager({
    projectsDir: dir,
    settings,
    keys: new ApiKeys(new MemorySecretStore(), {}, settings),
    events: new EventBus(),
    log,
    jobs: async () => {
      const registeredIn: OpenProject[] = [];
      loads.push(registeredIn);
      return (project) => {
        registeredIn.push(project);
        return [follower(resumed)];
      };
    },
  });
  return { projects, loads };
}

describe('job handlers loaded on first need', () => {
  it('opens a project without them, and registers them in the open project and every later one once loaded', async () => {
    const { projects, loads } = manager();
    const first = join(dir, 'first.hds');
    await projects.create('First', first);
    await projects.close();
    await projects.openFile(first);
    expect(loads).toEqual([]);
    expect(() => projects.require().jobs.create('follow', {})).toThrow(/Unknown job kind/);

    await projects.jobsReady();
    await projects.jobsReady();
    expect(loads).toHaveLength(1);
    expect(loads[0]).toEqual([projects.require()]);
    expect(projects.require().jobs.create('follow', {}).kind).toBe('follow');

    await projects.create('Second', join(dir, 'second.hds'));
    expect(loads).toHaveLength(1);
    expect(loads[0]).toHaveLength(2);
    expect(projects.require().jobs.create('follow', {}).kind).toBe('follow');
    await projects.close();
  });

  it('loads them before recovery when the project has an unfinished job, so a follower resumes at open', async () => {
    const file = join(dir, 'interrupted.hds');
    const before = manager();
    await before.projects.create('Interrupted', file);
    await before.projects.jobsReady();
    const job = before.projects.require().jobs.create('follow', {});
    await before.projects.close();
    // A quit or crash left it interrupted.
    const db = new Database(file);
    db.prepare(`UPDATE jobs SET status = 'interrupted' WHERE id = ?`).run(job.id);
    db.close();

    const resumed: string[] = [];
    const after = manager(resumed);
    await after.projects.openFile(file);
    expect(after.loads).toHaveLength(1);
    await expect.poll(() => resumed).toEqual([job.id]);
    await after.projects.close();
  });
});
