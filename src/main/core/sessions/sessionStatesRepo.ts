import type Database from 'better-sqlite3';
import type { SessionStatus, Turn, TurnRole } from '../../../shared/domain/session';
import { jsonObjectSchema, parseJsonColumn } from '../util/json';
import { statementCache } from '../util/statements';

/** Everything an edit may change; a snapshot of these is what the edit history stores and undo restores. */
export interface SessionState {
  title: string;
  status: SessionStatus;
  tags: string[];
  systemPrompt: string | null;
  notes: string | null;
  turns: Turn[];
  /** null while not counted yet (see sessions/tokenCounts); an edit of the text counts it afresh. */
  tokenCount: number | null;
  redaction: Record<string, unknown> | null;
  deleted: boolean;
}

interface StateRow {
  id: string;
  title: string;
  status: SessionStatus;
  tags: string | null;
  system_prompt: string | null;
  notes: string | null;
  token_count: number;
  tokens_counted: 0 | 1;
  redaction_json: string | null;
  deleted_at: number | null;
}

/** A session's tags in one column, sorted and joined by char(31), for a query over `sessions s`; `splitTags` reads it back. */
export const TAGS_COLUMN = `(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM session_tags WHERE session_id = s.id ORDER BY tag)) AS tags`;

export const splitTags = (tags: string | null): string[] => (tags ? tags.split('\u001f') : []);

/** Sessions read per query when walking many. */
const PAGE = 500;

/**
 * Sessions' editable states, read for many sessions at once: two queries for a whole page of them
 * (their rows, then all their turns in order), where reading them one by one cost two per session.
 */
export class SessionStatesRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** The states of the sessions that exist among `ids`, deleted ones included. */
  read(ids: readonly string[]): Map<string, SessionState> {
    const list = JSON.stringify(ids);
    const rows = this.sql(
      `SELECT s.id, s.title, s.status, s.system_prompt, s.notes, s.token_count, s.tokens_counted, s.redaction_json, s.deleted_at, ${TAGS_COLUMN}
       FROM sessions s WHERE s.id IN (SELECT value FROM json_each(?))`,
    ).all(list) as StateRow[];
    const turns = new Map<string, Turn[]>(rows.map((r) => [r.id, []]));
    const turnRows = this.sql(
      'SELECT session_id, role, text FROM turns WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, seq',
    ).iterate(list) as IterableIterator<{ session_id: string; role: TurnRole; text: string }>;
    for (const t of turnRows) turns.get(t.session_id)?.push({ role: t.role, text: t.text });
    return new Map(
      rows.map((row) => [
        row.id,
        {
          title: row.title,
          status: row.status,
          tags: splitTags(row.tags),
          systemPrompt: row.system_prompt,
          notes: row.notes,
          turns: turns.get(row.id)!,
          tokenCount: row.tokens_counted ? row.token_count : null,
          redaction: parseJsonColumn(row.redaction_json, jsonObjectSchema(), 'sessions.redaction_json'),
          deleted: row.deleted_at !== null,
        },
      ]),
    );
  }

  /**
   * The states of `ids` in their order, read a page at a time as the walk goes on, so a caller may write
   * each session after reading it. An id met again is read afresh: it may have been written since.
   */
  *each(ids: readonly string[]): Generator<{ id: string; state: SessionState | undefined }> {
    const seen = new Set<string>();
    for (let at = 0; at < ids.length; at += PAGE) {
      const page = ids.slice(at, at + PAGE);
      const states = this.read(page.filter((id) => !seen.has(id)));
      for (const id of page) {
        yield { id, state: seen.has(id) ? this.read([id]).get(id) : states.get(id) };
        seen.add(id);
      }
    }
  }
}
