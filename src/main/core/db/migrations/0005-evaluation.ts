import type { Migration } from '../migrate';

/**
 * Evaluation: scenario sets (a draft that freezes into versions), runs over a frozen version, the
 * conversations a simulated client had with each model (the client's opening line is stored once per
 * scenario and seed, so every model meets the same client), and the judge's verdicts on them.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'evaluation',
  up: `
    CREATE TABLE eval_sets (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE eval_scenarios (
      id TEXT PRIMARY KEY,
      set_id TEXT NOT NULL REFERENCES eval_sets(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      intake TEXT NOT NULL,
      style TEXT NOT NULL,
      risk_level TEXT NOT NULL,
      cognitive_model_json TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('generated', 'imported', 'manual')),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX eval_scenarios_by_set ON eval_scenarios(set_id, created_at);

    CREATE TABLE eval_set_versions (
      id TEXT PRIMARY KEY,
      set_id TEXT NOT NULL REFERENCES eval_sets(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      scenarios_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (set_id, version)
    ) STRICT;

    CREATE TABLE eval_runs (
      id TEXT PRIMARY KEY,
      spec_json TEXT NOT NULL,
      set_version_id TEXT NOT NULL REFERENCES eval_set_versions(id),
      conversations_job_id TEXT NOT NULL,
      scoring_job_id TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE eval_openings (
      run_id TEXT NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
      scenario_id TEXT NOT NULL,
      seed INTEGER NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (run_id, scenario_id, seed)
    ) STRICT;

    CREATE TABLE eval_conversations (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
      scenario_id TEXT NOT NULL,
      arm INTEGER NOT NULL,
      seed INTEGER NOT NULL,
      turns_json TEXT NOT NULL,
      ended_by TEXT NOT NULL CHECK (ended_by IN ('marker', 'limit')),
      cost_usd REAL NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      UNIQUE (run_id, scenario_id, arm, seed)
    ) STRICT;

    -- kind: a rubric id, 'safety' or 'formulation'. An unreadable answer is stored with status 'unscored'.
    CREATE TABLE eval_judgments (
      conversation_id TEXT NOT NULL REFERENCES eval_conversations(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      repeat INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('scored', 'unscored')),
      result_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (conversation_id, kind, repeat)
    ) STRICT;
  `,
};
