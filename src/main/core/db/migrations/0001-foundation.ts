import type { Migration } from '../migrate';

/** Projects metadata, providers (no secrets), model registry and prices, jobs, job items, the call ledger. */
export const migration0001: Migration = {
  version: 1,
  name: 'foundation',
  up: `
    CREATE TABLE project_meta (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    ) STRICT;

    CREATE TABLE providers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      preset TEXT NOT NULL,
      base_url TEXT NOT NULL,
      api_key_env TEXT,
      concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 64),
      timeout_ms INTEGER NOT NULL,
      max_retries INTEGER NOT NULL,
      capabilities_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE models (
      id TEXT PRIMARY KEY,
      provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
      model_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('base', 'fine-tuned', 'registered')),
      display_name TEXT NOT NULL,
      lineage_json TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (provider_id, model_id)
    ) STRICT;

    CREATE TABLE model_prices (
      model TEXT PRIMARY KEY,
      input_per_m REAL NOT NULL,
      output_per_m REAL NOT NULL,
      cached_input_per_m REAL,
      training_per_m REAL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE role_defaults (
      role TEXT PRIMARY KEY,
      provider_id TEXT REFERENCES providers(id) ON DELETE SET NULL,
      model_id TEXT
    ) STRICT;

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','running','paused','succeeded','failed','cancelled','interrupted')),
      params_json TEXT NOT NULL,
      result_json TEXT,
      message TEXT,
      budget_usd REAL,
      cost_usd REAL NOT NULL DEFAULT 0,
      total INTEGER NOT NULL DEFAULT 0,
      done INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX jobs_by_status ON jobs(status);

    CREATE TABLE job_items (
      id TEXT PRIMARY KEY,
      job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending','running','done','failed')),
      input_json TEXT NOT NULL,
      result_json TEXT,
      error TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL,
      UNIQUE (job_id, seq)
    ) STRICT;
    CREATE INDEX job_items_by_status ON job_items(job_id, status);

    CREATE TABLE calls (
      id TEXT PRIMARY KEY,
      at INTEGER NOT NULL,
      provider_id TEXT NOT NULL,
      provider_name TEXT NOT NULL,
      model TEXT NOT NULL,
      purpose TEXT NOT NULL,
      job_id TEXT,
      tokens_in INTEGER,
      tokens_out INTEGER,
      tokens_cached INTEGER,
      latency_ms INTEGER NOT NULL,
      cost_usd REAL,
      status TEXT NOT NULL CHECK (status IN ('ok','error','cancelled')),
      error_class TEXT,
      error_message TEXT
    ) STRICT;
    CREATE INDEX calls_by_time ON calls(at);
    CREATE INDEX calls_by_job ON calls(job_id);

    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('real','synthetic','sample')),
      status TEXT NOT NULL CHECK (status IN ('draft','approved','rejected','needs_review')),
      tags_json TEXT NOT NULL DEFAULT '[]',
      system_prompt TEXT,
      notes TEXT,
      metadata_json TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE turns (
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('system','user','assistant')),
      text TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    ) STRICT;
  `,
};
