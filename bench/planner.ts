import { planSampleSize, reliabilityWithIntervals } from '../src/main/core/evaluation/statistics';
import { mulberry32 } from '../src/main/core/util/random';
import { distribution, printSection } from './measure';

/**
 * The sample-size planner for the note's question (a difference of 0.3 on a 1–10 scale, SD 1 of each
 * arm's scenario means, correlation 0.5, three arms × two criteria under Holm over all 6 tests), and
 * one arm's judge reliability with bootstrap intervals (150 conversations × 3 repeats, 2,000 resamples),
 * which every results call computes per arm and criterion.
 */
export async function plannerBench(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const plan = planSampleSize({ difference: 0.3, sdA: 1, sdB: 1, correlation: 0.5, familySize: 6 });
  const planMs = Math.round(performance.now() - started);

  const random = mulberry32(5);
  const matrix = Array.from({ length: 150 }, () => {
    const truth = 3 + random() * 3;
    return [0, 1, 2].map(() => Math.round(truth + random() * 2 - 1));
  });
  const samples: number[] = [];
  let estimate = reliabilityWithIntervals(matrix);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    estimate = reliabilityWithIntervals(matrix, { seed: i + 1 });
    samples.push(performance.now() - t);
  }
  const result = {
    planner: {
      question: 'difference 0.3, SD 1 and 1, correlation 0.5, Holm over 6 tests, power 0.8',
      scenarios: plan.n,
      power: plan.power,
      simulationsPerN: plan.simulations,
      sizesSimulated: plan.curve.length,
      ms: planMs,
    },
    reliabilityPerArm: {
      shape: '150 conversations × 3 repeats, 2,000 resamples',
      icc: estimate.icc,
      iccCi: estimate.iccCi,
      wallMs: distribution(samples),
    },
  };
  printSection(
    `Sample-size planner (${plan.n} scenarios in ${planMs} ms) and reliability intervals (median ${Math.round(distribution(samples).p50Ms)} ms per arm and criterion)`,
    result,
  );
  return result;
}
