import { z } from 'zod';

/** A prompt as it was when a job was created, so a job resumed after an edit of the prompt still writes with the same words. */
export const promptRefSchema = z.object({ name: z.string(), version: z.number(), template: z.string() });

/** The fields every generation job (personas, scenarios, sessions) is created with. */
export const generationRunFields = {
  providerId: z.string(),
  model: z.string(),
  temperature: z.number(),
  seed: z.number().int(),
  concurrency: z.number().int().min(1),
  prompt: promptRefSchema,
  /** The cheaper, slower route: one Batch API batch for the whole run. */
  useBatch: z.boolean().default(false),
};
