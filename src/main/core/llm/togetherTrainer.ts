import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { Provider } from '../../../shared/domain/provider';
import { classifyError, ProviderCallError } from './providerErrors';
import type { MetricPoint, Trainer, TrainerSnapshot, TrainerStart, TrainingCheckpoint, TrainingEvent, TrainingStatus } from './trainer';

/** Together's job statuses (docs.together.ai/reference: FinetuneJobStatus) in our terms. */
const statusMap: Record<string, TrainingStatus> = {
  pending: 'queued',
  queued: 'queued',
  running: 'running',
  compressing: 'running',
  uploading: 'running',
  completed: 'succeeded',
  error: 'failed',
  user_error: 'failed',
  cancel_requested: 'cancelled',
  cancelled: 'cancelled',
};

/**
 * Always a LoRA adapter. Together's own SDK defaults the rank to the model's maximum (which needs a
 * limits lookup per model) and alpha to twice the rank; rank 8 fits every model Together tunes.
 */
export const TOGETHER_LORA = { type: 'Lora', lora_r: 8, lora_alpha: 16, lora_dropout: 0, lora_trainable_modules: 'all-linear' } as const;
/** Evaluations over the validation file during training (Together allows 0-100); 0 would never use it. */
export const TOGETHER_EVALS = 10;

/**
 * What this trainer needs of the gateway's keyed OpenAI SDK client: its generic JSON requests, which
 * reach Together's own paths under the provider's base URL. Declared here rather than imported, since
 * only src/main/core/llm may import 'openai'; an `OpenAI` instance fits it as it is.
 */
export interface TogetherClient {
  get<T>(path: string, options?: { signal?: AbortSignal }): PromiseLike<T>;
  post<T>(path: string, options?: { body?: unknown; signal?: AbortSignal; maxRetries?: number }): PromiseLike<T>;
}

/** The parts of Together's answers this trainer reads; everything optional, as the API may omit fields. */
interface TogetherFile {
  id?: string;
  filename?: string;
}
interface TogetherJob {
  id?: string;
  training_file?: string;
  status?: string;
  model_output_name?: string | null;
  output_name?: string | null;
  token_count?: number | null;
  progress?: { estimate_available?: boolean; seconds_remaining?: number } | null;
}
interface TogetherEvent {
  created_at?: string | null;
  message?: string | null;
  type?: string | null;
  level?: string | null;
  step?: number | null;
  hash?: string | null;
  [key: string]: unknown;
}
interface TogetherCheckpoint {
  checkpoint_type?: string;
  created_at?: string;
  path?: string;
  step?: number;
}

/**
 * Together's job create takes no metadata, but it keeps an uploaded file's name and lists it, and a job
 * lists its training file: the run's client token travels in the training file's name (a token holds
 * no dot, so the dot after it keeps one token from matching the start of another).
 */
export const uploadName = (clientToken: string, file: string): string => `hds-run-${clientToken}.${basename(file)}`;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const path = (jobId: string, rest = ''): string => `/fine-tunes/${encodeURIComponent(jobId)}${rest}`;

/** FNV-1a, enough to tell two events apart in an id. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Together's events carry no id, so each gets one from its place in the job's (append-only, oldest
 * first) list and its content: `<index>-<hash>`. The index also lets a lost id resume at its place.
 */
export function togetherEventId(event: TogetherEvent, index: number): string {
  return `${index}-${hash([event.created_at, event.type, event.message, event.hash].map((v) => String(v ?? '')).join('\u0001'))}`;
}

function levelOf(e: TogetherEvent): TrainingEvent['level'] {
  const level = (e.level ?? '').toLowerCase();
  if (level.includes('error') || e.type === 'job_error' || e.type === 'job_user_error') return 'error';
  if (level.includes('warn') || e.type === 'warning' || e.type === 'billing_limit') return 'warn';
  return 'info';
}

const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;
const TRAIN_LOSS = new RegExp(String.raw`train(?:ing)?[ _]loss\s*[:=]?\s*${NUMBER}`, 'i');
const VALID_LOSS = new RegExp(String.raw`(?:eval(?:uation)?|valid(?:ation)?)[ _]loss\s*[:=]?\s*${NUMBER}`, 'i');
const AT_STEP = /\bat step (\d+)/i;

/**
 * A loss-curve point from one event, if it has one. Together's documented event has a `step` but no
 * loss field, so losses are read from numeric fields when present (`train_loss`, `loss`, `eval_loss`,
 * `valid_loss`) and otherwise from the message ("Training loss: 1.23", "evaluation loss: 1.4").
 */
