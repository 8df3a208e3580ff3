import type { EventBus } from './events';
import type { AnyJobHandler } from './jobs/jobHandler';
import { speedTestJob } from './llm/speedTestJob';
import { personasJob } from './generation/personasJob';
import { scenariosJob } from './generation/scenariosJob';
import { sessionsJob } from './generation/sessionsJob';
import { domainPack } from './generation/domainPack';
import { exportJob } from './datasets/exportJob';
import { freezeJob, newestEvaluationScenarios } from './datasets/freezeJob';
import { conversationJob } from './evaluation/conversationJob';
import { scenarioJob } from './evaluation/scenarioJob';
import { scoringJob } from './evaluation/scoringJob';
import { startScoring } from './evaluation/startScoring';
import { judgeVotesJob } from './arena/judgeVotesJob';
import { judgeJob } from './judging/judgeJob';
import { fineTuneJob } from './training/fineTuneJob';
import { importJob } from './imports/importJob';
import type { OpenProject } from './projects/openProject';
import type { WorkerPool } from './workers/workerPool';

/**
 * The job handlers an open project runs, each given only the repos and services it uses. Wired here, at the
 * composition root, rather than inside OpenProject: the project then knows no domain, and a domain's job
 * may use the project without the project importing the job back (that was a nine-file import circle).
 */
export function projectJobs(project: OpenProject, events: EventBus, workers: WorkerPool): AnyJobHandler[] {
  const pack = () => domainPack(project);
  const generation = {
    gateway: project.gateway,
    personas: project.personas,
    scenarios: project.scenarios,
    sessions: project.sessions,
    pack,
  };
  const evaluation = { gateway: project.gateway, evaluation: project.evaluation, pack };
  return [
    speedTestJob(project.gateway),
    importJob(project, workers),
    personasJob(generation),
    scenariosJob(generation),
    sessionsJob(generation),
    judgeJob({ gateway: project.gateway, sessions: project.sessions, judgments: project.judgments }),
    exportJob({ datasets: project.datasets, sessions: project.sessions }),
    freezeJob({
      datasets: project.datasets,
      file: project.file,
      workers,
      evaluationScenarios: () => newestEvaluationScenarios(project.evaluation),
    }),
    scenarioJob(evaluation),
    conversationJob({ ...evaluation, conversationsDone: (runId) => startScoring(project, runId, events) }),
    scoringJob(evaluation),
    judgeVotesJob({ gateway: project.gateway, arena: project.arena }),
    fineTuneJob({
      trainer: (id) => project.gateway.trainers[id],
      runs: project.trainingRuns,
      datasets: project.datasets,
      sessions: project.sessions,
      provider: (id) => project.gateway.provider(id),
      prices: () => project.prices.list(),
      registerModel: (entry) => project.models.upsert(entry),
    }),
  ];
}
