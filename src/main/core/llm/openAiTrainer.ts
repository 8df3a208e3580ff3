import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type OpenAI from 'openai';
import type Papa from 'papaparse';
import type { Provider } from '../../../shared/domain/provider';
import { isSdkApiError } from './openAiSdk';
import { classifyError } from './providerErrors';
import { TrainingRefused, type MetricPoint, type Trainer, type TrainerSnapshot, type TrainerStart, type TrainingStatus } from './trainer';

const statusMap: Record<string, TrainingStatus> = {
  validating_files: 'validating',
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** OpenAI's answer when an organisation may no longer start fine-tuning jobs (see DOMAIN.md: winding down in 2026). */
function isRefusal(err: unknown): boolean {
  if (!isSdkApiError(err)) return false;
  return (
    err.code === 'fine_tuning_not_allowed' ||
    (err.status === 403 && /fine-?tun/i.test(err.message)) ||
    /not allowed to create new fine-tuning jobs/i.test(err.message)
  );
}

export const REFUSAL_ADVICE =
  'OpenAI no longer accepts new fine-tuning jobs for this account. Train elsewhere: export a training bundle for Unsloth or Axolotl (Datasets > Export), fine-tune at Together AI, or register a model you trained elsewhere under Models.';

/** The job's metadata key holding the training run's client token: OpenAI keeps it and filters the job list by it. */
export const RUN_TOKEN_KEY = 'hds_training_run';
/** Jobs read when looking for a cut-short start on a host that ignores the metadata filter (newest first). */
const LOOKUP_LIMIT = 1_000;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The per-step metrics CSV OpenAI attaches when a job succeeds: the whole curve at once. */
export function metricsFromCsv(csv: string): MetricPoint[] {
  // Required here, not imported: every open project builds the gateway and its trainers, and few ever read this CSV.
  const papa = createRequire(import.meta.url)('papaparse') as typeof Papa;
  const parsed = papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: true });
  return parsed.data.flatMap((row) => {
    const step = Number(row.step);
    if (!Number.isFinite(step)) return [];
    const value = (key: string) => (row[key] === undefined || row[key] === '' ? null : num(Number(row[key])));
    return [{ step, trainLoss: value('train_loss'), validLoss: value('valid_loss') }];
  });
}

/**
 * OpenAI's supervised fine-tuning: upload the train and validation files, create the job with the
 * hyperparameters, then poll the job, its events (metrics arrive as events) and its checkpoints.
 * The key stays inside the client the gateway hands over.
 */
export class OpenAiTrainer implements Trainer {
  readonly id = 'openai' as const;
  readonly label = 'OpenAI fine-tuning';

  constructor(private readonly client: (provider: Provider) => Promise<OpenAI>) {}

  async start(input: TrainerStart): Promise<string> {
    const client = await this.client(input.provider);
    try {
      const upload = (path: string) =>
        client.files.create({ file: createReadStream(path), purpose: 'fine-tune' }, { signal: input.signal });
      const training = await upload(input.trainFile);
      const validation = input.validationFile ? await upload(input.validationFile) : null;
      const h = input.hyperparameters;
      const hyperparameters = {
        ...(h.epochs !== null ? { n_epochs: h.epochs } : {}),
        ...(h.batchSize !== null ? { batch_size: h.batchSize } : {}),
        ...(h.learningRateMultiplier !== null ? { learning_rate_multiplier: h.learningRateMultiplier } : {}),
      };
      const job = await client.fineTuning.jobs.create(
        {
          model: input.baseModel,
          training_file: training.id,
          ...(validation ? { validation_file: validation.id } : {}),
          ...(input.suffix ? { suffix: input.suffix } : {}),
          ...(h.seed !== null ? { seed: h.seed } : {}),
          metadata: { [RUN_TOKEN_KEY]: input.clientToken },
          method: { type: 'supervised', supervised: { hyperparameters } },
        },
        // Never retried blindly: a create whose answer was lost may have made a job (the fine-tune job looks first).
        { signal: input.signal, maxRetries: 0 },
      );
      return job.id;
    } catch (err) {
      if (isRefusal(err)) throw new TrainingRefused(`${REFUSAL_ADVICE} (OpenAI said: ${(err as Error).message})`);
      throw classifyError(err);
    }
  }

  async findStarted(provider: Provider, clientToken: string, signal: AbortSignal): Promise<string | null> {
    const client = await this.client(provider);
    try {
      let seen = 0;
      // Filtered by OpenAI; each job is checked here too, in case a compatible host ignores the filter.
      for await (const job of client.fineTuning.jobs.list({ metadata: { [RUN_TOKEN_KEY]: clientToken }, limit: 100 }, { signal })) {
        if (job.metadata?.[RUN_TOKEN_KEY] === clientToken) return job.id;
        if (++seen >= LOOKUP_LIMIT) break;
      }
      return null;
    } catch (err) {
      throw classifyError(err);
    }
  }

  async poll(provider: Provider, providerJobId: string, sinceEvent: string | null, signal: AbortSignal): Promise<TrainerSnapshot> {
    const client = await this.client(provider);
    try {
      const job = await client.fineTuning.jobs.retrieve(providerJobId, { signal });
      // Events come newest first; read back to the last one already seen.
      const fresh: OpenAI.FineTuning.FineTuningJobEvent[] = [];
      for await (const event of client.fineTuning.jobs.listEvents(providerJobId, { limit: 100 }, { signal })) {
        if (event.id === sinceEvent) break;
        fresh.push(event);
      }
      fresh.reverse();
      const metrics: MetricPoint[] = fresh.flatMap((e) => {
        const data = (e.data ?? {}) as Record<string, unknown>;
        const step = num(data.step);
        return e.type === 'metrics' && step !== null ? [{ step, trainLoss: num(data.train_loss), validLoss: num(data.valid_loss) }] : [];
      });
      const status = statusMap[job.status] ?? 'running';
      if (status === 'succeeded' && job.result_files[0]) {
        const csv = await (await client.files.content(job.result_files[0], { signal })).text();
        metrics.push(...metricsFromCsv(csv));
      }
      const checkpoints = [];
      for await (const c of client.fineTuning.jobs.checkpoints.list(providerJobId, { limit: 10 }, { signal })) {
        checkpoints.push({
          id: c.id,
          step: c.step_number,
          model: c.fine_tuned_model_checkpoint,
          trainLoss: num(c.metrics.train_loss),
          validLoss: num(c.metrics.valid_loss),
        });
      }
      return {
        status,
        fineTunedModel: job.fine_tuned_model ?? null,
        trainedTokens: job.trained_tokens ?? null,
        error: job.error?.message ?? null,
        events: fresh.map((e) => ({
          id: e.id,
          at: e.created_at * 1000,
          level: e.level === 'error' ? 'error' : e.level === 'warn' ? 'warn' : 'info',
          message: e.message,
        })),
        metrics,
        checkpoints: checkpoints.sort((a, b) => a.step - b.step),
        estimatedFinish: job.estimated_finish ? job.estimated_finish * 1000 : null,
      };
    } catch (err) {
      throw classifyError(err);
    }
  }

  async cancel(provider: Provider, providerJobId: string): Promise<void> {
    try {
      await (await this.client(provider)).fineTuning.jobs.cancel(providerJobId);
    } catch (err) {
      // A job that already ended cannot be cancelled; that is not worth an error.
      if (isSdkApiError(err) && err.status === 400) return;
      throw classifyError(err);
    }
  }
}
