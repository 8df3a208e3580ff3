import Papa from 'papaparse';
import type { ReportScoreRow } from './reportInput';

const NEWLINE = '\r\n';

export const SCORE_COLUMNS = [
  'conversation_id',
  'model',
  'scenario_id',
  'scenario_title',
  'seed',
  'rubric_id',
  'criterion',
  'repeat',
  'score',
  'status',
  'rationale',
] as const;

/**
 * Every judgment, one row each, RFC 4180 (CRLF between rows, fields quoted by papaparse when they
 * hold commas, quotes or line breaks). A missing score is an empty field, never 0. Formula-looking
 * text is left as it is, so the file reads back exactly in pandas or R.
 */
export function scoresCsv(scores: readonly ReportScoreRow[]): string {
  const rows = scores.map((s) => [
    s.conversationId,
    s.model,
    s.scenarioId,
    s.scenarioTitle,
    s.seed,
    s.rubricId,
    s.criterion,
    s.repeat,
    s.score ?? '',
    s.status,
    s.rationale,
  ]);
  // Papaparse ends the header with a newline when there are no rows, and the last row without one.
  const text = Papa.unparse({ fields: [...SCORE_COLUMNS], data: rows }, { newline: NEWLINE });
  return text.endsWith(NEWLINE) ? text : `${text}${NEWLINE}`;
}
