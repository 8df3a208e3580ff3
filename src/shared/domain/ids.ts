import type { z } from 'zod';
import { idStringSchema } from './idFormat';

/** Ids are ULIDs stored as TEXT: sortable by creation time, safe in URLs and file names. */
export const idSchema = idStringSchema();
export type Id = z.infer<typeof idSchema>;
