import { z } from 'zod';

/** Ids are ULIDs stored as TEXT: sortable by creation time, safe in URLs and file names. */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id');
export type Id = z.infer<typeof idSchema>;
