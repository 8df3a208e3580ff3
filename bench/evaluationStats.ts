import { mulberry32 } from '../src/main/core/util/random';
import { summarize, type ScoreRow } from '../src/main/core/evaluation/statistics';
import { distribution, printSection } from './measure';

const BUDGET_MS = 1_000;
const MODELS = 3;
const SCENARIOS = 50;
const SEEDS = 3;
const CRITERIA = 13;
const RESAMPLES = 10_000;
const RUNS = 5;

/**
 * Long-format scores as a judge returns them: CTRS-like 0–6 integers, each model a little better
 * than the last, a per-scenario difficulty shared by the models, and 2% of judgments unparseable.
 */
function syntheticScores(): ScoreRow[] {
  const random = mulberry32(2026);
  const rows: ScoreRow[] = [];
  const difficulty = Array.from({ length: SCENARIOS }, () => random() * 2 - 1);
  for (let m = 0; m < MODELS; m++)
    for (let s = 0; s < SCENARIOS; s++)
      for (let seed = 1; seed <= SEEDS; seed++)
        for (let c = 0; c < CRITERIA; c++) {
          const raw = 3 + 0.3 * m + difficulty[s]! + (random() + random() + random() - 1.5) * 1.5;
          const score = random() < 0.02 ? null : Math.min(6, Math.max(0, Math.round(raw)));
          rows.push({
            model: `model-${m + 1}`,
            scenario: `scenario-${String(s + 1).padStart(2, '0')}`,
            seed,
            criterion: `item-${c + 1}`,
            score,
          });
        }
  return rows;
}

/** The whole evaluation summary (descriptives, 78 bootstrap intervals, 39 Wilcoxon tests, Holm) against the 1 s budget. */
export async function evaluationStatsBench(): Promise<Record<string, unknown>> {
  const rows = syntheticScores();
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let significant = 0;
  let winners = 0;
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const stats = summarize(rows, { resamples: RESAMPLES, seed: 7 });
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / 1000);
    significant = stats.perCriterion.flatMap((c) => c.comparisons).filter((c) => c.significant).length;
    winners = stats.perCriterion.filter((c) => c.winner !== null).length;
  }
  const wall = distribution(samples);
  const result = {
    shape: `${MODELS} models × ${SCENARIOS} scenarios × ${SEEDS} seeds × ${CRITERIA} criteria (${rows.length} judgments), ${RESAMPLES} resamples`,
    firstRunMs: Math.round(samples[0]!),
    wallMs: wall,
    // On a shared machine the wall clock includes time spent waiting for a core; CPU time does not.
    cpuMs: distribution(cpuSamples),
    significantComparisons: `${significant} of ${(CRITERIA * MODELS * (MODELS - 1)) / 2}`,
    criteriaWithWinner: winners,
    budgetMs: BUDGET_MS,
    verdict: wall.p50Ms < BUDGET_MS ? 'PASS' : 'FAIL',
  };
  printSection(
    `Evaluation statistics (median of ${RUNS} runs ${Math.round(wall.p50Ms)} ms, budget ${BUDGET_MS} ms: ${result.verdict})`,
    result,
  );
  return result;
}
