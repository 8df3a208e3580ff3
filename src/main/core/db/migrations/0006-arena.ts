import type { Migration } from '../migrate';

/**
 * The arena: side-by-side conversations (each column a thread of messages that can branch when a
 * turn is edited or an answer regenerated), blind votes between two columns, and the judge's scores
 * of voted columns to compare with the people's verdicts.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'arena',
  up: `
    CREATE TABLE arena_conversations (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('named', 'blind')),
      shared_system_prompt TEXT,
      columns_json TEXT NOT NULL,
      heads_json TEXT NOT NULL,
      origin_json TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE arena_messages (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL REFERENCES arena_conversations(id) ON DELETE CASCADE,
      col INTEGER NOT NULL,
      parent_id TEXT,
      role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('streaming', 'done', 'stopped', 'error')),
      error TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX arena_messages_by_conversation ON arena_messages(conversation_id, created_at);

    CREATE TABLE arena_votes (
      conversation_id TEXT PRIMARY KEY REFERENCES arena_conversations(id) ON DELETE CASCADE,
      verdict TEXT NOT NULL CHECK (verdict IN ('a', 'b', 'tie', 'both-bad')),
      reason TEXT,
      model_a TEXT NOT NULL,
      model_b TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE arena_judgments (
      conversation_id TEXT NOT NULL REFERENCES arena_conversations(id) ON DELETE CASCADE,
      col INTEGER NOT NULL,
      score REAL,
      result_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (conversation_id, col)
    ) STRICT;
  `,
};
