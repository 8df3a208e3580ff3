import type { EventBus } from './events';
import type { HandlerLoader, LazyJobKind } from './jobs/handlerRegistry';
import { jobKinds, type JobKind } from './jobs/jobKinds';
import type { OpenProject } from './projects/openProject';
import type { WorkerPool } from './workers/workerPool';

/**
 * The job kinds an open project runs, each handler given only the repos and services it uses. Wired here, at the
 * composition root, rather than inside OpenProject: the project then knows no domain, and a domain's job may use
 * the project without the project importing the job back (that was a nine-file import circle).
 *
 * Each handler's module is imported when its kind is first needed (jobs/handlerRegistry.ts), never here: a short
 * command (a CLI import) then evaluates one kind's schemas and prompts, not those of all thirteen.
 */
export function projectJobs(project: OpenProject, events: EventBus, workers: WorkerPool): LazyJobKind[] {
  const pack = async () => {
    const { domainPack } = await import('./generation/domainPack');
    return () => domainPack(project);
  };
  const generation = async () => ({
    gateway: project.gateway,
    personas: project.personas,
    scenarios: project.scenarios,
    sessions: project.sessions,
    pack: await pack(),
  });
  const evaluation = async () => ({ gateway: project.gateway, evaluation: project.evaluation, pack: await pack() });
  const loaders: Record<JobKind, HandlerLoader> = {
    speedTest: async () => (await import('./llm/speedTestJob')).speedTestJob(project.gateway),
    import: async () => (await import('./imports/importJob')).importJob(project, workers),
    generatePersonas: async () => (await import('./generation/personasJob')).personasJob(await generation()),
    generateScenarios: async () => (await import('./generation/scenariosJob')).scenariosJob(await generation()),
    generateSessions: async () => (await import('./generation/sessionsJob')).sessionsJob(await generation()),
    judge: async () =>
      (await import('./judging/judgeJob')).judgeJob({ gateway: project.gateway, sessions: project.sessions, judgments: project.judgments }),
    exportDataset: async () => (await import('./datasets/exportJob')).exportJob({ datasets: project.datasets, sessions: project.sessions }),
    freezeDataset: async () => {
      const { freezeJob, newestEvaluationScenarios } = await import('./datasets/freezeJob');
      return freezeJob({
        datasets: project.datasets,
        file: project.file,
        workers,
        evaluationScenarios: () => newestEvaluationScenarios(project.evaluation),
      });
    },
    evalScenarios: async () => (await import('./evaluation/scenarioJob')).scenarioJob(await evaluation()),
    evalConversations: async () => {
      const [{ conversationJob }, { startScoring }] = await Promise.all([
        import('./evaluation/conversationJob'),
        import('./evaluation/startScoring'),
      ]);
      return conversationJob({ ...(await evaluation()), conversationsDone: (runId) => startScoring(project, runId, events) });
    },
    evalScoring: async () => (await import('./evaluation/scoringJob')).scoringJob(await evaluation()),
    arenaJudge: async () => (await import('./arena/judgeVotesJob')).judgeVotesJob({ gateway: project.gateway, arena: project.arena }),
    fineTune: async () =>
      (await import('./training/fineTuneJob')).fineTuneJob({
        trainer: (id) => project.gateway.trainers[id],
        runs: project.trainingRuns,
        datasets: project.datasets,
        sessions: project.sessions,
        provider: (id) => project.gateway.provider(id),
        prices: () => project.prices.list(),
        registerModel: (entry) => project.models.upsert(entry),
      }),
  };
  return (Object.keys(jobKinds) as JobKind[]).map((kind) => ({ facts: jobKinds[kind], load: loaders[kind] }));
}
