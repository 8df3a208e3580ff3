import { describe, expect, it } from 'vitest';
import { bradleyTerry, ratingIntervals, type Battle } from '../../../src/main/core/arena/bradleyTerry';

const many = (a: string, b: string, scoreA: 0 | 0.5 | 1, n: number): Battle[] => Array.from({ length: n }, () => ({ a, b, scoreA }));

describe('Bradley–Terry ratings', () => {
  it('rates two evenly matched models the same, at 1000', () => {
    const r = bradleyTerry(['x', 'y'], [...many('x', 'y', 1, 5), ...many('x', 'y', 0, 5)]);
    expect(r.get('x')).toBeCloseTo(1000, 6);
    expect(r.get('y')).toBeCloseTo(1000, 6);
  });

  it('solves the two-model case in closed form (3 wins in 4, with the half-game prior)', () => {
    // Wins with the prior: 3.5 and 1.5 over 5 games, so p_x / p_y = 3.5 / 1.5 and the gap is 400·log10(7/3).
    const r = bradleyTerry(['x', 'y'], [...many('x', 'y', 1, 3), ...many('x', 'y', 0, 1)]);
    const gap = 400 * Math.log10(3.5 / 1.5);
    expect(r.get('x')! - r.get('y')!).toBeCloseTo(gap, 6);
    expect(r.get('x')! + r.get('y')!).toBeCloseTo(2000, 6);
  });

  it('counts a tie as half a win to each side', () => {
    const ties = bradleyTerry(['x', 'y'], many('x', 'y', 0.5, 6));
    expect(ties.get('x')).toBeCloseTo(ties.get('y')!, 6);
  });

  it('orders a chain a > b > c and keeps an undefeated model finite', () => {
    const r = bradleyTerry(['a', 'b', 'c'], [...many('a', 'b', 1, 4), ...many('b', 'c', 1, 4)]);
    expect(r.get('a')!).toBeGreaterThan(r.get('b')!);
    expect(r.get('b')!).toBeGreaterThan(r.get('c')!);
    expect(Number.isFinite(r.get('a')!)).toBe(true);
  });

  it('gives seeded bootstrap intervals that contain the estimate and narrow with more votes', () => {
    const few = [...many('x', 'y', 1, 6), ...many('x', 'y', 0, 4)];
    const lots = [...many('x', 'y', 1, 60), ...many('x', 'y', 0, 40)];
    const a = ratingIntervals(['x', 'y'], few, 500, 3);
    const b = ratingIntervals(['x', 'y'], few, 500, 3);
    expect(a.get('x')).toEqual(b.get('x'));
    const fit = bradleyTerry(['x', 'y'], few).get('x')!;
    expect(a.get('x')!.low).toBeLessThanOrEqual(fit);
    expect(a.get('x')!.high).toBeGreaterThanOrEqual(fit);
    const wide = a.get('x')!.high - a.get('x')!.low;
    const narrow = ratingIntervals(['x', 'y'], lots, 500, 3).get('x')!;
    expect(narrow.high - narrow.low).toBeLessThan(wide);
  });
});
