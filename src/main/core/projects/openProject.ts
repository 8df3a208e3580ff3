import { existsSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { ProjectInfo } from '../../../shared/domain/project';
import type { EventBus } from '../events';
import { JobRunner } from '../jobs/jobRunner';
import { JobsRepo } from '../jobs/jobsRepo';
import type { ApiKeys } from '../llm/apiKeys';
import { CallsRepo } from '../llm/callsRepo';
import { LlmGateway } from '../llm/gateway';
import { ModelsRepo } from '../llm/modelsRepo';
import { PricesRepo } from '../llm/pricesRepo';
import { ProvidersRepo } from '../llm/providersRepo';
import { SessionEditsRepo } from '../sessions/sessionEditsRepo';
import { PersonasRepo } from '../generation/personasRepo';
import { PromptsRepo } from '../generation/promptsRepo';
import { ScenariosRepo } from '../generation/scenariosRepo';
import { DatasetsRepo } from '../datasets/datasetsRepo';
import { EvaluationRepo } from '../evaluation/evaluationRepo';
import { ArenaRepo } from '../arena/arenaRepo';
import { TrainingRepo } from '../training/trainingRepo';
import { JudgmentsRepo } from '../judging/judgmentsRepo';
import { ImportsRepo } from '../imports/importsRepo';
import { SessionsRepo } from '../sessions/sessionsRepo';
import { TokenCountsRepo } from '../sessions/tokenCountsRepo';
import type { Logger } from '../util/logger';
import { ApiError } from '../../../shared/api/result';
import { schemaVersion } from '../db/migrate';
import { ProjectMetaRepo } from '../db/projectMetaRepo';
import { checkpointAndClose } from '../db/connection';
import { refreshPlannerStatistics } from '../db/openProject';

export interface ProjectOptions {
  /** How often a training run is polled at its provider; tests make it fast. */
  trainingPollMs?: number;
  /** How long a job's lease lasts without a heartbeat (see jobs/jobLease.ts); tests make it short. */
  jobLeaseMs?: number;
  /** Jobs that run at once; more wait, queued. */
  maxRunningJobs?: number;
}

/** Everything that lives as long as one open project file: its repos, its gateway, its jobs. */
export class OpenProject {
  readonly meta: ProjectMetaRepo;
  readonly providers: ProvidersRepo;
  readonly models: ModelsRepo;
  readonly prices: PricesRepo;
  readonly calls: CallsRepo;
  readonly jobsRepo: JobsRepo;
  readonly sessions: SessionsRepo;
  readonly sessionEdits: SessionEditsRepo;
  readonly tokenCounts: TokenCountsRepo;
  readonly imports: ImportsRepo;
  readonly prompts: PromptsRepo;
  readonly personas: PersonasRepo;
  readonly scenarios: ScenariosRepo;
  readonly judgments: JudgmentsRepo;
  readonly datasets: DatasetsRepo;
  readonly trainingRuns: TrainingRepo;
  readonly evaluation: EvaluationRepo;
  readonly arena: ArenaRepo;
  readonly gateway: LlmGateway;
  readonly jobs: JobRunner;

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    keys: ApiKeys,
    events: EventBus,
    log: Logger,
    readonly options: ProjectOptions = {},
  ) {
    this.meta = new ProjectMetaRepo(db);
    this.providers = new ProvidersRepo(db);
    this.models = new ModelsRepo(db);
    this.prices = new PricesRepo(db);
    this.calls = new CallsRepo(db);
    this.jobsRepo = new JobsRepo(db);
    this.sessions = new SessionsRepo(db);
    this.sessionEdits = new SessionEditsRepo(db);
    this.tokenCounts = new TokenCountsRepo(db);
    this.imports = new ImportsRepo(db);
    this.prompts = new PromptsRepo(db);
    this.personas = new PersonasRepo(db);
    this.scenarios = new ScenariosRepo(db);
    this.judgments = new JudgmentsRepo(db);
    this.datasets = new DatasetsRepo(db);
    this.trainingRuns = new TrainingRepo(db);
    this.evaluation = new EvaluationRepo(db);
    this.arena = new ArenaRepo(db);
    this.arena.stopInterrupted();
    this.gateway = new LlmGateway({
      provider: (id) => {
        const p = this.providers.get(id);
        if (!p) throw new ApiError('NOT_FOUND', 'That provider no longer exists in this project.');
        return p;
      },
      prices: () => this.prices.list(),
      keys,
      record: (call) => {
        this.calls.insert(call);
        if (call.jobId && call.costUsd) this.jobsRepo.addCost(call.jobId, call.costUsd);
        events.emit('data.changed', { entity: 'calls' });
      },
    });
    this.jobs = new JobRunner(this.jobsRepo, events, log, this.gateway, {
      leaseMs: options.jobLeaseMs,
      maxRunning: options.maxRunningJobs,
    });
  }

  info(): ProjectInfo {
    return {
      file: this.file,
      name: this.meta.get<string>('name') ?? 'Untitled project',
      createdAt: this.meta.get<number>('createdAt') ?? 0,
      schemaVersion: schemaVersion(this.db),
      // Recent writes sit in the write-ahead log until a checkpoint; both are the project's size.
      sizeBytes: statSync(this.file).size + (existsSync(`${this.file}-wal`) ? statSync(`${this.file}-wal`).size : 0),
      isSample: this.meta.get<boolean>('isSample') ?? false,
      counts: this.meta.counts(),
    };
  }

  /** After a change that grew tables many times over (an import), so the next queries get the plan reopening would give. */
  refreshPlannerStatistics(): void {
    refreshPlannerStatistics(this.db);
  }

  async close(): Promise<void> {
    await this.jobs.shutdown();
    checkpointAndClose(this.db);
  }
}
