import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSampleSize, sdOfDifference, simulatePower } from '../../../src/main/core/evaluation/statistics/planner';

// Powers simulated offline with numpy's generator and scipy.stats.wilcoxon, 20,000 studies per point
// (test/fixtures/statistics/make_planner.py). The app's simulation uses other random numbers, so the
// two agree within simulation error: 4,000 studies here, tolerance 0.03 (about 4 combined SEs).
interface Case {
  difference: number;
  sdA: number;
  sdB: number;
  correlation: number;
  familySize: number;
  n: number;
  power: number;
}
const cases = JSON.parse(readFileSync(join(__dirname, '../../fixtures/statistics/planner.json'), 'utf8')) as Case[];

// Standard normal CDF at 1 (Abramowitz & Stegun 26.2): 0.8413447460685429.
const PHI_1 = 0.8413447460685429;

describe('the sample-size planner', () => {
  it.each(cases)('simulates the power scipy finds (δ $difference, m $familySize, n $n)', (c) => {
    const power = simulatePower(c, c.n, 4000, 7);
    expect(Math.abs(power - c.power)).toBeLessThan(0.03);
  });

  it('matches exact arithmetic where the test has one way to reject: 6 pairs, all positive', () => {
    // With n = 6 the smallest two-sided exact p is 2/64 = 0.031 (every sign positive); the next, 4/64,
    // is above 0.05. So power = P(all six differences > 0) = Φ(δ/σ_d)^6.
    const a = { difference: 1, sdA: 1, sdB: 1, correlation: 0.5, familySize: 1 };
    expect(sdOfDifference(1, 1, 0.5)).toBeCloseTo(1, 12);
    expect(Math.abs(simulatePower(a, 6, 20_000, 3) - PHI_1 ** 6)).toBeLessThan(0.012);
    // A family of 2 halves α to 0.025: below 2/64, so 6 scenarios can never reach it.
    expect(simulatePower({ ...a, familySize: 2 }, 6, 2000, 3)).toBe(0);
  });

  it('finds the smallest n reaching the target, seeded and repeatable, consistent with the reference curve', () => {
    const a = { difference: 0.3, sdA: 1, sdB: 1, correlation: 0.5, familySize: 6 };
    const plan = planSampleSize(a, { simulations: 2000 });
    expect(plan).toMatchObject({ target: 0.8, alphaPerTest: 0.05 / 6, sdDifference: 1 });
    // scipy's power is 0.80 at 145 scenarios and 0.35 at 64.
    expect(plan.n).toBeGreaterThanOrEqual(130);
    expect(plan.n).toBeLessThanOrEqual(160);
    expect(plan.power).toBeGreaterThanOrEqual(0.8);
    expect(plan.curve.find((p) => p.n === plan.n! - 1)?.power ?? 0).toBeLessThan(0.8);
    expect(planSampleSize(a, { simulations: 2000 })).toEqual(plan);
  });

  it('says no n suffices when the difference is zero or out of reach', () => {
    expect(planSampleSize({ difference: 0, sdA: 1, sdB: 1, correlation: 0, familySize: 1 }).n).toBeNull();
    expect(
      planSampleSize({ difference: 0.01, sdA: 2, sdB: 2, correlation: 0, familySize: 6 }, { simulations: 200, maxN: 64 }).n,
    ).toBeNull();
    expect(() => planSampleSize({ difference: 1, sdA: 1, sdB: 1, correlation: 2, familySize: 1 })).toThrow(/correlation/);
  });
});
