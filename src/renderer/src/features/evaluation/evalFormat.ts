import type { DescriptiveStats, EvalCriterion, EvalRunStatus } from '../../../../shared/api/evaluation';

/** Scores keep two decimals: differences between models are often a few tenths. */
export function formatScore(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);
}

/** "7.42 [7.10, 7.71]" as the write-up prints a mean with its 95% interval; "—" when nothing was scored. */
export function formatMeanCi(s: DescriptiveStats | undefined): string {
  if (!s || s.mean === null) return '—';
  return s.ci ? `${formatScore(s.mean)} [${formatScore(s.ci.low)}, ${formatScore(s.ci.high)}]` : formatScore(s.mean);
}

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

export function formatSigned(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(2)}`;
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`;
}

export function shortHash(hash: string): string {
  return hash ? `${hash.slice(0, 7)}…` : '—';
}

export const runStatusInfo: Record<EvalRunStatus, { label: string; color: string; help: string }> = {
  conversing: {
    label: 'Conversing',
    color: 'blue',
    help: 'The simulated clients are talking with each model. Scoring starts when every conversation has ended.',
  },
  scoring: { label: 'Scoring', color: 'blue', help: 'The judge is scoring the conversations. Results appear when it is done.' },
  done: { label: 'Done', color: 'green', help: 'Every conversation was held and scored. The results and the report are ready.' },
  problems: {
    label: 'Finished with problems',
    color: 'orange',
    help: 'The run ended, but some conversations or judgments are missing; the counts below say how many and the jobs say why. Results cover what was scored.',
  },
  stopped: { label: 'Stopped', color: 'gray', help: 'The run was stopped before the end; results cover what was scored.' },
  failed: { label: 'Failed', color: 'red', help: 'The run failed; the jobs below say why.' },
};

/**
 * Colours for up to six models, from Okabe and Ito's palette for colour-blind readers, darkened a
 * little so thin lines and error bars stand out on white.
 */
export const modelColors = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9'];

export function modelColor(index: number): string {
  return modelColors[index % modelColors.length]!;
}

/** Criteria grouped by rubric, in the order the results list them (scales are shared within a rubric). */
export function criteriaByRubric(criteria: EvalCriterion[]): { rubricId: string; criteria: EvalCriterion[] }[] {
  const groups: { rubricId: string; criteria: EvalCriterion[] }[] = [];
  for (const c of criteria) {
    const group = groups.find((g) => g.rubricId === c.rubricId);
    if (group) group.criteria.push(c);
    else groups.push({ rubricId: c.rubricId, criteria: [c] });
  }
  return groups;
}

export function rubricLabel(rubricId: string): string {
  if (rubricId === 'formulation') return 'Formulation accuracy';
  if (rubricId === 'ctrs') return 'CTRS';
  if (rubricId === 'empathy-relevance') return 'Empathy and relevance';
  return rubricId;
}

/** A file name from free text: letters, digits, dots, dashes. */
export function fileSafe(text: string): string {
  return text.replace(/[^a-zA-Z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'chart';
}
