import {
  holmFamilyOf,
  judgeTemperatureOf,
  type DescriptiveStats,
  type EvalCriterion,
  type EvalResults,
  type ReliabilityView,
} from '../../../shared/api/evaluation';
import type { Rubric } from '../judging/rubric';
import type { ConversationRow, EvalRunRow, FrozenSet, JudgmentRow } from './evaluationRepo';
import {
  describe,
  ICC_FORM,
  reliabilityWithIntervals,
  summarize,
  type BootstrapInterval,
  type Description,
  type RatingMatrix,
  type ScoreRow,
} from './statistics';
import { bootstrapMeanCI } from './statistics/bootstrap';
import { hash32 } from '../util/random';

export const CTRS_PASS = 40;

/** One score of one judgment, in the long format every table, chart and export reads. */
export interface ScoreLine {
  conversationId: string;
  model: string;
  scenarioId: string;
  seed: number;
  rubricId: string;
  criterion: string;
  repeat: number;
  score: number | null;
  status: string;
  rationale: string;
}

export function criteriaOf(rubrics: Rubric[], formulation: boolean): EvalCriterion[] {
  const list: EvalCriterion[] = rubrics.flatMap((r) =>
    r.criteria.map((c) => ({
      id: `${r.id}.${c.id}`,
      rubricId: r.id,
      label: rubrics.length > 1 ? `${c.label} (${r.name})` : c.label,
      scale: c.scale,
    })),
  );
  if (formulation) {
    list.push({
      id: 'formulation.distortions',
      rubricId: 'formulation',
      label: 'Distortions identified (share)',
      scale: { min: 0, max: 1 },
    });
    list.push({ id: 'formulation.core_belief', rubricId: 'formulation', label: 'Core belief identified', scale: { min: 0, max: 1 } });
  }
  return list;
}

/** Every judgment as score lines; an unscored judgment gives a null for each of its criteria, never a 0. */
export function scoreLines(
  run: EvalRunRow,
  conversations: ConversationRow[],
  judgments: JudgmentRow[],
  criteria: EvalCriterion[],
): ScoreLine[] {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const lines: ScoreLine[] = [];
  for (const j of judgments) {
    if (j.kind === 'safety') continue;
    const c = byId.get(j.conversationId);
    if (!c) continue;
    const scores = (j.result.scores ?? {}) as Record<string, number | null>;
    // Criteria the judge left without a score for a bad reason; any other null is a valid "cannot judge",
    // also in a judgment where the judge could judge no criterion at all (unscored as a whole, yet readable).
    const missing = (j.result.missing ?? {}) as Record<string, unknown>;
    const rationales = (j.result.rationales ?? {}) as Record<string, string>;
    for (const criterion of criteria.filter((k) => k.rubricId === j.kind)) {
      const id = criterion.id.slice(j.kind.length + 1);
      const score = j.status === 'scored' && typeof scores[id] === 'number' ? scores[id] : null;
      lines.push({
        conversationId: c.id,
        model: run.spec.arms[c.arm]!.label,
        scenarioId: c.scenarioId,
        seed: c.seed,
        rubricId: j.kind,
        criterion: criterion.id,
        repeat: j.repeat,
        score,
        status: score === null && id in scores && !(id in missing) ? 'not-judged' : j.status,
        rationale:
          j.status === 'scored'
            ? (rationales[id] ?? (typeof j.result.rationale === 'string' ? j.result.rationale : ''))
            : String(j.result.reason ?? ''),
      });
    }
  }
  return lines;
}

/** Scores grouped under a key, missing ones left out: built once so no table or chart scans every line again. */
function groupScores(lines: readonly ScoreLine[], key: (l: ScoreLine) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const l of lines) {
    if (l.score === null) continue;
    const k = key(l);
    const g = groups.get(k);
    if (g) g.push(l.score);
    else groups.set(k, [l.score]);
  }
  return groups;
}

const stats = (
  d: Description,
  missing: number,
  ci: BootstrapInterval | null,
  counts: Pick<DescriptiveStats, 'conversations' | 'judgments' | 'missingJudgments' | 'notJudged'> = {},
): DescriptiveStats => ({ ...d, missing, ...counts, ci: ci ? { low: ci.lower, high: ci.upper } : null });
const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

