// The planner behind `evalRuns.plan`: turns a pilot run's results (or entered SDs and a correlation)
// into the assumptions of statistics/planner.ts, with the Holm family the run would use.
import { holmFamilyLabel, type EvalPlanInput, type EvalPlanView, type EvalResults, type HolmFamily } from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import { describe } from './statistics/descriptive';
import { planSampleSize, sdOfDifference, simulatePower } from './statistics/planner';
import { groupedCount } from '../util/count';

const SEED = 1;
const SIMULATIONS = 2000;
/** The pilot's own comparisons are many; fewer studies each keep the answer quick (±0.02). */
const CURRENT_SIMULATIONS = 500;
const MAX_N = 1000;

function pearson(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Scenario means of two arms on one criterion, paired (scenarios both have). */
function paired(results: EvalResults, criterion: string, a: string, b: string): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const s of results.perScenario) {
    const va = s.means[a]?.[criterion];
    const vb = s.means[b]?.[criterion];
    if (typeof va === 'number' && typeof vb === 'number') {
      x.push(va);
      y.push(vb);
    }
  }
  return { x, y };
}

export function planRun(input: EvalPlanInput, pilot: EvalResults | null, pilotFamily: HolmFamily | null): EvalPlanView {
  const target = input.power ?? 0.8;
  const family = input.holmFamily ?? pilotFamily ?? 'all';
  const arms = pilot ? pilot.models.length : (input.arms ?? 2);
  const criteria = pilot ? pilot.criteria.length : (input.criteria ?? 1);
  const pairs = (arms * (arms - 1)) / 2;
  const tests = Math.max(1, family === 'all' ? pairs * criteria : pairs);

  let assumed = {
    sdA: input.sdA,
    sdB: input.sdB,
    correlation: input.correlation,
    criterion: null as string | null,
    a: null as string | null,
    b: null as string | null,
  };
  const current: EvalPlanView['current'] = [];
  if (pilot) {
    const criterion = input.criterion ?? pilot.criteria[0]?.id;
    if (!criterion || !pilot.criteria.some((c) => c.id === criterion))
      throw new ApiError(
        'INVALID_INPUT',
        `The run has no criterion "${input.criterion}". Its criteria: ${pilot.criteria.map((c) => c.id).join(', ')}.`,
      );
    // The pair with the most variable differences on that criterion: planning for it covers the others.
    let widest: { a: string; b: string; sdA: number; sdB: number; correlation: number; sd: number } | null = null;
    for (const c of pilot.comparisons) {
      const { x, y } = paired(pilot, c.criterion, c.a, c.b);
      const differences = x.map((v, i) => v - y[i]!);
      const sd = describe(differences).sd;
      if (sd !== null && c.meanDifference !== null) {
        current.push({
          criterion: c.criterion,
          label: pilot.criteria.find((k) => k.id === c.criterion)?.label ?? c.criterion,
          a: c.a,
          b: c.b,
          n: differences.length,
          observedDifference: c.meanDifference,
          sdDifference: sd,
          power:
            c.meanDifference === 0
              ? 0
              : simulatePower(
                  { difference: c.meanDifference, sdA: sd, sdB: 0, correlation: 0, familySize: tests },
                  differences.length,
                  CURRENT_SIMULATIONS,
                  SEED,
                ),
        });
      }
      if (c.criterion !== criterion || sd === null) continue;
      const sdA = describe(x).sd;
      const sdB = describe(y).sd;
      const r = pearson(x, y);
      if (sdA === null || sdB === null || r === null) continue;
      if (!widest || sd > widest.sd) widest = { a: c.a, b: c.b, sdA, sdB, correlation: r, sd };
    }
    if (widest)
      assumed = {
        sdA: input.sdA ?? widest.sdA,
        sdB: input.sdB ?? widest.sdB,
        correlation: input.correlation ?? widest.correlation,
        criterion,
        a: widest.a,
        b: widest.b,
      };
    else assumed.criterion = criterion;
  }
  if (assumed.sdA === undefined || assumed.sdB === undefined || assumed.correlation === undefined) {
    throw new ApiError(
      'INVALID_INPUT',
      pilot
        ? 'The pilot run has too few scenarios scored by two arms (3 or more are needed) to estimate SDs and a correlation: enter sdA, sdB and correlation.'
        : 'Enter the SD of each arm’s scenario means (sdA, sdB) and their correlation, or name a pilot run to take them from.',
    );
  }
  const assumptions = {
    difference: input.difference,
    sdA: assumed.sdA,
    sdB: assumed.sdB,
    correlation: assumed.correlation,
    familySize: tests,
  };
  const plan = planSampleSize(assumptions, { power: target, simulations: SIMULATIONS, seed: SEED, maxN: MAX_N });
  return {
    family: { kind: family, tests, alphaPerTest: plan.alphaPerTest },
    assumptions: {
      difference: input.difference,
      sdA: assumed.sdA,
      sdB: assumed.sdB,
      correlation: assumed.correlation,
      sdDifference: sdOfDifference(assumed.sdA, assumed.sdB, assumed.correlation),
      source: pilot && input.sdA === undefined ? 'pilot' : 'entered',
      criterion: assumed.criterion,
      a: assumed.a,
      b: assumed.b,
    },
    required: { n: plan.n, power: plan.power, target, maxN: MAX_N },
    curve: plan.curve,
    current,
    simulations: SIMULATIONS,
    seed: SEED,
    method: `Simulated paired Wilcoxon signed-rank tests (${groupedCount(SIMULATIONS)} studies per n, seed ${SEED}) on scenario-mean differences drawn from a normal distribution; each test at α/m = 0.05/${tests} for Holm over ${holmFamilyLabel(family, tests)}, which is what one real difference among the ${tests} tests needs.`,
  };
}
