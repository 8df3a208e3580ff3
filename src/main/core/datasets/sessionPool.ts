import type Database from 'better-sqlite3';
import type { DatasetSpec } from '../../../shared/api/datasets';
import { PENDING_DETAILS_SQL } from '../sessions/sessionQuery';
import type { Candidate } from './compose';

export interface PoolRow extends Candidate {
  title: string;
  tokens: number;
  turns: number;
}

/**
 * The sessions a spec's filters let in, oldest first (a stable order before the seeded shuffle).
 * Sample sessions count as real: they are real-style transcripts shipped to try the app with.
 * Labels are the distortions a synthetic session was written for.
 */
export function sessionPool(db: Database.Database, filters: DatasetSpec['filters']): PoolRow[] {
  const { where, params } = poolWhere(filters);
  // The privacy gate: a session whose detected personal details nobody has reviewed never enters a
  // dataset, whatever statuses the filters allow ("needs review" included).
  where.push(`NOT (${PENDING_DETAILS_SQL})`);
  const rows = db
    .prepare(
      `SELECT s.id, s.title, s.source, s.token_count, s.turn_count, json_extract(s.metadata_json, '$.distortions') AS distortions
       FROM sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at, s.id`,
    )
    .all(...params) as { id: string; title: string; source: string; token_count: number; turn_count: number; distortions: string | null }[];
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
export function withheldForDetails(db: Database.Database, filters: DatasetSpec['filters']): string[] {
  const { where, params } = poolWhere(filters);
  where.push(PENDING_DETAILS_SQL);
  return (db.prepare(`SELECT s.id FROM sessions s WHERE ${where.join(' AND ')} ORDER BY s.created_at, s.id`).all(...params) as { id: string }[]).map((r) => r.id);
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