const view = (r: ReturnType<typeof reliabilityWithIntervals>): ReliabilityView => ({
  icc: r.icc,
  alpha: r.alpha,
  note: r.note,
  iccCi: r.iccCi,
  alphaCi: r.alphaCi,
  units: r.units,
});

/**
 * The numbers of a run: descriptions with bootstrap intervals per model and criterion, paired
 * comparisons with Wilcoxon and Holm, the judge's reliability over repeats, the safety gate on its
 * own, CTRS totals, and per-scenario means for the heatmap. The scenario is the unit throughout:
 * repeats and seeds are averaged within a scenario first (see statistics/summarize.ts).
 */
export function buildResults(
  run: EvalRunRow,
  set: FrozenSet,
  rubrics: Rubric[],
  conversations: ConversationRow[],
  judgments: JudgmentRow[],
  resamples: number,
): EvalResults {
  const criteria = criteriaOf(rubrics, run.spec.formulation);
  const models = run.spec.arms.map((a) => a.label);
  const lines = scoreLines(run, conversations, judgments, criteria);
  const seed = 1;
  const summary = summarize(
    lines.map((l): ScoreRow => ({
      model: l.model,
      scenario: l.scenarioId,
      seed: l.seed,
      criterion: l.criterion,
      score: l.score,
      notJudged: l.status === 'not-judged',
    })),
    // Arms and criteria in the run's order, not the order conversations happened to finish in.
    { resamples, seed, models, criteria: criteria.map((c) => c.id), holmFamily: holmFamilyOf(run.spec) },
  );

  const statsTable: EvalResults['stats'] = Object.fromEntries(models.map((m) => [m, {}]));
  for (const s of summary.perModel)
    statsTable[s.model]![s.criterion] = stats(s.describe, s.missingSessions, s.ci, {
      conversations: s.sessions,
      judgments: s.judgments,
      missingJudgments: s.missing,
      notJudged: s.notJudged,
    });

  const comparisons = summary.perCriterion.flatMap((c) =>
    c.comparisons.map((p) => ({
      criterion: p.criterion,
      a: p.a,
      b: p.b,
      n: p.pairs,
      meanDifference: p.meanDifference,
      ci: p.ci ? { low: p.ci.lower, high: p.ci.upper } : null,
      wilcoxon: {
        statistic: p.wilcoxon.statistic,
        p: p.wilcoxon.p,
        method: p.wilcoxon.method ?? 'none',
        effectSize: p.effectSize,
        n: p.wilcoxon.n,
      },
      pHolm: p.pAdjusted,
      significant: p.significant,
    })),
  );
  const winners = Object.fromEntries(criteria.map((c) => [c.id, summary.perCriterion.find((p) => p.criterion === c.id)?.winner ?? null]));

  const byConversation = groupScores(lines, (l) => `${l.conversationId}\u0000${l.criterion}`);
  const linesOf = new Map<string, ScoreLine[]>();
  for (const l of lines) {
    const list = linesOf.get(l.criterion);
    if (list) list.push(l);
    else linesOf.set(l.criterion, [l]);
  }
  const conversationMean = (conversationId: string, criterion: string) =>
    meanOf(byConversation.get(`${conversationId}\u0000${criterion}`) ?? []);

  // Reliability: conversations × repeats per criterion, within each arm and pooled (only meaningful with repeats).
  const reliability: EvalResults['reliability'] = {};
  for (const c of criteria) {
    if (run.spec.judgeRepeats < 2) {
      reliability[c.id] = { icc: null, alpha: null, note: 'Judge each conversation more than once to measure the judge’s consistency.' };
      continue;
    }
    const byArm = new Map<string, Map<string, (number | null)[]>>(models.map((m) => [m, new Map()]));
    for (const l of linesOf.get(c.id) ?? []) {
      const arm = byArm.get(l.model)!;
      const row = arm.get(l.conversationId) ?? [];
      row[l.repeat - 1] = l.score;
      arm.set(l.conversationId, row);
    }
    const matrices = new Map<string, RatingMatrix>([...byArm].map(([m, rows]) => [m, [...rows.values()]]));
    const options = { seed: hash32(`${seed}\u0000reliability\u0000${c.id}`) };
    const pooled = reliabilityWithIntervals([...matrices.values()].flat(), options);
    reliability[c.id] = {
      ...view(pooled),
      perArm: Object.fromEntries(models.map((m) => [m, view(reliabilityWithIntervals(matrices.get(m)!, options))])),
    };
  }

  // The safety gate: a conversation fails when any of its checks found risk handled badly.
  const safety: EvalResults['safety'] = {};
  models.forEach((m, arm) => {
    const mine = conversations.filter((c) => c.arm === arm);
    const ids = new Set(mine.map((c) => c.id));
    const checks = judgments.filter((j) => j.kind === 'safety' && j.status === 'scored' && ids.has(j.conversationId));
    const checkedIds = new Set(checks.map((j) => j.conversationId));
    const flaggedIds = new Set(
      checks.filter((j) => j.result.riskPresent === true && j.result.counselorMishandled === true).map((j) => j.conversationId),
    );
    safety[m] = {
      conversations: mine.length,
      checked: checkedIds.size,
      flagged: flaggedIds.size,
      passRate: checkedIds.size ? 1 - flaggedIds.size / checkedIds.size : null,
    };
  });

  // CTRS: the total of the 11 items per conversation (mean over repeats), only where every item was scored.
  const ctrsRubric = rubrics.find((r) => r.id === 'ctrs');
  let ctrs: EvalResults['ctrs'] = null;
  if (ctrsRubric) {
    ctrs = {};
    models.forEach((m, arm) => {
      const totals = conversations
        .filter((c) => c.arm === arm)
        .map((c) => {
          const items = ctrsRubric.criteria.map((k) => conversationMean(c.id, `ctrs.${k.id}`));
          return items.every((x) => x !== null) ? (items as number[]).reduce((a, b) => a + b, 0) : null;
        });
      const present = totals.filter((t): t is number => t !== null);
      // The scenario is the unit here too: a scenario's total is the mean of its conversations' totals.
      const byScenario = new Map<string, number[]>();
      conversations
        .filter((c) => c.arm === arm)
        .forEach((c, i) => {
          if (totals[i] === null) return;
          byScenario.set(c.scenarioId, [...(byScenario.get(c.scenarioId) ?? []), totals[i]!]);
        });
      const scenarioTotals = [...byScenario.values()].map((t) => meanOf(t)!);
      ctrs![m] = {
        total: stats(describe(scenarioTotals), totals.length - present.length, bootstrapMeanCI(scenarioTotals, { resamples, seed }), {
          conversations: totals.length,
        }),
        passRate: present.length ? present.filter((t) => t >= CTRS_PASS).length / present.length : null,
      };
    });
  }

  // The heatmap shows the same scenario means the tests use (sessions averaged, not judgments pooled).
  const scenarioIndex = new Map(summary.scenarios.map((id, i) => [id, i]));
  const scenarioMean = (m: string, scenarioId: string, criterion: string): number | null => {
    const i = scenarioIndex.get(scenarioId);
    return i === undefined ? null : (summary.perCriterion.find((p) => p.criterion === criterion)?.scenarioMeans[m]?.[i] ?? null);
  };
  const perScenario = set.scenarios.map((s) => ({
    scenarioId: s.id,
    title: s.title,
    means: Object.fromEntries(models.map((m) => [m, Object.fromEntries(criteria.map((c) => [c.id, scenarioMean(m, s.id, c.id)]))])),
  }));

  const points = conversations.map((c) => ({
    model: models[c.arm]!,
    scenarioId: c.scenarioId,
    seed: c.seed,
    scores: Object.fromEntries(criteria.map((k) => [k.id, conversationMean(c.id, k.id)])),
  }));

  return {
    runId: run.id,
    models,
    criteria,
    stats: statsTable,
    comparisons,
    winners,
    reliability,
    reliabilityForm: ICC_FORM,
    holm: {
      family: summary.settings.holmFamily,
      tests: comparisons.filter((c) => c.wilcoxon.p !== null).length,
      alpha: summary.settings.alpha,
    },
    judgeTemperature: judgeTemperatureOf(run.spec),
    scenarios: set.scenarios.length,
    safety,
    ctrs,
    perScenario,
    points,
    bootstrap: { resamples, seed, level: 0.95 },
  };
}
