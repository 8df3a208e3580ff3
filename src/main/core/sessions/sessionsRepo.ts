import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { SessionDetail, SessionSource, SessionStatus, SessionSummary, Turn, TurnRole } from '../../../shared/domain/session';
import { parseJsonColumn } from '../util/json';

interface SessionRow {
  id: string;
  title: string;
  source: SessionSource;
  status: SessionStatus;
  tags_json: string;
  system_prompt: string | null;
  notes: string | null;
  metadata_json: string;
  created_at: number;
  updated_at: number;
  turn_count: number;
}

const tagsSchema = z.array(z.string());
const metadataSchema = z.record(z.string(), z.unknown());

const toSummary = (r: SessionRow): SessionSummary => ({
  id: r.id,
  title: r.title,
  source: r.source,
  status: r.status,
  tags: parseJsonColumn(r.tags_json, tagsSchema, 'sessions.tags_json') ?? [],
  turnCount: r.turn_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewSession {
  id: string;
  title: string;
  source: SessionSource;
  status: SessionStatus;
  tags: string[];
  systemPrompt: string | null;
  notes: string | null;
  metadata: Record<string, unknown>;
  turns: Turn[];
  createdAt: number;
}

const SUMMARY_SQL = `SELECT s.*, (SELECT count(*) FROM turns t WHERE t.session_id = s.id) AS turn_count FROM sessions s`;

/** Sessions and their turns. */
export class SessionsRepo {
  constructor(private readonly db: Database.Database) {}

  list(offset: number, limit: number): { rows: SessionSummary[]; total: number } {
    const rows = this.db.prepare(`${SUMMARY_SQL} ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as SessionRow[];
    const total = (this.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    return { rows: rows.map(toSummary), total };
  }

  get(id: string): SessionDetail | undefined {
    const row = this.db.prepare(`${SUMMARY_SQL} WHERE s.id = ?`).get(id) as SessionRow | undefined;
    if (!row) return undefined;
    const turns = this.db.prepare('SELECT role, text FROM turns WHERE session_id = ? ORDER BY seq').all(id) as { role: TurnRole; text: string }[];
    return {
      ...toSummary(row),
      systemPrompt: row.system_prompt,
      notes: row.notes,
      metadata: parseJsonColumn(row.metadata_json, metadataSchema, 'sessions.metadata_json') ?? {},
      turns,
    };
  }

  insert(s: NewSession): void {
    const insertTurn = this.db.prepare('INSERT INTO turns (session_id, seq, role, text) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sessions (id, title, source, status, tags_json, system_prompt, notes, metadata_json, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(s.id, s.title, s.source, s.status, JSON.stringify(s.tags), s.systemPrompt, s.notes, JSON.stringify(s.metadata), s.createdAt, s.createdAt);
      s.turns.forEach((t, i) => insertTurn.run(s.id, i, t.role, t.text));
    })();
  }
}
