import type { TrainerId, TrainingRunStatus, TrainingStartInput } from '../../../../shared/api/training';
import type { ProviderView } from '../../../../shared/domain/provider';
import type { FrozenVersion } from './useFineTune';

export const trainerLabels: Record<TrainerId, string> = { openai: 'OpenAI', together: 'Together AI' };

/** Where each trainer's models may come from: suggestions, not a promise that the account may tune them. */
export const suggestedBaseModels: Record<TrainerId, string[]> = {
  openai: ['gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14', 'gpt-4.1-2025-04-14'],
  together: [
    'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    'meta-llama/Meta-Llama-3.1-70B-Instruct-Reference',
    'Qwen/Qwen2.5-7B-Instruct',
    'mistralai/Mistral-7B-Instruct-v0.2',
  ],
};

/** Providers that fine-tune, for a trainer: Together presets train with Together, every other one speaks OpenAI's fine-tuning API. */
export function providersFor(trainer: TrainerId, providers: readonly ProviderView[]): ProviderView[] {
  return providers.filter((p) => p.capabilities.fineTuning && (trainer === 'together') === (p.preset === 'together'));
}

/** OpenAI tunes dated snapshots (…-2024-07-18) or earlier fine-tunes (ft:…), never a moving alias. */
export function isDatedSnapshot(model: string): boolean {
  return /\d{4}-\d{2}-\d{2}$/.test(model) || model.startsWith('ft:');
}

/** Why a model id will be refused before it is sent, or null. */
export function baseModelProblem(trainer: TrainerId, model: string): string | null {
  const m = model.trim();
  if (!m || trainer !== 'openai' || isDatedSnapshot(m)) return null;
  const dated = suggestedBaseModels.openai.find((s) => s.startsWith(`${m}-`));
  return `“${m}” is an alias, and OpenAI fine-tunes dated snapshots only: use ${dated ?? 'an id that ends in a date, such as gpt-4o-mini-2024-07-18'}.`;
}

export const SUFFIX_PATTERN = /^[a-zA-Z0-9_-]{1,40}$/;

export function suffixProblem(suffix: string): string | null {
  const s = suffix.trim();
  return s && !SUFFIX_PATTERN.test(s) ? 'Letters, digits, - and _ only, up to 40.' : null;
}

export function shortHash(hash: string): string {
  return hash ? `${hash.slice(0, 7)}…` : '—';
}

export function versionLabel(v: FrozenVersion): string {
  return `${v.datasetName} v${v.version} · ${v.examples} example${v.examples === 1 ? '' : 's'} · hash ${shortHash(v.contentHash)}`;
}

export interface RunForm {
  versionId: string | null;
  trainer: TrainerId;
  providerId: string | null;
  baseModel: string;
  suffix: string;
  epochs: number | '';
  batchSize: number | '';
  learningRateMultiplier: number | '';
  seed: number | '';
}

/** The base model starts at the trainer's first suggestion: a real, tunable default rather than an empty field. */
export const emptyForm: RunForm = {
  versionId: null,
  trainer: 'openai',
  providerId: null,
  baseModel: suggestedBaseModels.openai[0]!,
  suffix: '',
  epochs: 3,
  batchSize: '',
  learningRateMultiplier: '',
  seed: '',
};

/** The epochs the check prices: the form's, or OpenAI's usual three when left empty. */
export function checkedEpochs(form: RunForm): number {
  return form.epochs === '' ? 3 : form.epochs;
}

/** The run as the API takes it; null while something needed is missing or wrong. */
export function startInput(form: RunForm): TrainingStartInput | null {
  const baseModel = form.baseModel.trim();
  if (!form.versionId || !form.providerId || !baseModel || baseModelProblem(form.trainer, baseModel) || suffixProblem(form.suffix))
    return null;
  return {
    versionId: form.versionId,
    trainer: form.trainer,
    providerId: form.providerId,
    baseModel,
    ...(form.suffix.trim() ? { suffix: form.suffix.trim() } : {}),
    ...(form.epochs !== '' ? { epochs: form.epochs } : {}),
    ...(form.batchSize !== '' ? { batchSize: form.batchSize } : {}),
    ...(form.trainer === 'openai' && form.learningRateMultiplier !== '' ? { learningRateMultiplier: form.learningRateMultiplier } : {}),
    ...(form.seed !== '' ? { seed: form.seed } : {}),
  };
}

export const statusInfo: Record<TrainingRunStatus, { label: string; color: string }> = {
  preparing: { label: 'Preparing', color: 'gray' },
  validating: { label: 'Validating files', color: 'blue' },
  queued: { label: 'Queued', color: 'blue' },
  running: { label: 'Running', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

const terminal: readonly TrainingRunStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isFinished(status: TrainingRunStatus): boolean {
  return terminal.includes(status);
}

/** OpenAI's answer to accounts that may no longer start fine-tuning jobs (the backend adds the other routes to it). */
export function isRefusal(error: string | null): boolean {
  return !!error && /no longer accepts new fine-tuning jobs|not allowed to create new fine-tuning jobs/i.test(error);
}

/** "12 s", "4 min 05 s", "2 h 13 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatLoss(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(3);
}
