import type { Migration } from '../migrate';

/**
 * Datasets and fine-tuning: a dataset is a named spec (filters, mix, split, seed); freezing it copies
 * the chosen examples into an immutable version with a content hash, so later edits to sessions never
 * change what a model was trained on. Training runs keep the provider's job id (to resume polling after
 * a restart), its events and the loss curve.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'datasets',
  up: `
    CREATE TABLE datasets (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      spec_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE dataset_versions (
      id TEXT PRIMARY KEY,
      dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      spec_json TEXT NOT NULL,
      stats_json TEXT NOT NULL,
      note TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (dataset_id, version)
    ) STRICT;

    -- The frozen copy of each example: the chat messages as they were at freezing time.
    CREATE TABLE dataset_examples (
      version_id TEXT NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      session_id TEXT NOT NULL,
      title TEXT NOT NULL,
      split TEXT NOT NULL CHECK (split IN ('train', 'validation')),
      source TEXT NOT NULL,
      labels_json TEXT NOT NULL,
      tags_json TEXT NOT NULL,
      messages_json TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      tokens INTEGER NOT NULL,
      turns INTEGER NOT NULL,
      PRIMARY KEY (version_id, seq)
    ) STRICT;
    CREATE INDEX dataset_examples_by_session ON dataset_examples(version_id, session_id);

    CREATE TABLE training_runs (
      id TEXT PRIMARY KEY,
      trainer TEXT NOT NULL,
      provider_id TEXT REFERENCES providers(id) ON DELETE SET NULL,
      dataset_version_id TEXT NOT NULL REFERENCES dataset_versions(id),
      base_model TEXT NOT NULL,
      hyperparameters_json TEXT NOT NULL,
      suffix TEXT,
      provider_job_id TEXT,
      status TEXT NOT NULL,
      fine_tuned_model TEXT,
      model_entry_id TEXT,
      events_json TEXT NOT NULL DEFAULT '[]',
      checkpoints_json TEXT NOT NULL DEFAULT '[]',
      metrics_json TEXT NOT NULL DEFAULT '[]',
      trained_tokens INTEGER,
      cost_usd REAL,
      error TEXT,
      job_id TEXT,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER
    ) STRICT;
  `,
};
