import { z } from 'zod';

/**
 * A new schema for an id: a ULID stored as TEXT (sortable by creation time, safe in URLs and file names).
 * The contract shares one instance (ids.ts); schemas built on first use make their own, so loading them
 * does not build this one.
 */
export const idStringSchema = () => z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id');
