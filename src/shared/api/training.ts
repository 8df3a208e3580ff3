import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { InputSchemas, Method, NoInput } from './contractTypes';

export const trainerIds = ['openai', 'together'] as const;
export type TrainerId = (typeof trainerIds)[number];

export type TrainingRunStatus = 'preparing' | 'validating' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface TrainingRunView {
  id: string;
  trainer: TrainerId;
  providerId: string | null;
  providerName: string | null;
  datasetVersionId: string;
  datasetName: string;
  datasetVersion: number;
  datasetHash: string;
  baseModel: string;
  hyperparameters: { epochs: number | null; batchSize: number | null; learningRateMultiplier: number | null; seed: number | null };
  suffix: string | null;
  providerJobId: string | null;
  status: TrainingRunStatus;
  fineTunedModel: string | null;
  /** The registry entry of the trained model, once there is one. */
  modelEntryId: string | null;
  events: { at: number; level: 'info' | 'warn' | 'error'; message: string }[];
  checkpoints: { id: string; step: number; model: string; trainLoss: number | null; validLoss: number | null }[];
  metrics: { step: number; trainLoss: number | null; validLoss: number | null }[];
  trainedTokens: number | null;
  costUsd: number | null;
  error: string | null;
  /** The app's job that follows the run (resumes polling after a restart). */
  jobId: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface TrainingStartInput {
  versionId: string;
  trainer: TrainerId;
  providerId: string;
  /** A dated snapshot id such as gpt-4o-mini-2024-07-18 for OpenAI. */
  baseModel: string;
  suffix?: string | undefined;
  epochs?: number | undefined;
  batchSize?: number | undefined;
  learningRateMultiplier?: number | undefined;
  seed?: number | undefined;
}

export interface TrainingApi {
  'training.list': Method<NoInput, TrainingRunView[]>;
  'training.get': Method<{ id: string }, TrainingRunView>;
  /** Validates the version, then uploads and starts the provider's job; the run is followed by a job. */
  'training.start': Method<TrainingStartInput, TrainingRunView>;
  /** Cancels at the provider too. */
  'training.cancel': Method<{ id: string }, TrainingRunView>;
}

export const trainingInputs = {
  'training.list': z.strictObject({}),
  'training.get': z.strictObject({ id: idSchema }),
  'training.start': z.strictObject({
    versionId: idSchema,
    trainer: z.enum(trainerIds),
    providerId: idSchema,
    baseModel: z.string().trim().min(1).max(200),
    suffix: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ only, up to 40')
      .optional(),
    epochs: z.number().int().min(1).max(50).optional(),
    batchSize: z.number().int().min(1).max(256).optional(),
    learningRateMultiplier: z.number().positive().max(100).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  }),
  'training.cancel': z.strictObject({ id: idSchema }),
} satisfies InputSchemas<TrainingApi>;
