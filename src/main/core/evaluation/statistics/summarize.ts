// The statistics of an evaluation run: per model and criterion a description with a bootstrap
// interval of the mean; per criterion every pair of models compared on the same scenarios.
//
// Choices, each stated once:
// - The unit of analysis is the scenario. A session (scenario, seed) is one conversation; several
//   judgments of it on one criterion (judge repeats) are averaged first, then a scenario's sessions
//   (seeds) are averaged, each session weighing the same. Seeds of one scenario are correlated (the
//   same client, the same problem), so counting them as separate pairs is pseudo-replication: it
//   shrinks every interval and makes p-values too small. Repeats measure the judge, not the model.
// - A missing score (null, NaN) is never a zero: it is counted and left out. A session whose every
//   judgment is missing is a missing conversation; a scenario with no scored session is missing.
// - Models are compared on the scenarios both have a score for (paired on scenario).
// - Holm's family is, by default, every comparison of the run (all criteria × model pairs), so a
//   claim over several criteria keeps its error rate; `holmFamily: 'criterion'` corrects within
//   each criterion only (K(K−1)/2 tests), when each criterion answers its own question. Tests
//   without a p-value (no pairs) are not in the family.
// - A comparison is significant when its Holm-adjusted p ≤ α (Holm's rejection rule). Higher scores
//   are better. A criterion has a winner only when one model is significantly above every other.
// - Deterministic given `seed`: each criterion's resampling is seeded from (seed, criterion), never
//   from the order of the rows, and its draws serve every interval of that criterion (common random
//   numbers; see bootstrap.ts) with the width fixed at the number of scenarios, so an interval
//   depends on its own sample and the number of scenarios, not on the other models' scores.
import { mean } from 'simple-statistics';
import { hash32 } from '../../util/random';
import { bootstrapMeanCIs, DEFAULT_LEVEL, DEFAULT_RESAMPLES, type BootstrapInterval } from './bootstrap';
import { describe, type Description } from './descriptive';
import { holm } from './holm';
import { wilcoxonOnDifferences, type WilcoxonResult } from './wilcoxon';

export interface ScoreRow {
  model: string;
  scenario: string;
  seed: number;
  criterion: string;
  score: number | null;
  /** A valid "cannot judge this from the transcript": no score, but not missing either. */
  notJudged?: boolean;
}

export interface SummarizeOptions {
  /** Bootstrap resamples; 10,000 by default. */
  resamples?: number;
  /** Confidence level of the intervals; 0.95 by default. */
  level?: number;
  /** Family-wise error rate for the Holm-corrected decisions; 0.05 by default. */
  alpha?: number;
  /** Seed of all resampling; 1 by default. */
  seed?: number;
  /** Holm family: every comparison of the run (default) or the model pairs of one criterion. */
  holmFamily?: 'criterion' | 'all';
  /** Models in this order first (a baseline first makes it `a` in its pairs), then the rest by first appearance. */
  models?: readonly string[];
  /** Criteria in this order first (the rubric's), then the rest by first appearance. */
  criteria?: readonly string[];
}

export interface ModelCriterionSummary {
  model: string;
  criterion: string;
  /** Judgment rows given, missing ones included. */
  judgments: number;
  /** Judgment rows without a usable score (a valid "cannot judge" is not among them). */
  missing: number;
  /** Judgment rows where the judge validly said it cannot judge this criterion. */
  notJudged: number;
  /** Sessions (conversations: scenario, seed) judged on this criterion. */
  sessions: number;
  /** Sessions with no usable score because judgments were unreadable (not ones the judge validly could not judge). */
  missingSessions: number;
  /** Scenarios with no usable score at all. */
  missingScenarios: number;
  /** Over the scenarios' mean scores; `describe.n` is the number of scenarios scored. */
  describe: Description;
  /** Percentile bootstrap interval of the mean over scenarios; null with fewer than 2 scenarios. */
  ci: BootstrapInterval | null;
}

