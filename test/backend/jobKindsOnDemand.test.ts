import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runImport, startImportBackend, writeInto } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';

// Each job handler's module, watched: its name is recorded when anything (a static import or a dynamic one)
// first evaluates it. That is what a command pays for, so it is what these tests read, not a registry's word.
const loaded = vi.hoisted(() => {
  const names: string[] = [];
  return {
    names,
    watch: async <T>(name: string, original: () => Promise<T>): Promise<T> => {
      names.push(name);
      return original();
    },
  };
});
vi.mock('../../src/main/core/imports/importJob', (original) => loaded.watch('importJob', original));
vi.mock('../../src/main/core/llm/speedTestJob', (original) => loaded.watch('speedTestJob', original));
vi.mock('../../src/main/core/generation/personasJob', (original) => loaded.watch('personasJob', original));
vi.mock('../../src/main/core/generation/scenariosJob', (original) => loaded.watch('scenariosJob', original));
vi.mock('../../src/main/core/generation/sessionsJob', (original) => loaded.watch('sessionsJob', original));
vi.mock('../../src/main/core/judging/judgeJob', (original) => loaded.watch('judgeJob', original));
vi.mock('../../src/main/core/datasets/exportJob', (original) => loaded.watch('exportJob', original));
vi.mock('../../src/main/core/datasets/freezeJob', (original) => loaded.watch('freezeJob', original));
vi.mock('../../src/main/core/evaluation/scenarioJob', (original) => loaded.watch('scenarioJob', original));
vi.mock('../../src/main/core/evaluation/conversationJob', (original) => loaded.watch('conversationJob', original));
vi.mock('../../src/main/core/evaluation/scoringJob', (original) => loaded.watch('scoringJob', original));
vi.mock('../../src/main/core/arena/judgeVotesJob', (original) => loaded.watch('judgeVotesJob', original));
vi.mock('../../src/main/core/training/fineTuneJob', (original) => loaded.watch('fineTuneJob', original));
// The domain pack (prompts, taxonomy) is the generation jobs' and their resume's, not an import's.
vi.mock('../../src/main/core/generation/domainPack', (original) => loaded.watch('domainPack', original));

let t: TestBackend;
let dir: string;
beforeAll(async () => {
  ({ t, dir } = await startImportBackend('On demand', 'hds-kinds-'));
});
afterAll(async () => {
  await t.cleanup();
});

// Modules load once per test file, so these run in order: each step adds what it needs, and nothing else.
describe('job handlers load per kind, on first need', () => {
  it('lists jobs without loading any handler, nor the domain pack a generation job resumes with', async () => {
    expect(await t.api.jobs.list({})).toEqual([]);
    expect(loaded.names).toEqual([]);
  });

  it('an import loads the import handler alone, and showing its job loads nothing more', async () => {
    const file = writeInto(dir, 'two.txt', 'Therapist: How are you?\nClient: Tired.\nTherapist: Tell me more.\nClient: I sleep badly.\n');
    const { job } = await runImport(t, { paths: [file] });
    expect(job.status).toBe('succeeded');
    expect((await t.api.jobs.list({})).map((j) => j.kind)).toEqual(['import']);
    expect((await t.api.jobs.get({ id: job.id })).retriesFailed).toBe(false);
    expect(loaded.names).toEqual(['importJob']);
  });
});
