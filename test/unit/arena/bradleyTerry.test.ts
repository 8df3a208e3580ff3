import { describe, expect, it } from 'vitest';
import { bradleyTerry, ratingIntervals, type Battle } from '../../../src/main/core/arena/bradleyTerry';
import { buildLeaderboard } from '../../../src/main/core/arena/leaderboard';

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

describe('the leaderboard', () => {
  const vote = (id: string, verdict: 'a' | 'b' | 'tie' | 'both-bad', modelA = 'x', modelB = 'y') => ({
    conversationId: id,
    verdict,
    reason: null,
    modelA,
    modelB,
    createdAt: 0,
  });

  it('counts wins, losses, ties and both-bad per model, and win rates over decided battles', () => {
    const board = buildLeaderboard(
      [vote('1', 'a'), vote('2', 'a'), vote('3', 'b'), vote('4', 'tie'), vote('5', 'both-bad')],
      () => null,
      200,
    );
    const x = board.rows.find((r) => r.model === 'x')!;
    expect(x).toMatchObject({ battles: 5, wins: 2, losses: 1, ties: 1, bothBad: 1 });
    expect(x.winRate).toBeCloseTo(2.5 / 4, 12);
    expect(board.rows[0]!.model).toBe('x'); // the higher rating first
  });

  it('measures agreement with the judge on decisive votes where both columns were judged differently', () => {
    const scores: Record<string, [number | null, number | null]> = {
      '1': [0.9, 0.2],
      '2': [0.1, 0.8],
      '3': [0.5, 0.5],
      '4': [0.7, null],
      '5': [0.2, 0.9],
    };
    const board = buildLeaderboard(
      [vote('1', 'a'), vote('2', 'a'), vote('3', 'a'), vote('4', 'b'), vote('5', 'b'), vote('6', 'tie')],
      (id, col) => scores[id]?.[col] ?? null,
      100,
    );
    // Judged and decisive: 1 (agrees), 2 (disagrees), 5 (agrees); 3 is a judge tie, 4 lacks a score, 6 is a human tie.
    expect(board.judgeAgreement).toEqual({ pairs: 3, agree: 2, rate: 2 / 3, note: null });
  });
});
