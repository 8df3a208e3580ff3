import type { SessionSource, SessionStatus } from '../../../shared/domain/session';
import { SqlWhere } from '../util/sqlWhere';
import { toFtsQuery } from './ftsQuery';

export const sessionSortKeys = ['updated', 'created', 'title', 'turns', 'tokens', 'score'] as const;
export type SessionSortKey = (typeof sessionSortKeys)[number];

export interface SessionFilter {
  source?: SessionSource | undefined;
  status?: SessionStatus | undefined;
  tag?: string | undefined;
  search?: string | undefined;
  originFile?: string | undefined;
  ids?: string[] | undefined;
  /** true: only sessions whose detected personal details await review; false: only the others. */
  pendingDetails?: boolean | undefined;
  /** Only the sessions frozen into this dataset version. */
  datasetVersionId?: string | undefined;
}

/** The one test of "personal details await review", shared by the library filter and the privacy gate. */
export const PENDING_DETAILS_SQL = "COALESCE(json_extract(s.redaction_json, '$.status'), '') = 'pending'";

const sortColumns: Record<SessionSortKey, string> = {
  updated: 's.updated_at',
  created: 's.created_at',
  title: 's.title COLLATE NOCASE',
  turns: 's.turn_count',
  tokens: 's.token_count',
  score: 's.judge_score',
};

/** The WHERE clause of a library query; the search runs on the full-text index of titles and turns. */
export type SearchStrategy = 'in' | 'exists';

/**
 * `in` collects the matching sessions first: best when few match or the page is deep. `exists` walks the
 * sort order and checks each session: best for the first pages of a common word.
 */
export function sessionWhere(filter: SessionFilter, strategy: SearchStrategy = 'in'): SqlWhere {
  const where = new SqlWhere('s.deleted_at IS NULL')
    .when(filter.source, 's.source = ?')
    .when(filter.status, 's.status = ?')
    .when(filter.originFile, 's.origin_file = ?')
    .when(filter.tag, 's.id IN (SELECT session_id FROM session_tags WHERE tag = ?)')
    .when(filter.ids && JSON.stringify(filter.ids), 's.id IN (SELECT value FROM json_each(?))')
    .when(filter.datasetVersionId, 's.id IN (SELECT session_id FROM dataset_examples WHERE version_id = ?)');
  if (filter.pendingDetails !== undefined) where.add(filter.pendingDetails ? PENDING_DETAILS_SQL : `NOT (${PENDING_DETAILS_SQL})`);
  const fts = filter.search ? toFtsQuery(filter.search) : null;
  if (filter.search && !fts) where.add('0');
  where.when(
    fts,
    strategy === 'in'
      ? 's.rowid IN (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)'
      : 'EXISTS (SELECT 1 FROM sessions_fts f WHERE f.rowid = s.rowid AND sessions_fts MATCH ?)',
  );
  return where;
}

export function sessionOrder(sort: SessionSortKey, direction: 'asc' | 'desc'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${sortColumns[sort]} ${dir}, s.id ${dir}`;
}

/** What makes a waiting session wait, as SQL over `s`: one clause per review reason. */
export const REVIEW_REASON_SQL = {
  safety: "coalesce(json_extract(s.review_json, '$.safetyFlag'), 0) = 1",
  lowScore: "coalesce(json_array_length(s.review_json, '$.flags'), 0) > 0",
  unscored: 's.judge_score IS NULL',
  personalDetails: PENDING_DETAILS_SQL,
} as const;

export const REVIEW_WAITING_SQL = "s.status IN ('draft', 'needs_review')";

export const REVIEW_ORDER = {
  priority: `ORDER BY ${REVIEW_REASON_SQL.safety} DESC, s.review_priority IS NULL, s.review_priority DESC, s.created_at, s.id`,
  score: 'ORDER BY s.judge_score IS NULL, s.judge_score ASC, s.id',
  newest: 'ORDER BY s.created_at DESC, s.id DESC',
  title: 'ORDER BY s.title COLLATE NOCASE, s.id',
} as const;
