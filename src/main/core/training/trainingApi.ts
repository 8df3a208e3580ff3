import type { TrainingApi, TrainingRunView } from '../../../shared/api/training';
import { ApiError } from '../../../shared/api/result';
import { refusePendingDetails } from '../datasets/privacyGate';
import type { DomainDeps } from '../context';
import { validateVersion } from '../datasets/validateVersion';
import type { OpenProject } from '../projects/openProject';
import { newId } from '../util/ids';
import type { TrainingRun } from './trainingRepo';
import { projectProvider } from '../llm/projectProvider';

/** Fifteen seconds between polls: training takes minutes to hours, and providers rate-limit status calls. */
const DEFAULT_POLL_MS = 15_000;

function toView(project: Pick<OpenProject, TrainingParts>, run: TrainingRun): TrainingRunView {
  const version = project.datasets.version(run.datasetVersionId);
  const dataset = version ? project.datasets.get(version.datasetId) : undefined;
  return {
    ...run,
    providerName: run.providerId ? (project.providers.get(run.providerId)?.name ?? null) : null,
    datasetName: dataset?.name ?? 'Deleted dataset',
    datasetVersion: version?.version ?? 0,
    datasetHash: version?.contentHash ?? '',
    events: run.events.map(({ at, level, message }) => ({ at, level, message })),
  };
}

function requireRun(project: Pick<OpenProject, TrainingParts>, id: string): TrainingRun {
  const run = project.trainingRuns.get(id);
  if (!run) throw new ApiError('NOT_FOUND', 'That training run is not in this project.');
  return run;
}

/** The parts of the open project this API reads and writes. */
export type TrainingParts = 'datasets' | 'jobs' | 'options' | 'prices' | 'providers' | 'sessions' | 'trainingRuns';

export function trainingApi({ project: open, events }: DomainDeps<TrainingParts>): TrainingApi {
  return {
    'training.list': async () => {
      const project = open();
      return project.trainingRuns.list().map((r) => toView(project, r));
    },

    'training.get': async ({ id }) => {
      const project = open();
      return toView(project, requireRun(project, id));
    },

    'training.start': async (input) => {
      const project = open();
      // Before the run is stored, so the run and its job are written in one step.
      await project.jobs.load('fineTune');
      const version = project.datasets.version(input.versionId);
      if (!version) throw new ApiError('NOT_FOUND', 'That dataset version is not in this project.');
      refusePendingDetails(project, version.id, 'upload this version for training');
      const provider = projectProvider(project.providers, input.providerId);
      if (!provider.capabilities.fineTuning)
        throw new ApiError(
          'INVALID_INPUT',
          `${provider.name} does not fine-tune models. Choose OpenAI or Together AI, or export a training bundle and register the model you train.`,
        );
      if (input.trainer === 'openai' && !/\d{4}-\d{2}-\d{2}$/.test(input.baseModel) && !input.baseModel.startsWith('ft:')) {
        throw new ApiError(
          'INVALID_INPUT',
          `OpenAI fine-tunes dated snapshots: use an id such as ${input.baseModel}-2024-07-18 rather than the alias ${input.baseModel}.`,
        );
      }
      const report = validateVersion(project, version, { model: input.baseModel, epochs: input.epochs ?? 3 });
      if (!report.ok) {
        const first = report.issues.find((i) => i.severity === 'error');
        throw new ApiError(
          'INVALID_INPUT',
          `The dataset does not pass the format checks (${report.errors} error${report.errors === 1 ? '' : 's'}${first ? `; first: ${first.message}` : ''}). Fix it in Datasets > Validate before training.`,
        );
      }
      const run: TrainingRun = {
        id: newId(),
        trainer: input.trainer,
        providerId: provider.id,
        datasetVersionId: version.id,
        baseModel: input.baseModel,
        hyperparameters: {
          epochs: input.epochs ?? null,
          batchSize: input.batchSize ?? null,
          learningRateMultiplier: input.learningRateMultiplier ?? null,
          seed: input.seed ?? null,
        },
        suffix: input.suffix ?? null,
        providerJobId: null,
        status: 'preparing',
        fineTunedModel: null,
        modelEntryId: null,
        events: [],
        checkpoints: [],
        metrics: [],
        trainedTokens: null,
        costUsd: null,
        error: null,
        jobId: null,
        createdAt: Date.now(),
        startedAt: null,
        finishedAt: null,
      };
      project.trainingRuns.insert(run);
      const dataset = project.datasets.get(version.datasetId);
      const job = project.jobs.create('fineTune', {
        runId: run.id,
        title: `Fine-tune ${input.baseModel} on ${dataset?.name ?? 'a dataset'} v${version.version} (${provider.name})`,
        pollMs: project.options.trainingPollMs ?? DEFAULT_POLL_MS,
      });
      project.trainingRuns.setJobId(run.id, job.id);
      events.emit('data.changed', { entity: 'training' });
      events.emit('data.changed', { entity: 'jobs' });
      return toView(project, project.trainingRuns.get(run.id)!);
    },

    'training.cancel': async ({ id }) => {
      const project = open();
      const run = requireRun(project, id);
      if (['succeeded', 'failed', 'cancelled'].includes(run.status))
        throw new ApiError('CONFLICT', `This training run has already ${run.status === 'succeeded' ? 'finished' : run.status}.`);
      // The job's cancel reaches the provider too (see fineTuneJob.onCancel).
      if (run.jobId) await project.jobs.cancel(run.jobId);
      events.emit('data.changed', { entity: 'training' });
      return toView(project, project.trainingRuns.get(id)!);
    },
  };
}
