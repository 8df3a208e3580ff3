import type { Migration } from '../migrate';

// A session's place in the counts; an unreadable JSON column counts as "no", so counting never refuses a write.
const pending = (row: string) =>
  `(CASE WHEN json_valid(${row}.redaction_json) THEN coalesce(json_extract(${row}.redaction_json, '$.status'), '') = 'pending' ELSE 0 END)`;
const judged = (row: string) => `(${row}.review_json IS NOT NULL)`;
const safety = (row: string) =>
  `(CASE WHEN json_valid(${row}.review_json) THEN coalesce(json_extract(${row}.review_json, '$.safetyFlag') = 1, 0) ELSE 0 END)`;
const key = (row: string) => `${row}.source, ${row}.status, ${pending(row)}, ${judged(row)}, ${safety(row)}`;
const sameKey = (row: string) =>
  `source = ${row}.source AND status = ${row}.status AND pending = ${pending(row)} AND judged = ${judged(row)} AND safety = ${safety(row)}`;

/**
 * Live sessions counted by what the Study home reports (source, status, personal details awaiting review,
 * judged, safety flag), kept by triggers in the same transaction as every write. Counting them from the
 * sessions table read every row with its JSON columns: 0.1 to 0.7 s at 100,000 sessions, on a project's
 * first screen and again after every change.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'session-counts',
  up: `
    CREATE TABLE session_counts (
      source TEXT NOT NULL,
      status TEXT NOT NULL,
      pending INTEGER NOT NULL,
      judged INTEGER NOT NULL,
      safety INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (source, status, pending, judged, safety)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO session_counts (source, status, pending, judged, safety, n)
      SELECT source, status, pending, judged, safety, count(*) FROM (
        SELECT s.source AS source, s.status AS status, ${pending('s')} AS pending, ${judged('s')} AS judged, ${safety('s')} AS safety
        FROM sessions s WHERE s.deleted_at IS NULL
      ) GROUP BY source, status, pending, judged, safety;

    CREATE TRIGGER session_counts_insert AFTER INSERT ON sessions WHEN new.deleted_at IS NULL BEGIN
      INSERT INTO session_counts (source, status, pending, judged, safety, n) VALUES (${key('new')}, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    CREATE TRIGGER session_counts_delete AFTER DELETE ON sessions WHEN old.deleted_at IS NULL BEGIN
      UPDATE session_counts SET n = n - 1 WHERE ${sameKey('old')};
    END;

    CREATE TRIGGER session_counts_update AFTER UPDATE OF source, status, redaction_json, review_json, deleted_at ON sessions BEGIN
      UPDATE session_counts SET n = n - 1 WHERE old.deleted_at IS NULL AND ${sameKey('old')};
      INSERT INTO session_counts (source, status, pending, judged, safety, n) SELECT ${key('new')}, 1 WHERE new.deleted_at IS NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;
  `,
};