export interface ModelComparison {
  criterion: string;
  /** Differences are a − b. */
  a: string;
  b: string;
  /** Scenarios both models have a score for. */
  pairs: number;
  /** Scenarios only one of them has a score for, left out. */
  unpaired: number;
  meanDifference: number | null;
  /** Paired bootstrap interval of the mean difference; null with fewer than 2 pairs. */
  ci: BootstrapInterval | null;
  wilcoxon: WilcoxonResult;
  /** Matched-pairs rank-biserial correlation, positive when a tends to score higher. */
  effectSize: number | null;
  /** Holm-adjusted p within the family; null when the test has no p-value. */
  pAdjusted: number | null;
  significant: boolean;
  /** The model significantly higher in this pair, or null. */
  better: string | null;
}

export interface CriterionSummary {
  criterion: string;
  /** Per model, the scenario means in `EvaluationStatistics.scenarios` order (null = not scored). */
  scenarioMeans: Record<string, (number | null)[]>;
  comparisons: ModelComparison[];
  /** The model significantly above every other on this criterion, or null. */
  winner: string | null;
}

export interface EvaluationStatistics {
  models: string[];
  criteria: string[];
  /** The scenarios, sorted: the unit of every test and interval. */
  scenarios: string[];
  perModel: ModelCriterionSummary[];
  perCriterion: CriterionSummary[];
  settings: { resamples: number; level: number; alpha: number; seed: number; holmFamily: 'criterion' | 'all' };
}

interface Cell {
  judgments: number;
  missing: number;
  notJudged: number;
  sum: number;
  scored: number;
}

