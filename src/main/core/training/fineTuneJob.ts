import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { TrainerId } from '../../../shared/api/training';
import type { ModelEntry, ModelPrice } from '../../../shared/domain/model';
import type { Provider } from '../../../shared/domain/provider';
import type { DatasetsRepo } from '../datasets/datasetsRepo';
import { refusePendingDetails } from '../datasets/privacyGate';
import { exportOpenAiJsonl } from '../datasets/exporters/openaiJsonl';
import { frozenRecords } from '../datasets/records';
import { resultOnly, type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import { findPrice } from '../llm/pricing';
import { ProviderCallError } from '../llm/providerErrors';
import { newId } from '../util/ids';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import type { Trainer, TrainerSnapshot, TrainerStart } from '../llm/trainer';
import type { TrainingRepo, TrainingRun } from './trainingRepo';

export const fineTuneParamsSchema = z.object({ runId: z.string(), title: z.string(), pollMs: z.number().int().min(10) });
export type FineTuneParams = z.infer<typeof fineTuneParamsSchema>;

export interface FineTuneDeps {
  trainer(id: TrainerId): Trainer;
  runs: TrainingRepo;
  datasets: DatasetsRepo;
  sessions: SessionsRepo;
  provider(id: string): Provider;
  prices(): readonly ModelPrice[];
  registerModel(entry: ModelEntry): ModelEntry;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
/** Passing trouble while polling (a 5xx, a dropped connection) is noted and retried; the training goes on regardless. */
const TRANSIENT = new Set(['server_error', 'connection', 'timeout', 'rate_limited']);
const isTransient = (err: unknown): err is ProviderCallError => err instanceof ProviderCallError && TRANSIENT.has(err.errorClass);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** What to check when a create may have reached the provider and its job list cannot say whether it did. */
function unknownStart(run: TrainingRun, provider: Provider, err: unknown): string {
  const cause = err instanceof Error ? err.message : String(err);
  return (
    `A start may have reached ${provider.name} before its answer arrived (or the app stopped), and its list of fine-tuning jobs could not be read to find it (${cause}). ` +
    `Check ${provider.name}'s dashboard for a job tagged with run ${run.id} before starting again: a new run would create a second paid job.`
  );
}

/** Folds one poll into the run: new events appended, loss points merged by step, the rest replaced. */
export function applySnapshot(run: TrainingRun, snap: TrainerSnapshot, now: number): TrainingRun {
  const byStep = new Map(run.metrics.map((m) => [m.step, m]));
  for (const m of snap.metrics)
    byStep.set(m.step, {
      step: m.step,
      trainLoss: m.trainLoss ?? byStep.get(m.step)?.trainLoss ?? null,
      validLoss: m.validLoss ?? byStep.get(m.step)?.validLoss ?? null,
    });
  const finished = TERMINAL.has(snap.status);
  return {
    ...run,
    status: snap.status,
    fineTunedModel: snap.fineTunedModel ?? run.fineTunedModel,
    trainedTokens: snap.trainedTokens ?? run.trainedTokens,
    error: snap.error ?? (snap.status === 'failed' ? (run.error ?? 'The provider ended the job as failed without saying why.') : null),
    events: [...run.events, ...snap.events],
    metrics: [...byStep.values()].sort((a, b) => a.step - b.step),
    checkpoints: snap.checkpoints.length ? snap.checkpoints : run.checkpoints,
    finishedAt: finished ? (run.finishedAt ?? now) : null,
  };
}

/**
 * Follows one training run: prepares the files from the frozen version and starts the provider's job
 * (once: its id is stored, and a start cut short before that finds its job by the run's token rather
 * than creating a second one), then polls until the job ends. The app's job is resumed on its own when
 * the project opens again, so polling picks up from the stored provider job id after a restart.
 * A trained model lands in the registry with its lineage: dataset version → run → model.
 */
export function fineTuneJob(deps: FineTuneDeps): JobHandler<FineTuneParams, { runId: string }, { status: string; model: string | null }> {
  /** Saves the run; `changed` announces it at once when the save is not part of a stored item or a cancel (which the runner announces). */
  const save = (run: TrainingRun, changed?: () => void) => {
    deps.runs.save(run);
    changed?.();
    return run;
  };

  /** Stores the run as failed with `message` as its error and last event; returns the error to throw. */
  const fail = (run: TrainingRun, message: string, cause: unknown, changed?: () => void): Error => {
    const at = Date.now();
    save({ ...run, status: 'failed', error: message, finishedAt: at, events: [...run.events, { at, level: 'error', message }] }, changed);
    return new Error(message, { cause });
  };

  async function start(
    run: TrainingRun,
    trainer: Trainer,
    provider: Provider,
    signal: AbortSignal,
    changed?: () => void,
  ): Promise<TrainingRun> {
    run = save({ ...run, status: 'preparing', startedAt: run.startedAt ?? Date.now() }, changed);
    const dir = await mkdtemp(join(tmpdir(), 'hds-train-'));
    try {
      // Checked again as the files are written, not only when the run was asked for: details detected
      // while the run waited refuse the upload (leaving sessions out would train on another set than
      // the version its model is traced to).
      refusePendingDetails(deps, run.datasetVersionId, 'upload this version for training');
      const written = await exportOpenAiJsonl(frozenRecords(deps.datasets, run.datasetVersionId), dir, { signal });
      const file = (name: string) => written.files.find((f) => f.path.endsWith(name))?.path ?? null;
      const trainFile = file('train.jsonl');
      if (!trainFile) throw new Error('The dataset version has no training examples.');
      // Stored before the request leaves: should the app stop before the job's id is saved, the next
      // run of this item looks for the job by this token instead of paying for a second one.
      run = save(
        {
          ...run,
          events: [
            ...run.events,
            {
              at: Date.now(),
              level: 'info',
              message: `Uploading ${written.records} examples and creating the job at ${provider.name}, tagged with this run's id.`,
              startToken: run.id,
            },
          ],
        },
        changed,
      );
      const started = await startOnce(run, trainer, {
        provider,
        baseModel: run.baseModel,
        suffix: run.suffix,
        hyperparameters: run.hyperparameters,
        trainFile,
        validationFile: file('validation.jsonl'),
        clientToken: run.id,
        signal,
      });
      const message = started.adopted
        ? `The answer to the create was lost; found ${started.id} at ${provider.name} and following it instead of starting another job.`
        : `Uploaded ${written.records} examples and started ${started.id} at ${provider.name}.`;
      return save(
        {
          ...run,
          providerJobId: started.id,
          status: 'validating',
          events: [...run.events, { at: Date.now(), level: 'info', message }],
        },
        changed,
      );
    } catch (err) {
      if (signal.aborted) throw err;
      throw fail(run, err instanceof Error ? err.message : String(err), err, changed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Starts the job. The trainers send the create without the SDK's blind retries, since a create whose
   * answer was lost may have made a job: on passing trouble the provider's list is read first, and the
   * create is sent again (up to the provider's retry count) only when it holds no job of this run.
   */
  async function startOnce(run: TrainingRun, trainer: Trainer, input: TrainerStart): Promise<{ id: string; adopted: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return { id: await trainer.start(input), adopted: false };
      } catch (err) {
        const transient = isTransient(err);
        if (input.signal.aborted || !transient || attempt >= input.provider.maxRetries) throw err;
        let found: string | null;
        try {
          found = await trainer.findStarted(input.provider, input.clientToken, input.signal);
        } catch (lookupErr) {
          if (input.signal.aborted) throw lookupErr;
          throw new Error(unknownStart(run, input.provider, lookupErr), { cause: lookupErr });
        }
        if (found) return { id: found, adopted: true };
        await sleep(Math.min(8_000, 500 * 2 ** attempt), input.signal);
        if (input.signal.aborted) throw err;
      }
    }
  }

  /**
   * After a start that was cut short (its token stored, no job id): the job it may have created, adopted
   * when the provider lists it. Passing trouble is retried; when the list cannot be read at all the run
   * fails with what to check, since starting again could create a second paid job.
   */
  async function recover(
    run: TrainingRun,
    token: string,
    trainer: Trainer,
    provider: Provider,
    params: FineTuneParams,
    signal: AbortSignal,
    changed?: () => void,
  ): Promise<TrainingRun> {
    for (;;) {
      let found: string | null;
      try {
        found = await trainer.findStarted(provider, token, signal);
      } catch (err) {
        if (signal.aborted) throw err;
        const cause = err instanceof Error ? err.message : String(err);
        if (isTransient(err)) {
          const message = `Looking for the job of the interrupted start failed, trying again: ${cause}`;
          run = save({ ...run, events: [...run.events, { at: Date.now(), level: 'warn', message }] }, changed);
          await sleep(params.pollMs, signal);
          if (signal.aborted) throw new Error('Stopped looking for the training job.', { cause: err });
          continue;
        }
        throw fail(run, unknownStart(run, provider, err), err, changed);
      }
      if (!found) return run;
      const message = `Found ${found} at ${provider.name}, created by a start the app stopped during; following it instead of starting another job.`;
      return save(
        { ...run, providerJobId: found, status: 'validating', events: [...run.events, { at: Date.now(), level: 'info', message }] },
        changed,
      );
    }
  }

  function register(run: TrainingRun, provider: Provider): TrainingRun {
    if (!run.fineTunedModel) return run;
    const version = deps.datasets.version(run.datasetVersionId);
    const entry = deps.registerModel({
      id: newId(),
      providerId: provider.id,
      modelId: run.fineTunedModel,
      kind: 'fine-tuned',
      displayName: `${version ? `${deps.datasets.get(version.datasetId)?.name ?? 'Dataset'} v${version.version}` : 'Fine-tuned'} (${run.baseModel})`,
      lineage: {
        trainingRunId: run.id,
        trainer: run.trainer,
        providerJobId: run.providerJobId,
        baseModel: run.baseModel,
        datasetVersionId: run.datasetVersionId,
        datasetId: version?.datasetId ?? null,
        datasetVersion: version?.version ?? null,
        datasetHash: version?.contentHash ?? null,
        hyperparameters: run.hyperparameters,
      },
      createdAt: Date.now(),
    });
    return save({ ...run, modelEntryId: entry.id, costUsd: trainingCost(run) });
  }

  function trainingCost(run: TrainingRun): number | null {
    const price = findPrice(run.baseModel, deps.prices());
    return run.trainedTokens !== null && price?.trainingPerM != null ? (run.trainedTokens / 1_000_000) * price.trainingPerM : null;
  }

  return {
    ...jobKinds.fineTune,
    paramsSchema: fineTuneParamsSchema,
    title: (p) => p.title,
    plan: (p) => [{ runId: p.runId }],
    concurrency: () => 1,
    async onCancel(params) {
      const run = deps.runs.get(params.runId);
      if (!run || TERMINAL.has(run.status)) return;
      if (run.providerId && run.providerJobId) await deps.trainer(run.trainer).cancel(deps.provider(run.providerId), run.providerJobId);
      save({
        ...run,
        status: 'cancelled',
        finishedAt: Date.now(),
        events: [...run.events, { at: Date.now(), level: 'info', message: 'Cancelled from the app.' }],
      });
    },
    async runItem({ params, signal, report, changed }) {
      let run = deps.runs.get(params.runId);
      if (!run) throw new Error('The training run was deleted.');
      if (!run.providerId) throw new Error('The provider of this run was removed from the project.');
      const provider = deps.provider(run.providerId);
      const trainer = deps.trainer(run.trainer);
      // A run that already ended (say it was refused just before the app closed) is never started again: a retry is a new run.
      if (run.status === 'failed') throw new Error(run.error ?? 'The training failed.');
      if (run.status === 'cancelled') return resultOnly({ status: run.status, model: null });
      const token = run.providerJobId ? undefined : run.events.findLast((e) => e.startToken)?.startToken;
      if (token) run = await recover(run, token, trainer, provider, params, signal, changed);
      if (!run.providerJobId) run = await start(run, trainer, provider, signal, changed);
      while (!TERMINAL.has(run.status)) {
        try {
          const snap = await trainer.poll(provider, run.providerJobId!, run.events.findLast((e) => e.id)?.id ?? null, signal);
          run = save(applySnapshot(run, snap, Date.now()), changed);
          const last = run.metrics.at(-1);
          report?.(`${run.status}${last ? ` · step ${last.step}, training loss ${last.trainLoss?.toFixed(3) ?? '—'}` : ''}`);
        } catch (err) {
          if (signal.aborted) throw err;
          if (!isTransient(err)) throw err;
          run = save(
            {
              ...run,
              events: [...run.events, { at: Date.now(), level: 'warn', message: `Polling failed, trying again: ${err.message}` }],
            },
            changed,
          );
        }
        if (TERMINAL.has(run.status)) break;
        await sleep(params.pollMs, signal);
        // Paused, cancelled here or shutting down: the item goes back to pending and polling resumes later.
        if (signal.aborted) throw new Error('Stopped following the training run.');
      }
      if (run.status === 'failed') throw new Error(run.error ?? 'The training failed.');
      const ended = run;
      // The model lands in the registry in the same transaction that marks the item done, so it is registered exactly once.
      return {
        costUsd: (ended.status === 'succeeded' ? trainingCost(ended) : ended.costUsd) ?? 0,
        store: () => {
          const stored = ended.status === 'succeeded' ? register(ended, provider) : ended;
          return { status: stored.status, model: stored.fineTunedModel };
        },
      };
    },
  };
}
