import type Database from 'better-sqlite3';
import { statementCache } from '../util/statements';
import type { SessionDetail, SessionSource, SessionStatus, SessionSummary, Turn, TurnRole } from '../../../shared/domain/session';
import { jsonObjectSchema, parseJsonColumn } from '../util/json';
import { toFtsQuery } from './ftsQuery';
import { sessionSignature, sessionText } from './minhash';
import { SessionStatesRepo, splitTags, TAGS_COLUMN, type SessionState } from './sessionStatesRepo';
import {
  REVIEW_ORDER,
  REVIEW_REASON_SQL,
  REVIEW_WAITING_SQL,
  sessionOrder,
  sessionWhere,
  type SearchStrategy,
  type SessionFilter,
  type SessionSortKey,
} from './sessionQuery';

export type { SessionState };

export interface ReviewQueueQuery {
  offset: number;
  limit: number;
  reason?: keyof typeof REVIEW_REASON_SQL | undefined;
  source?: SessionSource | undefined;
  minScore?: number | undefined;
  maxScore?: number | undefined;
  rubricId?: string | undefined;
  search?: string | undefined;
  sort?: keyof typeof REVIEW_ORDER | undefined;
}

interface SessionRow {
  id: string;
  title: string;
  source: SessionSource;
  status: SessionStatus;
  system_prompt: string | null;
  notes: string | null;
  metadata_json: string;
  origin_file: string | null;
  origin_key: string | null;
  content_hash: string | null;
  token_count: number;
  tokens_counted: 0 | 1;
  turn_count: number;
  judge_score: number | null;
  cleaning_json: string | null;
  redaction_json: string | null;
  created_at: number;
  updated_at: number;
  tags: string | null;
}

/** A search's total is counted this far; beyond it the library says "more than 1,000". */
const SEARCH_COUNT_CAP = 1000;
/** Enough matches to tell a common search term from a rare one (see searchStrategy). */
const STRATEGY_COUNT_CAP = 20_000;
const SELECT = `SELECT s.*, ${TAGS_COLUMN} FROM sessions s`;

