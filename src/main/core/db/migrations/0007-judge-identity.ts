import type { Migration } from '../migrate';

/**
 * Which judge gave a judgment: the judge prompt's version and the rubric's version beside the model,
 * so judges (model × prompt × rubric version) can be compared with human ratings on the same
 * sessions. Judgments from before are left without them (NULL), never guessed.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'judge-identity',
  up: `
    ALTER TABLE judgments ADD COLUMN judge_prompt TEXT;
    ALTER TABLE judgments ADD COLUMN rubric_version INTEGER;
  `,
};
