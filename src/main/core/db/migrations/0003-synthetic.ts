import type { Migration } from '../migrate';

/**
 * Synthetic data and the judge: versioned prompt templates, personas with the attribute cell they were
 * sampled for, scenarios (with their hidden cognitive model), provenance on generated sessions, rubrics,
 * the judge's judgments (repeatable, never a zero for an unparseable answer) and human ratings.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'synthetic',
  up: `
    CREATE TABLE prompt_versions (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      template TEXT NOT NULL,
      note TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (name, version)
    ) STRICT;

    CREATE TABLE personas (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      cell_json TEXT NOT NULL,
      persona_json TEXT NOT NULL,
      provenance_json TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE scenarios (
      id TEXT PRIMARY KEY,
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      theme TEXT NOT NULL,
      summary TEXT NOT NULL,
      distortions_json TEXT NOT NULL,
      scenario TEXT NOT NULL,
      cognitive_model_json TEXT NOT NULL,
      provenance_json TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX scenarios_by_persona ON scenarios(persona_id);

    ALTER TABLE sessions ADD COLUMN scenario_id TEXT REFERENCES scenarios(id) ON DELETE SET NULL;
    ALTER TABLE sessions ADD COLUMN provenance_json TEXT;
    CREATE INDEX sessions_by_scenario ON sessions(scenario_id);
    ALTER TABLE sessions ADD COLUMN review_priority REAL;
    ALTER TABLE sessions ADD COLUMN review_json TEXT;
    CREATE INDEX sessions_by_review ON sessions(review_priority DESC, created_at) WHERE deleted_at IS NULL;

    CREATE TABLE rubrics (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      rubric_json TEXT NOT NULL,
      builtin INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE judgments (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      rubric_id TEXT NOT NULL REFERENCES rubrics(id) ON DELETE CASCADE,
      repeat INTEGER NOT NULL,
      judge_model TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('scored', 'unscored')),
      scores_json TEXT,
      safety_json TEXT,
      summary TEXT,
      reason TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (session_id, rubric_id, repeat)
    ) STRICT;
    CREATE INDEX judgments_by_session ON judgments(session_id);

    CREATE TABLE human_ratings (
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      rubric_id TEXT NOT NULL REFERENCES rubrics(id) ON DELETE CASCADE,
      criterion TEXT NOT NULL,
      score REAL NOT NULL,
      rated_at INTEGER NOT NULL,
      PRIMARY KEY (session_id, rubric_id, criterion)
    ) STRICT;
  `,
};
