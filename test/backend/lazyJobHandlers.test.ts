import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventBus } from '../../src/main/core/events';
import type { LazyJobKind } from '../../src/main/core/jobs/handlerRegistry';
import type { AnyJobHandler } from '../../src/main/core/jobs/jobHandler';
import { jobKinds, type JobKindFacts } from '../../src/main/core/jobs/jobKinds';
import { ApiKeys } from '../../src/main/core/llm/apiKeys';
import { projectJobs } from '../../src/main/core/projectJobs';
import { ProjectManager } from '../../src/main/core/projects/projectManager';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';
import { createLogger } from '../../src/main/core/util/logger';
import { WorkerPool } from '../../src/main/core/workers/workerPool';
import { bareProject } from '../support/projectParts';

// A project knows its job kinds by their facts and loads a kind's handler when a job of it is first created,
// resumed or cancelled. These check that a job never lacks its handler: recovery at open, the next stage of a
// pipeline, concurrent first uses, and that a handler always agrees with the facts the runner used before it loaded.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hds-lazy-jobs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const followFacts: JobKindFacts = { kind: 'follow', changes: [], resumeOnOpen: true };
const plainFacts: JobKindFacts = { kind: 'plain', changes: ['sessions'], starts: ['next'] };
const nextFacts: JobKindFacts = { kind: 'next', changes: [] };

/**
 * A handler with the given facts. A follower (as a fine-tune) resumes when its project opens; without `resumed` its one
 * item waits until stopped, so the job is left unfinished.
 */
const handlerOf = (facts: JobKindFacts, resumed?: string[]): AnyJobHandler => ({
  ...facts,
  paramsSchema: z.object({}),
  title: () => `A ${facts.kind} job`,
  plan: () => [0],
  concurrency: () => 1,
  runItem: async (ctx) => {
    if (!resumed) await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))));
    resumed?.push(ctx.jobId);
    return { costUsd: 0, store: () => null };
  },
});

function manager(options: { resumed?: string[]; handler?: (facts: JobKindFacts) => AnyJobHandler } = {}) {
  const settings = new MemorySettingsStore();
  const loads: string[] = [];
  const kinds = (): LazyJobKind[] =>
    [followFacts, plainFacts, nextFacts].map((facts) => ({
      facts,
      load: async () => {
        loads.push(facts.kind);
        await new Promise((r) => setTimeout(r, 5));
        return options.handler?.(facts) ?? handlerOf(facts, options.resumed);
      },
    }));
  const projects = new ProjectManager({
    projectsDir: dir,
    settings,
    keys: new ApiKeys(new MemorySecretStore(), {}, settings),
    events: new EventBus(),
    log: createLogger({ write: () => undefined }, (t) => t),
    jobs: kinds,
  });
  return { projects, loads };
}

describe('job handlers loaded per kind, on first need', () => {
  it('opens a project without loading any; a kind loads once, with the kinds it starts, however many ask at once', async () => {
    const { projects, loads } = manager({ resumed: [] });
    const file = join(dir, 'first.hds');
    await projects.create('First', file);
    await projects.close();
    await projects.openFile(file);
    const jobs = projects.require().jobs;
    expect(loads).toEqual([]);
    expect(() => jobs.create('plain', {})).toThrow(/used before it was loaded/);
    expect(() => jobs.create('nonsense', {})).toThrow(/Unknown job kind "nonsense"/);
    await expect(jobs.load('nonsense')).rejects.toThrow(/Unknown job kind/);

    await Promise.all([jobs.load('plain'), jobs.load('plain'), jobs.load('next')]);
    await jobs.load('plain');
    expect(loads.sort()).toEqual(['next', 'plain']);
    expect(jobs.kinds.loadedKinds().sort()).toEqual(['next', 'plain']);
    expect(jobs.create('plain', {}).kind).toBe('plain');
    expect(jobs.create('next', {}).kind).toBe('next');
    await projects.close();
  });

  it('lists and shows jobs from the facts alone, and loads the kind to cancel or resume one', async () => {
    const file = join(dir, 'listed.hds');
    const before = manager();
    await before.projects.create('Listed', file);
    await before.projects.require().jobs.load('plain');
    const job = before.projects.require().jobs.create('plain', {});
    await before.projects.close();

    const after = manager();
    await after.projects.openFile(file);
    const jobs = after.projects.require().jobs;
    expect(jobs.list({}, 10).map((j) => [j.id, j.status])).toEqual([[job.id, 'interrupted']]);
    expect(after.loads).toEqual([]);
    expect((await jobs.cancel(job.id)).status).toBe('cancelled');
    expect(after.loads.sort()).toEqual(['next', 'plain']);
    await after.projects.close();
  });

  it('loads a follower at open when one was left unfinished, and resumes it; no other kind loads', async () => {
    const file = join(dir, 'interrupted.hds');
    const before = manager();
    await before.projects.create('Interrupted', file);
    await before.projects.require().jobs.load('follow');
    const job = before.projects.require().jobs.create('follow', {});
    await before.projects.close();
    // A quit or crash left it interrupted.
    const db = new Database(file);
    db.prepare(`UPDATE jobs SET status = 'interrupted' WHERE id = ?`).run(job.id);
    db.close();

    const resumed: string[] = [];
    const after = manager({ resumed });
    await after.projects.openFile(file);
    expect(after.loads).toEqual(['follow']);
    await expect.poll(() => resumed).toEqual([job.id]);
    await after.projects.close();
  });

  it('refuses a handler that differs from the facts the runner used before it loaded, and tries the load again next time', async () => {
    let broken = true;
    const { projects, loads } = manager({ handler: (facts) => ({ ...handlerOf(facts), changes: broken ? ['models'] : facts.changes }) });
    await projects.create('Mismatch', join(dir, 'mismatch.hds'));
    const jobs = projects.require().jobs;
    await expect(jobs.load('next')).rejects.toThrow(/"next" job handler does not match its entry/);
    broken = false;
    await jobs.load('next');
    expect(loads).toEqual(['next', 'next']);
    await projects.close();
  });
});

describe("the app's job kinds", () => {
  it('each loads a handler that agrees with its entry in the facts table', async () => {
    const { project, events } = bareProject();
    const workers = new WorkerPool();
    try {
      const kinds = projectJobs(project, events, workers);
      expect(kinds.map((k) => k.facts.kind)).toEqual(Object.keys(jobKinds));
      project.jobs.kinds.registerLazy(kinds);
      for (const kind of Object.keys(jobKinds)) await project.jobs.load(kind);
      expect(project.jobs.kinds.loadedKinds().sort()).toEqual(Object.keys(jobKinds).sort());
    } finally {
      await workers.close();
      await project.close();
    }
  });
});
