import type Database from 'better-sqlite3';
import type { DatasetSpec } from '../../../shared/api/datasets';
import type { Turn, TurnRole } from '../../../shared/domain/session';
import { PENDING_DETAILS_SQL } from '../sessions/sessionQuery';
import { SIGNATURE_SIZE } from '../sessions/minhash';
import { splitTags, TAGS_COLUMN } from '../sessions/sessionStatesRepo';
import { statementCache } from '../util/statements';
import type { Candidate } from './compose';

/** A session a dataset's filters let in, with what composing a version weighs it by. */
export interface PoolRow extends Candidate {
  title: string;
  tokens: number;
  turns: number;
}

/** What a freeze copies from one live session. */
export interface SessionCopy {
  systemPrompt: string | null;
  /** Null while uncounted (an import landed after the freeze counted): the freeze then counts the example itself. */
  tokenCount: number | null;
  tags: string[];
  turns: Turn[];
  /** The MinHash signature stored when the session was imported; null when none is stored or it went stale. */
  signature: Uint32Array | null;
  /** When the session last changed: a signature computed from this copy may be stored only if it has not changed since. */
  updatedAt: number;
}

/** The library as datasets read it: sessions copied a page at a time, in one ordered pass over their turns. */
export class PoolRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  /**
   * The sessions a spec's filters let in, oldest first (a stable order before the seeded shuffle).
   * Sample sessions count as real: they are real-style transcripts shipped to try the app with.
   * Labels are the distortions a synthetic session was written for. The privacy gate: a session whose
   * detected personal details nobody has reviewed never enters a dataset, whatever statuses the filters
   * allow ("needs review" included).
   */
  pool(filters: DatasetSpec['filters']): PoolRow[] {
    const { where, params } = poolWhere(filters);
    where.push(`NOT (${PENDING_DETAILS_SQL})`);
    const rows = this.db
      .prepare(
        `SELECT s.id, s.title, s.source, s.token_count, s.turn_count, json_extract(s.metadata_json, '$.distortions') AS distortions
         FROM sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at, s.id`,
      )
      .all(...params) as {
      id: string;
      title: string;
      source: string;
      token_count: number;
      turn_count: number;
      distortions: string | null;
    }[];
    return rows.map((r) => ({
      sessionId: r.id,
      title: r.title,
      source: r.source === 'synthetic' ? 'synthetic' : 'real',
      labels: readLabels(r.distortions),
      tokens: r.token_count,
      turns: r.turn_count,
    }));
  }

  /** The sessions the filters let in but the privacy gate kept out (personal details await review), oldest first. */
  withheld(filters: DatasetSpec['filters']): string[] {
    const { where, params } = poolWhere(filters);
    where.push(PENDING_DETAILS_SQL);
    return (
      this.db.prepare(`SELECT s.id FROM sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at, s.id`).all(...params) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }

  /** The live sessions among `ids` (one page), with turns in order: two statements per page, not one per session. */
  copies(ids: readonly string[]): Map<string, SessionCopy> {
    const list = JSON.stringify(ids);
    const rows = this.sql(
      `SELECT s.id, s.system_prompt, s.token_count, s.tokens_counted, s.updated_at, g.signature,
         ${TAGS_COLUMN}
       FROM sessions s LEFT JOIN session_signatures g ON g.session_id = s.id
       WHERE s.id IN (SELECT value FROM json_each(?)) AND s.deleted_at IS NULL`,
    ).all(list) as {
      id: string;
      system_prompt: string | null;
      token_count: number;
      tokens_counted: 0 | 1;
      updated_at: number;
      signature: Buffer | null;
      tags: string | null;
    }[];
    const out = new Map<string, SessionCopy>();
    for (const r of rows) {
      const signature =
        r.signature?.byteLength === SIGNATURE_SIZE * 4
          ? new Uint32Array(r.signature.buffer.slice(r.signature.byteOffset, r.signature.byteOffset + SIGNATURE_SIZE * 4))
          : null;
      out.set(r.id, {
        systemPrompt: r.system_prompt,
        tokenCount: r.tokens_counted ? r.token_count : null,
        tags: splitTags(r.tags),
        turns: [],
        signature,
        updatedAt: r.updated_at,
      });
    }
    const turns = this.sql(
      'SELECT session_id, role, text FROM turns WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, seq',
    ).all(list) as { session_id: string; role: TurnRole; text: string }[];
    for (const t of turns) out.get(t.session_id)?.turns.push({ role: t.role, text: t.text });
    return out;
  }

  /**
   * Keeps signatures a freeze had to compute, for the next one; each only if its session is unchanged
   * since it was read (an edit in between drops it, see SessionsRepo). The LSH bands an import also
   * writes are left out: freezing does not use them, and writing 16 per session cost more than hashing.
   */
  storeSignatures(computed: readonly { sessionId: string; signature: Uint32Array; updatedAt: number }[]): void {
    const unchanged = this.sql('SELECT 1 FROM sessions WHERE id = ? AND updated_at = ?');
    const signature = this.sql('INSERT OR REPLACE INTO session_signatures (session_id, signature) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const c of computed) {
        if (!unchanged.get(c.sessionId, c.updatedAt)) continue;
        signature.run(c.sessionId, Buffer.from(c.signature.buffer, c.signature.byteOffset, c.signature.byteLength));
      }
    })();
  }
}

function poolWhere(filters: DatasetSpec['filters']): { where: string[]; params: (string | number)[] } {
  const where = ['s.deleted_at IS NULL', `s.status IN (${filters.statuses.map(() => '?').join(', ')})`];
  const params: (string | number)[] = [...filters.statuses];
  if (filters.minScore !== null) {
    where.push('s.judge_score >= ?');
    params.push(filters.minScore);
  }
  if (filters.minTurns !== null) {
    where.push('s.turn_count >= ?');
    params.push(filters.minTurns);
  }
  if (filters.maxTurns !== null) {
    where.push('s.turn_count <= ?');
    params.push(filters.maxTurns);
  }
  for (const tag of filters.tags) {
    where.push('EXISTS (SELECT 1 FROM session_tags t WHERE t.session_id = s.id AND t.tag = ?)');
    params.push(tag);
  }
  return { where, params };
}

function readLabels(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