const toSummary = (r: SessionRow): SessionSummary => ({
  id: r.id,
  title: r.title,
  source: r.source,
  status: r.status,
  tags: splitTags(r.tags),
  turnCount: r.turn_count,
  tokenCount: r.tokens_counted ? r.token_count : null,
  judgeScore: r.judge_score,
  originFile: r.origin_file,
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
  /** Left out by an import: the session is stored as not counted, and counted before anything reads it (sessions/tokenCounts). */
  tokenCount?: number | undefined;
  originFile?: string | null;
  originKey?: string | null;
  contentHash?: string | null;
  cleaning?: object | null;
  redaction?: Record<string, unknown> | null;
  scenarioId?: string | null;
  provenance?: object | null;
  /** The MinHash signature of the turns' text, when the caller already has it (an import does); computed otherwise. */
  signature?: Uint32Array;
  createdAt: number;
}

/** Sessions, their turns and tags. The only place with session SQL. */
export class SessionsRepo {
  private readonly sql: (text: string) => Database.Statement;

  private readonly statesRepo: SessionStatesRepo;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
    this.statesRepo = new SessionStatesRepo(db);
  }

  /**
   * A page of the library. Only the first page carries a total (the list is sized by it once); a search
   * counts its matches only up to SEARCH_COUNT_CAP, since counting every match of a common phrase cost
   * more than the page itself.
   */
  list(
    filter: SessionFilter,
    sort: SessionSortKey,
    direction: 'asc' | 'desc',
    offset: number,
    limit: number,
  ): { rows: SessionSummary[]; total: number | null; totalCapped: boolean } {
    const where = sessionWhere(filter, this.searchStrategy(filter, offset + limit));
    const rows = (
      this.sql(`${SELECT} ${where.sql} ${sessionOrder(sort, direction)} LIMIT ? OFFSET ?`).all(
        ...where.params,
        limit,
        offset,
      ) as SessionRow[]
    ).map(toSummary);
    if (offset > 0) return { rows, total: null, totalCapped: false };
    // A first page that is not full holds every match: nothing to count.
    if (rows.length < limit) return { rows, total: rows.length, totalCapped: false };
    if (!filter.search) return { rows, total: this.count(filter), totalCapped: false };
    const n = this.count(filter, SEARCH_COUNT_CAP + 1);
    return n > SEARCH_COUNT_CAP ? { rows, total: SEARCH_COUNT_CAP, totalCapped: true } : { rows, total: n, totalCapped: false };
  }

  /**
   * Walking the sort order pays off only when matches are dense enough that the page fills within a few
   * thousand sessions; otherwise the matches are collected first. The matches are counted only as far
   * as the choice needs.
   */
  private searchStrategy(filter: SessionFilter, depth: number): SearchStrategy {
    const fts = filter.search ? toFtsQuery(filter.search) : null;
    if (!fts) return 'in';
    const matches = (
      this.sql('SELECT count(*) AS n FROM (SELECT 1 FROM sessions_fts WHERE sessions_fts MATCH ? LIMIT ?)').get(
        fts,
        STRATEGY_COUNT_CAP,
      ) as { n: number }
    ).n;
    if (matches < 5000) return 'in';
    const sessions = (this.sql('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    return depth * (sessions / matches) <= 3000 ? 'exists' : 'in';
  }

  /** The sessions a filter lets in, counted up to `cap` when one is given. */
  count(filter: SessionFilter, cap?: number): number {
    const where = sessionWhere(filter);
    if (cap === undefined) return (this.sql(`SELECT count(*) AS n FROM sessions s ${where.sql}`).get(...where.params) as { n: number }).n;
    return (
      this.sql(`SELECT count(*) AS n FROM (SELECT 1 FROM sessions s ${where.sql} LIMIT ?)`).get(...where.params, cap) as { n: number }
    ).n;
  }

  /**
   * Names and places a person accepted (replaced) in the project's reviewed sessions, most frequent
   * first, so detection can look for them in other sessions.
   */
  acceptedDetails(limit: number): { text: string; kind: 'name' | 'place' }[] {
    return this.sql(
      `SELECT json_extract(d.value, '$.text') AS text, json_extract(d.value, '$.kind') AS kind, count(*) AS n
       FROM sessions s, json_each(s.redaction_json, '$.detections') d
       WHERE s.deleted_at IS NULL AND json_extract(s.redaction_json, '$.status') = 'applied'
         AND json_extract(d.value, '$.decision') = 'accepted' AND json_extract(d.value, '$.kind') IN ('name', 'place')
       GROUP BY lower(text), kind ORDER BY n DESC LIMIT ?`,
    ).all(limit) as { text: string; kind: 'name' | 'place' }[];
  }

  ids(filter: SessionFilter): string[] {
    const where = sessionWhere(filter);
    return (this.sql(`SELECT s.id FROM sessions s ${where.sql}`).all(...where.params) as { id: string }[]).map((r) => r.id);
  }

  get(id: string, options: { includeDeleted?: boolean } = {}): SessionDetail | undefined {
    const row = this.sql(`${SELECT} WHERE s.id = ? ${options.includeDeleted ? '' : 'AND s.deleted_at IS NULL'}`).get(id) as
      SessionRow | undefined;
    if (!row) return undefined;
    return {
      ...toSummary(row),
      systemPrompt: row.system_prompt,
      notes: row.notes,
      metadata: parseJsonColumn(row.metadata_json, jsonObjectSchema(), 'sessions.metadata_json') ?? {},
      cleaning: parseJsonColumn(row.cleaning_json, jsonObjectSchema(), 'sessions.cleaning_json'),
      redaction: parseJsonColumn(row.redaction_json, jsonObjectSchema(), 'sessions.redaction_json'),
      turns: this.turns(id),
    };
  }

  turns(id: string): Turn[] {
    return this.sql('SELECT role, text FROM turns WHERE session_id = ? ORDER BY seq').all(id) as { role: TurnRole; text: string }[];
  }

  /** The judge's verdict on a session; a flagged one that nobody has approved or rejected waits in review. */
  setReview(id: string, r: { judgeScore: number | null; priority: number; review: object; needsReview: boolean }): void {
    this.sql(
      `UPDATE sessions SET judge_score = ?, review_priority = ?, review_json = ?,
         status = CASE WHEN ? AND status NOT IN ('approved', 'rejected') THEN 'needs_review' ELSE status END WHERE id = ?`,
    ).run(r.judgeScore, r.priority, JSON.stringify(r.review), r.needsReview ? 1 : 0, id);
  }

  review(id: string): Record<string, unknown> | null {
    const row = this.sql('SELECT review_json FROM sessions WHERE id = ?').get(id) as { review_json: string | null } | undefined;
    return row?.review_json ? (JSON.parse(row.review_json) as Record<string, unknown>) : null;
  }

  /**
   * Sessions waiting for a person (draft or needs review), filtered and sorted, with how many wait for
   * each reason across the whole queue.
   */
  reviewQueue(q: ReviewQueueQuery): {
    rows: (SessionSummary & { review: Record<string, unknown> | null; priority: number | null })[];
    total: number;
    counts: Record<keyof typeof REVIEW_REASON_SQL | 'all', number>;
  } {
    const filter = sessionWhere({ source: q.source, search: q.search })
      .add(REVIEW_WAITING_SQL)
      .when(q.minScore, 's.judge_score >= ?')
      .when(q.maxScore, 's.judge_score <= ?')
      .when(q.rubricId, "json_extract(s.review_json, '$.rubricId') = ?");
    if (q.reason) filter.add(REVIEW_REASON_SQL[q.reason]);
    const { sql: where, params } = filter;
    const rows = this.sql(`${SELECT} ${where} ${REVIEW_ORDER[q.sort ?? 'priority']} LIMIT ? OFFSET ?`).all(
      ...params,
      q.limit,
      q.offset,
    ) as (SessionRow & { review_json: string | null; review_priority: number | null })[];
    const reasons = Object.entries(REVIEW_REASON_SQL)
      .map(([k, sql]) => `coalesce(sum(${sql}), 0) AS ${k}`)
      .join(', ');
    const counts = this.sql(
      `SELECT count(*) AS "all", ${reasons} FROM sessions s WHERE s.deleted_at IS NULL AND ${REVIEW_WAITING_SQL}`,
    ).get() as Record<keyof typeof REVIEW_REASON_SQL | 'all', number>;
    return {
      rows: rows.map((r) => ({
        ...toSummary(r),
        priority: r.review_priority,
        review: r.review_json ? (JSON.parse(r.review_json) as Record<string, unknown>) : null,
      })),
      total: (this.sql(`SELECT count(*) AS n FROM sessions s ${where}`).get(...params) as { n: number }).n,
      counts,
    };
  }

  /** The scenario and generation settings a synthetic session came from, for regenerating it. */
  origin(id: string): { scenarioId: string | null; provenance: Record<string, unknown> | null } {
    const row = this.sql('SELECT scenario_id, provenance_json FROM sessions WHERE id = ?').get(id) as
      { scenario_id: string | null; provenance_json: string | null } | undefined;
    return {
      scenarioId: row?.scenario_id ?? null,
      provenance: row?.provenance_json ? (JSON.parse(row.provenance_json) as Record<string, unknown>) : null,
    };
  }

  scenarioHasSession(scenarioId: string): boolean {
    return this.sql('SELECT 1 FROM sessions WHERE scenario_id = ? AND deleted_at IS NULL').get(scenarioId) !== undefined;
  }

  findByHash(contentHash: string): string | undefined {
    const row = this.sql('SELECT id FROM sessions WHERE content_hash = ? AND deleted_at IS NULL').get(contentHash) as
      { id: string } | undefined;
    return row?.id;
  }

  insert(s: NewSession): void {
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO sessions (id, title, source, status, system_prompt, notes, metadata_json, origin_file, origin_key, content_hash,
             token_count, tokens_counted, turn_count, cleaning_json, redaction_json, scenario_id, provenance_json, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.id,
        s.title,
        s.source,
        s.status,
        s.systemPrompt,
        s.notes,
        JSON.stringify(s.metadata),
        s.originFile ?? null,
        s.originKey ?? null,
        s.contentHash ?? null,
        s.tokenCount ?? 0,
        s.tokenCount === undefined ? 0 : 1,
        s.turns.length,
        s.cleaning ? JSON.stringify(s.cleaning) : null,
        s.redaction ? JSON.stringify(s.redaction) : null,
        s.scenarioId ?? null,
        s.provenance ? JSON.stringify(s.provenance) : null,
        s.createdAt,
        s.createdAt,
      );
      this.writeTurns(s.id, s.turns, s.signature);
      this.writeTags(s.id, s.tags);
      this.index(s.id, s.title, s.turns);
    })();
  }

  state(id: string): SessionState | undefined {
    return this.statesRepo.read([id]).get(id);
  }

  /** The states of many sessions in their order, two queries per page of them (see SessionStatesRepo). */
  eachState(ids: readonly string[]): Generator<{ id: string; state: SessionState | undefined }> {
    return this.statesRepo.each(ids);
  }

  /**
   * Writes a whole state (an edit, or an undo restoring an earlier snapshot) over `before`, the state the
   * caller read: turns, tags and the search document are rewritten only where they differ from it, since
   * a status change or a review decision rewrote every turn and the session's search document before.
   */
  writeState(id: string, before: SessionState, after: SessionState, at: number): void {
    this.db.transaction(() => {
      this.sql(
        `UPDATE sessions SET title = ?, status = ?, system_prompt = ?, notes = ?, token_count = ?, tokens_counted = ?, turn_count = ?, redaction_json = ?,
             deleted_at = ?, updated_at = ? WHERE id = ?`,
      ).run(
        after.title,
        after.status,
        after.systemPrompt,
        after.notes,
        after.tokenCount ?? 0,
        after.tokenCount === null ? 0 : 1,
        after.turns.length,
        after.redaction ? JSON.stringify(after.redaction) : null,
        after.deleted ? at : null,
        at,
        id,
      );
      const turnsChanged = !sameTurns(before.turns, after.turns);
      if (turnsChanged) {
        this.sql('DELETE FROM turns WHERE session_id = ?').run(id);
        // The import's LSH bands described the old text; import's near-duplicate lookup must not find it by them.
        this.sql('DELETE FROM session_bands WHERE session_id = ?').run(id);
        this.writeTurns(id, after.turns);
      }
      if (!sameTags(before.tags, after.tags)) {
        this.sql('DELETE FROM session_tags WHERE session_id = ?').run(id);
        this.writeTags(id, after.tags);
      }
      if (turnsChanged || before.title !== after.title) this.index(id, after.title, after.turns);
    })();
  }

  allTags(): { tag: string; count: number }[] {
    return this.sql(
      `SELECT t.tag, count(*) AS count FROM session_tags t JOIN sessions s ON s.id = t.session_id WHERE s.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag`,
    ).all() as { tag: string; count: number }[];
  }

  /**
   * Writes the turns and the MinHash signature of their text: every session, generated or edited as
   * well as imported, has one stored, so a freeze's leakage check reuses it instead of hashing the
   * session (hashing a generated library took most of its first freeze).
   */
  private writeTurns(id: string, turns: readonly Turn[], signature?: Uint32Array): void {
    const insert = this.sql('INSERT INTO turns (session_id, seq, role, text) VALUES (?, ?, ?, ?)');
    turns.forEach((t, i) => insert.run(id, i, t.role, t.text));
    const sig = signature ?? sessionSignature(turns);
    this.sql('INSERT OR REPLACE INTO session_signatures (session_id, signature) VALUES (?, ?)').run(
      id,
      Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength),
    );
  }

  /** The session's search document: its title and all its turns, replacing the previous one. */
  private index(id: string, title: string, turns: readonly Turn[]): void {
    const { rowid } = this.sql('SELECT rowid FROM sessions WHERE id = ?').get(id) as { rowid: number };
    this.sql('DELETE FROM sessions_fts WHERE rowid = ?').run(rowid);
    this.sql('INSERT INTO sessions_fts (rowid, title, body) VALUES (?, ?, ?)').run(rowid, title, sessionText(turns));
  }

  private writeTags(id: string, tags: readonly string[]): void {
    const insert = this.sql('INSERT OR IGNORE INTO session_tags (session_id, tag) VALUES (?, ?)');
    for (const tag of tags) insert.run(id, tag);
  }
}

const sameTurns = (a: readonly Turn[], b: readonly Turn[]) =>
  a.length === b.length && a.every((t, i) => t.role === b[i]!.role && t.text === b[i]!.text);

/** Tags are a set: the stored ones come back sorted and unique, an edit's may come in any order. */
const sameTags = (a: readonly string[], b: readonly string[]) => {
  const next = new Set(b);
  return next.size === new Set(a).size && a.every((tag) => next.has(tag));
};
