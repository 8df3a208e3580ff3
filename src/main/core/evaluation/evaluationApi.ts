import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { holmFamilyOf, type EvaluationApi } from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import type { DomainDeps } from '../context';
import { currentPrompt, domainPack } from '../generation/domainPack';
import { projectProvider } from '../llm/projectProvider';
import { requireFolder } from '../util/filePaths';
import { newId } from '../util/ids';
import { APP_VERSION } from '../../version';
import type { WorkerPool } from '../workers/workerPool';
import { parseScenarios } from './scenarioImport';
import { RunResultsCache } from './resultsCache';
import { planRun } from './plan';
import { createSet, freezeSet, requireSet, requireSetVersion, saveScenario, scenarioCells, setView } from './evalSets';
import { requireRun, runResults, scenarioConversations, startRun, checkSpec } from './evalRuns';
import { estimateEvalRun } from './runEstimate';
import { REPORTED_RUNS, runView } from './runStatus';

const DEFAULT_RESAMPLES = 10_000;
/** The pilot's SDs and correlations come from scenario means; its intervals are not needed, so few resamples do. */
const PILOT_RESAMPLES = 100;

/** The parts of the open project evaluation reads and writes (the file: for the worker pool's tasks). */
export type EvaluationParts =
  'file' | 'evaluation' | 'providers' | 'prices' | 'jobsRepo' | 'jobs' | 'meta' | 'prompts' | 'judgments' | 'datasets' | 'models';

/**
 * The evaluation contract over the domain modules: sets (evalSets.ts), runs (evalRuns.ts), estimates and status.
 * Statistics, reports and leakage checks run on the worker pool (evaluationTasks.ts).
 */
export function evaluationApi({
  project: open,
  events,
  dataDir,
  workers,
}: DomainDeps<EvaluationParts> & { dataDir: string; workers: WorkerPool }): EvaluationApi {
  const changed = () => events.emit('data.changed', { entity: 'evaluation' });
  // The resampling runs on the worker pool, which reads the run's rows through its own connection.
  const resultsCache = new RunResultsCache((_repo, run, _rubrics, resamples) =>
    workers.run('evalResults', { file: open().file, runId: run.id, resamples }),
  );

  return {
    'evalSets.list': async () => {
      const project = open();
      return project.evaluation.sets().map((s) => setView(project, s.id));
    },
    'evalSets.get': async ({ id }) => setView(open(), id),
    'evalSets.create': async ({ name, description }) => {
      const project = open();
      const id = createSet(project, name, description ?? '');
      changed();
      return setView(project, id);
    },
    'evalSets.generate': async ({ setId, providerId, model, seed, ...cells }) => {
      const project = open();
      await project.jobs.load('evalScenarios');
      requireSet(project, setId);
      const { risk, items } = scenarioCells(domainPack(project), cells);
      const provider = projectProvider(project.providers, providerId);
      const job = project.jobs.create('evalScenarios', {
        setId,
        providerId,
        model,
        temperature: 0.9,
        seed: seed ?? 1,
        concurrency: provider.concurrency,
        riskLevel: risk,
        prompt: currentPrompt(project, 'evalScenario'),
        items,
      });
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },
    'evalSets.import': async ({ setId, format, content }) => {
      const project = open();
      requireSet(project, setId);
      const parsed = parseScenarios(format, content, domainPack(project));
      if ('errors' in parsed) throw new ApiError('INVALID_INPUT', `Nothing was imported. ${parsed.errors.join(' ')}`);
      project.evaluation.saveScenarios(
        setId,
        parsed.scenarios.map((s) => ({ ...s, id: newId(), source: 'imported' as const })),
        Date.now(),
      );
      changed();
      return { added: parsed.scenarios.length };
    },
    'evalSets.saveScenario': async ({ setId, scenario }) => {
      const project = open();
      saveScenario(project, domainPack(project), setId, scenario);
      changed();
      return setView(project, setId);
    },
    'evalSets.removeScenario': async ({ setId, scenarioId }) => {
      const project = open();
      if (!project.evaluation.removeScenario(setId, scenarioId)) throw new ApiError('NOT_FOUND', 'That scenario is not in this set.');
      changed();
      return setView(project, setId);
    },
    'evalSets.freeze': async ({ setId }) => {
      const summary = freezeSet(open(), setId);
      changed();
      return summary;
    },
    'evalSets.version': async ({ versionId }) => {
      const v = requireSetVersion(open(), versionId);
      return { version: v.summary, scenarios: v.scenarios };
    },
    'evalSets.leakage': async ({ versionId, datasetVersionIds }) => {
      const project = open();
      const v = requireSetVersion(project, versionId);
      return workers.run('scenarioLeakage', { file: project.file, scenarios: v.scenarios, datasetVersionIds });
    },

    'evalRuns.estimate': async ({ spec }) => {
      const project = open();
      const { version } = checkSpec(project, spec);
      return estimateEvalRun(project, spec, version.scenarios.length);
    },
    'evalRuns.start': async ({ spec }) => {
      const project = open();
      // Before the run is stored, so the run and its conversations job are written in one step.
      await project.jobs.load('evalConversations');
      const run = startRun(project, spec);
      changed();
      events.emit('data.changed', { entity: 'jobs' });
      return runView(project, run);
    },
    'evalRuns.list': async () => {
      const project = open();
      return project.evaluation.runs().map((r) => runView(project, r));
    },
    'evalRuns.get': async ({ id }) => {
      const project = open();
      return runView(project, requireRun(project, id));
    },
    'evalRuns.cancel': async ({ id }) => {
      const project = open();
      const run = requireRun(project, id);
      for (const jobId of [run.conversationsJobId, run.scoringJobId])
        if (jobId && project.jobs.isActive(jobId)) await project.jobs.cancel(jobId);
      changed();
      return runView(project, project.evaluation.run(id)!);
    },
    'evalRuns.results': async ({ id, resamples }) => {
      const project = open();
      return runResults(project, requireRun(project, id), resamples ?? DEFAULT_RESAMPLES, resultsCache);
    },
    'evalRuns.plan': async (input) => {
      const project = open();
      if (!input.id) return planRun(input, null, null);
      const run = requireRun(project, input.id);
      return planRun(input, await runResults(project, run, PILOT_RESAMPLES, resultsCache), holmFamilyOf(run.spec));
    },
    'evalRuns.conversations': async ({ id, scenarioId }) => {
      const project = open();
      return scenarioConversations(project, requireRun(project, id), scenarioId);
    },
    'evalRuns.report': async ({ id, outDir }) => {
      // The app's own reports folder is made on first use; a folder a person names must exist.
      if (outDir) requireFolder(outDir);
      const project = open();
      const run = requireRun(project, id);
      const folder = outDir ?? join(dataDir, 'reports');
      mkdirSync(folder, { recursive: true });
      const files = await workers.run('evalReport', {
        file: project.file,
        runId: id,
        view: runView(project, run),
        results: await runResults(project, run, DEFAULT_RESAMPLES, resultsCache),
        appVersion: APP_VERSION,
        outDir: folder,
      });
      // The study checklist counts a run as reported once its report has been written.
      project.meta.set(REPORTED_RUNS, [...new Set([...(project.meta.get<string[]>(REPORTED_RUNS) ?? []), id])]);
      changed();
      return files;
    },
  };
}
