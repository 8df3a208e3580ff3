import { z } from 'zod';

// Its own module, apart from cleaning.ts: the file-parsing worker runs the cleaning but never this schema,
// and so never loads zod.
export const cleaningOptionsSchema = z.object({
  stripTimestamps: z.boolean().default(true),
  stripCaptionArtifacts: z.boolean().default(true),
  removeFillers: z.boolean().default(false),
  normalizeText: z.boolean().default(true),
  mergeConsecutive: z.boolean().default(true),
  dropEmpty: z.boolean().default(true),
  addSystemPrompt: z.boolean().default(true),
  /** Sessions longer than this (system prompt included) are split into windows; null keeps them whole. */
  maxTokens: z.number().int().min(256).max(1_000_000).nullable().default(65_536),
});
export type CleaningOptions = z.infer<typeof cleaningOptionsSchema>;
