import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { callsApi, type CallsParts } from '../../src/main/core/llm/callsApi';
import { datasetsApi, type DatasetsParts } from '../../src/main/core/datasets/datasetsApi';
import { generationApi, type GenerationParts } from '../../src/main/core/generation/generationApi';
import { jobsApi, type JobsParts } from '../../src/main/core/jobs/jobsApi';
import { judgingApi, type JudgingParts } from '../../src/main/core/judging/judgingApi';
import { modelsApi, type ModelsParts } from '../../src/main/core/llm/modelsApi';
import { providersApi, type ProvidersParts } from '../../src/main/core/llm/providersApi';
import { sessionsApi, type SessionsParts } from '../../src/main/core/sessions/sessionsApi';
import { studyApi, type StudyParts } from '../../src/main/core/study/studyApi';
import { synthesisApi, type SynthesisParts } from '../../src/main/core/generation/synthesisApi';
import { trainingApi, type TrainingParts } from '../../src/main/core/training/trainingApi';
import type { OpenProject } from '../../src/main/core/projects/openProject';
import { ApiKeys } from '../../src/main/core/llm/apiKeys';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';
import { WorkerPool } from '../../src/main/core/workers/workerPool';
import { importGraph } from '../support/importGraph';
import { addProvider, bareProject, onlyParts } from '../support/projectParts';

const core = join(process.cwd(), 'src/main/core');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));

/** A runtime list of an API's parts that the compiler holds to exactly its declared parts type, no more and no fewer. */
const partsOf =
  <K extends keyof OpenProject>() =>
  <const L extends readonly K[]>(list: L & ([K] extends [L[number]] ? unknown : never)): L =>
    list;

describe('domain APIs name what they use', () => {
  it('no domain API takes the whole context or reaches the open project through the ProjectManager', () => {
    const offenders: string[] = [];
    for (const file of files(core).filter((f) => f.endsWith('Api.ts'))) {
      const text = readFileSync(file, 'utf8');
      const name = relative(core, file);
      // Opening, closing and saving projects is the one API whose job is the ProjectManager itself.
      if (name === 'projects/projectsApi.ts') continue;
      if (/projects\s*\.\s*require\(/.test(text)) offenders.push(`${name}: projects.require()`);
      const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
      source.forEachChild((node) => {
        if (ts.isFunctionDeclaration(node) && node.name?.text.endsWith('Api') && node.parameters[0]?.type?.getText() === 'CoreContext')
          offenders.push(`${name}: ${node.name.text}(CoreContext)`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('domain modules name the repos they use, never the project container or the context', () => {
    // The adapters (*Api.ts) and the composition (projects/, context.ts, projectJobs.ts) may; the rest of core may not.
    const composition = (f: string) => f.endsWith('Api.ts') || f.startsWith('projects/') || ['context.ts', 'projectJobs.ts'].includes(f);
    const { edges } = importGraph(core);
    const reaching = edges
      .filter(
        (e) =>
          !composition(e.from) && (e.to === 'projects/openProject.ts' || e.to === 'projects/projectManager.ts' || e.to === 'context.ts'),
      )
      .map((e) => `${e.from} -> ${e.to}`);
    expect(reaching).toEqual([]);
    expect(edges.some((e) => e.from === 'evaluation/evaluationApi.ts' && e.to === 'context.ts')).toBe(true);
  });

  describe('each runs from its declared parts alone', () => {
    const { project, events } = bareProject();
    addProvider(project, 'p');
    const workers = new WorkerPool();
    afterAll(async () => {
      await workers.close();
      await project.close();
    });
    const deps = <K extends keyof OpenProject>(parts: readonly K[]) => ({ project: () => onlyParts(project, parts), events });

    it('reads every list through only the parts each API names', async () => {
      const generation = generationApi(
        deps(
          partsOf<GenerationParts>()(['jobs', 'jobsRepo', 'meta', 'personas', 'prices', 'prompts', 'providers', 'scenarios', 'sessions']),
        ),
      );
      expect((await generation['domain.pack']({})).distortions.length).toBeGreaterThan(0);
      expect((await generation['prompts.list']({})).length).toBeGreaterThan(0);
      expect((await generation['personas.list']({})).total).toBe(0);
      const synthesis = synthesisApi(
        deps(
          partsOf<SynthesisParts>()(['jobs', 'jobsRepo', 'meta', 'personas', 'prices', 'prompts', 'providers', 'scenarios', 'sessions']),
        ),
      );
      expect((await synthesis['scenarios.list']({})).total).toBe(0);
      const judging = judgingApi({
        ...deps(
          partsOf<JudgingParts>()([
            'db',
            'file',
            'jobs',
            'jobsRepo',
            'judgments',
            'meta',
            'models',
            'personas',
            'prices',
            'prompts',
            'providers',
            'scenarios',
            'sessionEdits',
            'sessions',
          ]),
        ),
        workers,
      });
      expect((await judging['rubrics.list']({})).length).toBeGreaterThan(0);
      const models = modelsApi(deps(partsOf<ModelsParts>()(['models', 'prices', 'providers'])));
      expect(await models['models.list']({ providerId: 'p' })).toEqual([]);
      const calls = callsApi(deps(partsOf<CallsParts>()(['calls'])));
      expect((await calls['calls.list']({})).total).toBe(0);
      const jobs = jobsApi(deps(partsOf<JobsParts>()(['jobs', 'jobsRepo', 'meta', 'prompts'])));
      expect(await jobs['jobs.list']({})).toEqual([]);
      const sessions = sessionsApi(deps(partsOf<SessionsParts>()(['db', 'sessionEdits', 'sessions'])));
      expect((await sessions['sessions.list']({})).rows).toEqual([]);
      const training = trainingApi(
        deps(partsOf<TrainingParts>()(['datasets', 'jobs', 'options', 'prices', 'providers', 'sessions', 'trainingRuns'])),
      );
      expect(await training['training.list']({})).toEqual([]);
      const datasets = datasetsApi({
        ...deps(partsOf<DatasetsParts>()(['datasets', 'db', 'evaluation', 'file', 'jobs', 'prices', 'sessions'])),
        dataDir: '/nowhere',
        workers,
      });
      expect(await datasets['datasets.list']({})).toEqual([]);
      const secrets = new MemorySecretStore();
      const providers = providersApi({
        ...deps(partsOf<ProvidersParts>()(['db', 'gateway', 'jobs', 'models', 'providers'])),
        keys: new ApiKeys(secrets, {}, new MemorySettingsStore()),
        secrets,
      });
      expect((await providers['providers.list']({})).map((p) => p.id)).toEqual(['p']);
      const study = studyApi({
        ...deps(partsOf<StudyParts>()(['datasets', 'db', 'evaluation', 'file', 'jobsRepo', 'meta', 'providers', 'trainingRuns'])),
        workers,
      });
      expect((await study['study.status']({})).length).toBeGreaterThan(0);
    });
  });
});
