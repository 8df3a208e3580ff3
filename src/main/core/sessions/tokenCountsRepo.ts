import type Database from 'better-sqlite3';
import type { Turn, TurnRole } from '../../../shared/domain/session';
import { statementCache } from '../util/statements';

/** A session whose tokens are not counted yet: what counting it needs. */
export interface UncountedSession {
  id: string;
  systemPrompt: string | null;
  turns: Turn[];
}

/** Sessions stored as "not counted" (by an import) and their counts once made. The only SQL for them. */
export class TokenCountsRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** A look at a partial index: microseconds, so every read that shows counts may ask first. */
  hasUncounted(): boolean {
    return this.sql('SELECT 1 FROM sessions WHERE tokens_counted = 0 LIMIT 1').get() !== undefined;
  }

  /** The next page of uncounted sessions after `afterId`, in id order, with their turns: two statements a page. */
  uncounted(afterId: string, limit: number): UncountedSession[] {
    const rows = this.sql('SELECT id, system_prompt FROM sessions WHERE tokens_counted = 0 AND id > ? ORDER BY id LIMIT ?').all(
      afterId,
      limit,
    ) as { id: string; system_prompt: string | null }[];
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, systemPrompt: r.system_prompt, turns: [] as Turn[] }]));
    const turns = this.sql(
      'SELECT session_id, role, text FROM turns WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, seq',
    ).iterate(JSON.stringify(rows.map((r) => r.id))) as IterableIterator<{ session_id: string; role: TurnRole; text: string }>;
    for (const t of turns) byId.get(t.session_id)?.turns.push({ role: t.role, text: t.text });
    return [...byId.values()];
  }

  /**
   * Stores counts in one transaction. A session written since it was read (an edit counts its own) keeps
   * the edit's count. A count is not an edit: the session's updated time stays.
   */
  store(counts: readonly { id: string; tokens: number }[]): void {
    const update = this.sql('UPDATE sessions SET token_count = ?, tokens_counted = 1 WHERE id = ? AND tokens_counted = 0');
    // IMMEDIATE: the write lock is waited for up front (the busy timeout), not found taken midway.
    this.db
      .transaction(() => {
        for (const c of counts) update.run(c.tokens, c.id);
      })
      .immediate();
  }
}