/** Describes each model on each criterion and compares every pair of models per criterion (see the choices above). */
export function summarize(rows: readonly ScoreRow[], options: SummarizeOptions = {}): EvaluationStatistics {
  const settings = {
    resamples: options.resamples ?? DEFAULT_RESAMPLES,
    level: options.level ?? DEFAULT_LEVEL,
    alpha: options.alpha ?? 0.05,
    seed: options.seed ?? 1,
    holmFamily: options.holmFamily ?? 'all',
  };
  if (!(settings.alpha > 0 && settings.alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${settings.alpha}`);

  const models = new Set<string>(options.models);
  const criteria = new Set<string>(options.criteria);
  // criterion → model → session key → cell
  const cells = new Map<string, Map<string, Map<string, Cell>>>();
  const sessionKeys = new Map<string, { scenario: string; seed: number }>();
  for (const row of rows) {
    let byModel = cells.get(row.criterion);
    if (!byModel) cells.set(row.criterion, (byModel = new Map()));
    criteria.add(row.criterion);
    models.add(row.model);
    let bySession = byModel.get(row.model);
    if (!bySession) byModel.set(row.model, (bySession = new Map()));
    const key = `${row.scenario}\u0000${row.seed}`;
    if (!sessionKeys.has(key)) sessionKeys.set(key, { scenario: row.scenario, seed: row.seed });
    let cell = bySession.get(key);
    if (!cell) bySession.set(key, (cell = { judgments: 0, missing: 0, notJudged: 0, sum: 0, scored: 0 }));
    if (row.notJudged && row.score === null) {
      cell.notJudged++;
      continue;
    }
    cell.judgments++;
    if (typeof row.score === 'number' && Number.isFinite(row.score)) {
      cell.sum += row.score;
      cell.scored++;
    } else cell.missing++;
  }
  // A canonical scenario order, so that index i means the same scenario whatever the row order.
  const scenarios = [...new Set([...sessionKeys.values()].map((k) => k.scenario))].sort();
  const scenarioIndex = new Map(scenarios.map((s, i) => [s, i]));

  // Named in the options but without a row: nothing to report.
  const modelList = [...models].filter((m) => [...cells.values()].some((byModel) => byModel.has(m)));
  const criterionList = [...criteria].filter((c) => cells.has(c));
  const perModel: ModelCriterionSummary[] = [];
  const perCriterion: CriterionSummary[] = [];
  for (const criterion of criterionList) {
    const byModel = cells.get(criterion)!;
    // Every interval of a criterion comes from one set of draws (each sample has at most one value per scenario).
    const pending: { target: { ci: BootstrapInterval | null }; values: number[] }[] = [];
    // Per model, the scenario means in canonical order (null = no usable score).
    const means = new Map<string, (number | null)[]>();
    for (const model of modelList) {
      const bySession = byModel.get(model);
      const sums = new Array<number>(scenarios.length).fill(0);
      const counts = new Array<number>(scenarios.length).fill(0);
      let judgments = 0;
      let missing = 0;
      let missingSessions = 0;
      let notJudged = 0;
      for (const [key, cell] of bySession ?? []) {
        judgments += cell.judgments;
        missing += cell.missing;
        notJudged += cell.notJudged;
        if (cell.scored === 0) {
          if (cell.missing > 0) missingSessions++;
          continue;
        }
        // The session's mean over its repeats, then the scenario's mean over its sessions.
        const s = scenarioIndex.get(sessionKeys.get(key)!.scenario)!;
        sums[s]! += cell.sum / cell.scored;
        counts[s]!++;
      }
      const row = sums.map((sum, s) => (counts[s]! > 0 ? sum / counts[s]! : null));
      means.set(model, row);
      if (!bySession) continue;
      const judgedScenarios = new Set([...bySession.keys()].map((key) => sessionKeys.get(key)!.scenario));
      const values = row.filter((v): v is number => v !== null);
      const summary: ModelCriterionSummary = {
        model,
        criterion,
        judgments,
        missing,
        notJudged,
        sessions: bySession.size,
        missingSessions,
        missingScenarios: judgedScenarios.size - values.length,
        describe: describe(values),
        ci: null,
      };
      perModel.push(summary);
      pending.push({ target: summary, values });
    }
    const comparisons: ModelComparison[] = [];
    const present = modelList.filter((m) => byModel.has(m));
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i]!;
        const b = present[j]!;
        const xs = means.get(a)!;
        const ys = means.get(b)!;
        const differences: number[] = [];
        let unpaired = 0;
        xs.forEach((x, s) => {
          const y = ys[s]!;
          if (x !== null && y !== null) differences.push(x - y);
          else if (x !== null || y !== null) unpaired++;
        });
        const test = wilcoxonOnDifferences(differences);
        const comparison: ModelComparison = {
          criterion,
          a,
          b,
          pairs: differences.length,
          unpaired,
          meanDifference: differences.length ? mean(differences) : null,
          ci: null,
          wilcoxon: test,
          effectSize: test.rankBiserial,
          pAdjusted: null,
          significant: false,
          better: null,
        };
        comparisons.push(comparison);
        pending.push({ target: comparison, values: differences });
      }
    }
    const intervals = bootstrapMeanCIs(
      pending.map((p) => p.values),
      { resamples: settings.resamples, level: settings.level, seed: hash32(`${settings.seed}\u0000${criterion}`), width: scenarios.length },
    );
    pending.forEach((p, k) => (p.target.ci = intervals[k]!));
    perCriterion.push({ criterion, scenarioMeans: Object.fromEntries(means), comparisons, winner: null });
  }

  const families = settings.holmFamily === 'all' ? [perCriterion.flatMap((c) => c.comparisons)] : perCriterion.map((c) => c.comparisons);
  for (const family of families) {
    const tested = family.filter((c) => c.wilcoxon.p !== null);
    holm(tested.map((c) => c.wilcoxon.p!)).forEach((p, k) => {
      const c = tested[k]!;
      c.pAdjusted = p;
      c.significant = p <= settings.alpha && c.effectSize !== null && c.effectSize !== 0;
      if (c.significant) c.better = c.effectSize! > 0 ? c.a : c.b;
    });
  }
  for (const summary of perCriterion) {
    const contenders = modelList.filter((m) => summary.comparisons.some((c) => c.a === m || c.b === m));
    summary.winner =
      contenders.find((m) => {
        const own = summary.comparisons.filter((c) => c.a === m || c.b === m);
        return contenders.length >= 2 && own.length === contenders.length - 1 && own.every((c) => c.better === m);
      }) ?? null;
  }
  return { models: modelList, criteria: criterionList, scenarios, perModel, perCriterion, settings };
}
