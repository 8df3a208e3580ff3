import type { Migration } from '../migrate';

/**
 * Sessions from a format-1 project were never counted: migration 2 gave them a token count of 0, and
 * migration 10 took every existing session for counted, so they showed 0 tokens and a dataset summed them
 * as free. Any message costs tokens, so a count of 0 on a session with a turn or a system prompt was never
 * made: such sessions are marked uncounted, and are counted before anything shows or sums them.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'uncounted-old-sessions',
  up: `
    UPDATE sessions SET tokens_counted = 0
    WHERE tokens_counted = 1 AND token_count = 0 AND (turn_count > 0 OR coalesce(system_prompt, '') <> '');
  `,
};
