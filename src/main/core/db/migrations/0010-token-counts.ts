import type { Migration } from '../migrate';

/**
 * Whether a session's token count has been counted. An import no longer counts tokens (loading the
 * o200k tokenizer and counting took most of a CLI import's time): it stores its sessions as "not
 * counted", and they are counted on the worker pool before anything reads their counts (see
 * sessions/tokenCounts). Sessions that exist already were counted when they were written.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'token-counts',
  up: `
    ALTER TABLE sessions ADD COLUMN tokens_counted INTEGER NOT NULL DEFAULT 1 CHECK (tokens_counted IN (0, 1));
    CREATE INDEX sessions_tokens_pending ON sessions(id) WHERE tokens_counted = 0;
  `,
};