export function metricFromEvent(e: TogetherEvent): MetricPoint | null {
  const message = e.message ?? '';
  const fromText = (re: RegExp): number | null => {
    const m = re.exec(message);
    return m?.[1] !== undefined ? num(Number(m[1])) : null;
  };
  const trainLoss = num(e.train_loss) ?? num(e.loss) ?? fromText(TRAIN_LOSS);
  const validLoss = num(e.eval_loss) ?? num(e.valid_loss) ?? fromText(VALID_LOSS);
  if (trainLoss === null && validLoss === null) return null;
  const stepText = AT_STEP.exec(message)?.[1];
  const step = num(e.step) !== null && (e.step as number) > 0 ? (e.step as number) : stepText !== undefined ? Number(stepText) : null;
  return step === null ? null : { step, trainLoss, validLoss };
}

/** Points sharing a step become one, keeping whichever losses each had. */
function mergeByStep(points: MetricPoint[]): MetricPoint[] {
  const byStep = new Map<number, MetricPoint>();
  for (const p of points) {
    const seen = byStep.get(p.step);
    byStep.set(p.step, seen ? { step: p.step, trainLoss: p.trainLoss ?? seen.trainLoss, validLoss: p.validLoss ?? seen.validLoss } : p);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/**
 * Together AI's hosted fine-tuning (docs.together.ai/reference): multipart upload to `/files/upload`,
 * `POST /fine-tunes` for a LoRA job, then polling the job, its events and its checkpoints. Together's
 * paths are not OpenAI's, so they go through the SDK's generic `get`/`post`; the key stays inside the
 * client the gateway hands over, and the client's base URL is the provider's (…/v1).
 */
export class TogetherTrainer implements Trainer {
  readonly id = 'together' as const;
  readonly label = 'Together AI fine-tuning';

  constructor(private readonly client: (provider: Provider) => Promise<TogetherClient>) {}

  async start(input: TrainerStart): Promise<string> {
    const client = await this.client(input.provider);
    try {
      const upload = async (file: string): Promise<string> => {
        // A file-backed Blob: the SDK sends FormData bodies as they are, and nothing is read into memory first.
        const form = new FormData();
        form.append('purpose', 'fine-tune');
        const name = uploadName(input.clientToken, file);
        form.append('file_name', name);
        form.append('file_type', 'jsonl');
        form.append('file', await openAsBlob(file, { type: 'application/jsonl' }), name);
        const uploaded = await client.post<TogetherFile>('/files/upload', { body: form, signal: input.signal });
        if (!uploaded?.id) throw new ProviderCallError('invalid_output', `Together AI accepted ${basename(file)} but returned no file id.`);
        return uploaded.id;
      };
      const training = await upload(input.trainFile);
      const validation = input.validationFile ? await upload(input.validationFile) : null;
      const h = input.hyperparameters;
      // learningRateMultiplier is left out on purpose: Together's `learning_rate` is an absolute rate
      // (default 1e-5), not a multiplier of a documented base, so Together's default applies.
      const body = {
        model: input.baseModel,
        training_file: training,
        ...(validation ? { validation_file: validation, n_evals: TOGETHER_EVALS } : {}),
        ...(h.epochs !== null ? { n_epochs: h.epochs } : {}),
        ...(h.batchSize !== null ? { batch_size: h.batchSize } : {}),
        // In Together's Python SDK request model (`random_seed`), not yet on the REST reference page.
        ...(h.seed !== null ? { random_seed: h.seed } : {}),
        ...(input.suffix ? { suffix: input.suffix } : {}),
        training_type: TOGETHER_LORA,
        training_method: { method: 'sft', train_on_inputs: 'auto' },
      };
      // Never retried blindly: a create whose answer was lost may have made a job (the fine-tune job looks first).
      const job = await client.post<TogetherJob>('/fine-tunes', { body, signal: input.signal, maxRetries: 0 });
      if (!job?.id) throw new ProviderCallError('invalid_output', 'Together AI accepted the fine-tuning job but returned no job id.');
      return job.id;
    } catch (err) {
      throw classifyError(err);
    }
  }

  async findStarted(provider: Provider, clientToken: string, signal: AbortSignal): Promise<string | null> {
    const client = await this.client(provider);
    try {
      const prefix = uploadName(clientToken, '');
      const files = (await client.get<{ data?: TogetherFile[] }>('/files', { signal }))?.data ?? [];
      const ours = new Set(files.filter((f) => f.id && f.filename?.startsWith(prefix)).map((f) => f.id));
      // Files uploaded but no job created: the start stopped before the job, so there is none to find.
      if (ours.size === 0) return null;
      const jobs = (await client.get<{ data?: TogetherJob[] }>('/fine-tunes', { signal }))?.data ?? [];
      return jobs.find((j) => j.id && j.training_file && ours.has(j.training_file))?.id ?? null;
    } catch (err) {
      throw classifyError(err);
    }
  }

  async poll(provider: Provider, providerJobId: string, sinceEvent: string | null, signal: AbortSignal): Promise<TrainerSnapshot> {
    const client = await this.client(provider);
    try {
      const job = await client.get<TogetherJob>(path(providerJobId), { signal });
      const listed = await client.get<{ data?: TogetherEvent[] }>(path(providerJobId, '/events'), { signal });
      const all = orderEvents(listed?.data ?? []).map((event, index) => ({ event, id: togetherEventId(event, index) }));
      const fresh = all.slice(resumeIndex(all, sinceEvent));

      const status = statusMap[job.status ?? ''] ?? 'running';
      const checkpoints = await this.checkpoints(
        client,
        providerJobId,
        job,
        all.map((e) => e.event),
        signal,
      );
      const seconds = num(job.progress?.seconds_remaining);
      const lastError = [...all].reverse().find((e) => levelOf(e.event) === 'error')?.event.message;
      return {
        status,
        fineTunedModel: status === 'succeeded' ? (job.model_output_name ?? job.output_name ?? null) : null,
        trainedTokens: (num(job.token_count) ?? 0) > 0 ? (job.token_count as number) : null,
        error: status === 'failed' ? (lastError ?? `Together AI reports the job as '${job.status}'.`) : null,
        events: fresh.map(({ event, id }) => ({
          id,
          at: Date.parse(event.created_at ?? '') || Date.now(),
          level: levelOf(event),
          message: event.message ?? event.type ?? '',
        })),
        metrics: mergeByStep(fresh.flatMap(({ event }) => metricFromEvent(event) ?? [])),
        checkpoints,
        estimatedFinish: status === 'running' && job.progress?.estimate_available && seconds !== null ? Date.now() + seconds * 1000 : null,
      };
    } catch (err) {
      throw classifyError(err);
    }
  }

  async cancel(provider: Provider, providerJobId: string): Promise<void> {
    try {
      await (await this.client(provider)).post(path(providerJobId, '/cancel'));
    } catch (err) {
      const error = classifyError(err);
      // A job that already ended cannot be cancelled; that is not worth an error.
      if (error.status === 400) return;
      throw error;
    }
  }

  /** Intermediate checkpoints are named `<job id>:<step>` (what `from_checkpoint` takes), the final one by the job. */
  private async checkpoints(
    client: TogetherClient,
    jobId: string,
    job: TogetherJob,
    events: TogetherEvent[],
    signal: AbortSignal,
  ): Promise<TrainingCheckpoint[]> {
    let listed: TogetherCheckpoint[];
    try {
      listed = (await client.get<{ data?: TogetherCheckpoint[] }>(path(jobId, '/checkpoints'), { signal }))?.data ?? [];
    } catch (err) {
      // No checkpoint listing (older API, other host): the job still reports everything else.
      if (classifyError(err).status === 404) return [];
      throw err;
    }
    const losses = new Map(mergeByStep(events.flatMap((e) => metricFromEvent(e) ?? [])).map((m) => [m.step, m]));
    return listed
      .flatMap((c) => {
        const step = num(c.step);
        if (step === null) return [];
        const final = !/intermediate/i.test(c.checkpoint_type ?? '');
        const name = final ? jobId : `${jobId}:${step}`;
        const model = final ? (job.model_output_name ?? job.output_name ?? jobId) : name;
        return [{ id: name, step, model, trainLoss: losses.get(step)?.trainLoss ?? null, validLoss: losses.get(step)?.validLoss ?? null }];
      })
      .sort((a, b) => a.step - b.step);
  }
}

/**
 * Oldest first. Together lists a job's events oldest first; should a list come newest first it is
 * turned around whole, never re-sorted, so each event keeps its place (and its id) between polls.
 */
function orderEvents(events: TogetherEvent[]): TogetherEvent[] {
  const time = (e: TogetherEvent | undefined): number => Date.parse(e?.created_at ?? '') || 0;
  return events.length > 1 && time(events[0]) > time(events[events.length - 1]) ? [...events].reverse() : events;
}

/** Where the events after `sinceEvent` begin; an id no longer listed resumes after its index. */
function resumeIndex(all: { id: string }[], sinceEvent: string | null): number {
  if (!sinceEvent) return 0;
  const at = all.findIndex((e) => e.id === sinceEvent);
  if (at !== -1) return at + 1;
  const index = /^(\d+)-/.exec(sinceEvent)?.[1];
  return index === undefined ? 0 : Number(index) + 1;
}
