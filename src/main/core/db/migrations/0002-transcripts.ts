import type { Migration } from '../migrate';

/**
 * Real transcripts: where each session came from, its content hash (re-imports create no duplicates),
 * token counts, soft delete (undo), full-text search over turns, remembered speaker roles, imported
 * files, MinHash signatures for near-duplicate reports, and an edit history per session that also powers undo of bulk changes.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'transcripts',
  up: `
    ALTER TABLE sessions ADD COLUMN origin_file TEXT;
    ALTER TABLE sessions ADD COLUMN origin_key TEXT;
    ALTER TABLE sessions ADD COLUMN content_hash TEXT;
    ALTER TABLE sessions ADD COLUMN token_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 0;
    UPDATE sessions SET turn_count = (SELECT count(*) FROM turns t WHERE t.session_id = sessions.id);
    ALTER TABLE sessions ADD COLUMN judge_score REAL;
    ALTER TABLE sessions ADD COLUMN cleaning_json TEXT;
    ALTER TABLE sessions ADD COLUMN redaction_json TEXT;
    ALTER TABLE sessions ADD COLUMN deleted_at INTEGER;
    CREATE UNIQUE INDEX sessions_by_hash ON sessions(content_hash) WHERE content_hash IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX sessions_by_created ON sessions(created_at, id) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_updated ON sessions(updated_at, id) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_title ON sessions(title COLLATE NOCASE, id) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_turns ON sessions(turn_count, id) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_tokens ON sessions(token_count, id) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_score ON sessions(judge_score, id) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_status ON sessions(status) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_by_source ON sessions(source) WHERE deleted_at IS NULL;

    CREATE TABLE session_tags (
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      PRIMARY KEY (session_id, tag)
    ) STRICT;
    CREATE INDEX session_tags_by_tag ON session_tags(tag);
    INSERT INTO session_tags (session_id, tag) SELECT s.id, j.value FROM sessions s, json_each(s.tags_json) j;
    ALTER TABLE sessions DROP COLUMN tags_json;

    -- One search document per session (title and every turn), kept by SessionsRepo: a common word then
    -- matches at most one row per session, which keeps searches of a large library fast.
    CREATE VIRTUAL TABLE sessions_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
    INSERT INTO sessions_fts (rowid, title, body)
      SELECT s.rowid, s.title, coalesce((SELECT group_concat(text, char(10)) FROM (SELECT text FROM turns t WHERE t.session_id = s.id ORDER BY seq)), '') FROM sessions s;

    CREATE TABLE session_signatures (
      session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
      signature BLOB NOT NULL
    ) STRICT;
    CREATE TABLE session_bands (
      band TEXT NOT NULL,
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      PRIMARY KEY (band, session_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX session_bands_by_session ON session_bands(session_id);

    CREATE TABLE speaker_roles (
      speaker_key TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'drop')),
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE imported_files (
      content_hash TEXT PRIMARY KEY,
      file_name TEXT NOT NULL,
      format TEXT NOT NULL,
      imported_at INTEGER NOT NULL,
      report_json TEXT NOT NULL
    ) STRICT;

    CREATE TABLE session_edits (
      id TEXT PRIMARY KEY,
      op_id TEXT NOT NULL,
      session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      summary TEXT NOT NULL,
      before_json TEXT,
      after_json TEXT,
      undone INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX session_edits_by_session ON session_edits(session_id, at);
    CREATE INDEX session_edits_by_op ON session_edits(op_id);
  `,
};
