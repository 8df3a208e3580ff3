import type Database from 'better-sqlite3';
import type { ArenaColumn, ArenaMessage, ArenaVerdict } from '../../../shared/api/arena';
import { statementCache } from '../util/statements';

export interface ConversationRow {
  id: string;
  title: string;
  mode: 'named' | 'blind';
  sharedSystemPrompt: string | null;
  columns: ArenaColumn[];
  heads: (string | null)[];
  origin: { evalRunId: string; conversationId: string } | null;
  createdAt: number;
  updatedAt: number;
}

export interface VoteRow {
  conversationId: string;
  verdict: ArenaVerdict;
  reason: string | null;
  modelA: string;
  modelB: string;
  createdAt: number;
}

type RawConversation = {
  id: string;
  title: string;
  mode: 'named' | 'blind';
  shared_system_prompt: string | null;
  columns_json: string;
  heads_json: string;
  origin_json: string | null;
  created_at: number;
  updated_at: number;
};
type RawMessage = {
  id: string;
  col: number;
  parent_id: string | null;
  role: 'user' | 'assistant';
  text: string;
  status: ArenaMessage['status'];
  error: string | null;
  created_at: number;
};

const toConversation = (r: RawConversation): ConversationRow => ({
  id: r.id,
  title: r.title,
  mode: r.mode,
  sharedSystemPrompt: r.shared_system_prompt,
  columns: JSON.parse(r.columns_json) as ArenaColumn[],
  heads: JSON.parse(r.heads_json) as (string | null)[],
  origin: r.origin_json ? (JSON.parse(r.origin_json) as ConversationRow['origin']) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toMessage = (r: RawMessage): ArenaMessage => ({
  id: r.id,
  column: r.col,
  parentId: r.parent_id,
  role: r.role,
  text: r.text,
  status: r.status,
  error: r.error,
  createdAt: r.created_at,
});

type RawVote = {
  conversation_id: string;
  verdict: ArenaVerdict;
  reason: string | null;
  model_a: string;
  model_b: string;
  created_at: number;
};
const toVote = (r: RawVote): VoteRow => ({
  conversationId: r.conversation_id,
  verdict: r.verdict,
  reason: r.reason,
  modelA: r.model_a,
  modelB: r.model_b,
  createdAt: r.created_at,
});

/** Arena conversations, their messages (a tree per column), votes and the judge's scores. */
export class ArenaRepo {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  list(search: string | null): ConversationRow[] {
    const rows = search
      ? this.sql(
          `SELECT DISTINCT c.* FROM arena_conversations c LEFT JOIN arena_messages m ON m.conversation_id = c.id
           WHERE c.title LIKE ? ESCAPE '\\' OR m.text LIKE ? ESCAPE '\\' ORDER BY c.updated_at DESC`,
        ).all(like(search), like(search))
      : this.sql('SELECT * FROM arena_conversations ORDER BY updated_at DESC').all();
    return (rows as RawConversation[]).map(toConversation);
  }

  get(id: string): ConversationRow | undefined {
    const r = this.sql('SELECT * FROM arena_conversations WHERE id = ?').get(id) as RawConversation | undefined;
    return r ? toConversation(r) : undefined;
  }

  insert(c: ConversationRow): void {
    this.sql(
      'INSERT INTO arena_conversations (id, title, mode, shared_system_prompt, columns_json, heads_json, origin_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      c.id,
      c.title,
      c.mode,
      c.sharedSystemPrompt,
      JSON.stringify(c.columns),
      JSON.stringify(c.heads),
      c.origin ? JSON.stringify(c.origin) : null,
      c.createdAt,
      c.updatedAt,
    );
  }

  rename(id: string, title: string, at: number): void {
    this.sql('UPDATE arena_conversations SET title = ?, updated_at = ? WHERE id = ?').run(title, at, id);
  }

  setHeads(id: string, heads: (string | null)[], at: number): void {
    this.sql('UPDATE arena_conversations SET heads_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(heads), at, id);
  }

  remove(id: string): boolean {
    return this.sql('DELETE FROM arena_conversations WHERE id = ?').run(id).changes > 0;
  }

  messages(conversationId: string): ArenaMessage[] {
    return (
      this.sql('SELECT * FROM arena_messages WHERE conversation_id = ? ORDER BY created_at, rowid').all(conversationId) as RawMessage[]
    ).map(toMessage);
  }

  message(id: string): ArenaMessage | undefined {
    const r = this.sql('SELECT * FROM arena_messages WHERE id = ?').get(id) as RawMessage | undefined;
    return r ? toMessage(r) : undefined;
  }

  insertMessage(conversationId: string, m: ArenaMessage): void {
    this.sql(
      'INSERT INTO arena_messages (id, conversation_id, col, parent_id, role, text, status, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(m.id, conversationId, m.column, m.parentId, m.role, m.text, m.status, m.error, m.createdAt);
  }

  finishMessage(id: string, text: string, status: ArenaMessage['status'], error: string | null): void {
    this.sql('UPDATE arena_messages SET text = ?, status = ?, error = ? WHERE id = ?').run(text, status, error, id);
  }

  /** Answers left "streaming" by a crash or a quit: they stopped where they were. */
  stopInterrupted(): void {
    this.sql("UPDATE arena_messages SET status = 'stopped' WHERE status = 'streaming'").run();
  }

  vote(conversationId: string): VoteRow | undefined {
    const r = this.sql('SELECT * FROM arena_votes WHERE conversation_id = ?').get(conversationId) as RawVote | undefined;
    return r ? toVote(r) : undefined;
  }

  votes(): VoteRow[] {
    return (this.sql('SELECT * FROM arena_votes ORDER BY created_at').all() as RawVote[]).map(toVote);
  }

  insertVote(v: VoteRow): void {
    this.sql('INSERT INTO arena_votes (conversation_id, verdict, reason, model_a, model_b, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      v.conversationId,
      v.verdict,
      v.reason,
      v.modelA,
      v.modelB,
      v.createdAt,
    );
  }

  judgment(conversationId: string, column: number): { score: number | null } | undefined {
    return this.sql('SELECT score FROM arena_judgments WHERE conversation_id = ? AND col = ?').get(conversationId, column) as
      { score: number | null } | undefined;
  }

  saveJudgment(conversationId: string, column: number, score: number | null, result: object, at: number): void {
    this.sql('INSERT OR REPLACE INTO arena_judgments (conversation_id, col, score, result_json, created_at) VALUES (?, ?, ?, ?, ?)').run(
      conversationId,
      column,
      score,
      JSON.stringify(result),
      at,
    );
  }
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
