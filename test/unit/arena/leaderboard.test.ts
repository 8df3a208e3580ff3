import { describe, expect, it } from 'vitest';
import type { VoteRow } from '../../../src/main/core/arena/arenaRepo';
import { buildLeaderboard, MIN_VOTES_PER_PAIR } from '../../../src/main/core/arena/leaderboard';
import { wilsonInterval } from '../../../src/main/core/arena/wilson';

const vote = (i: number, modelA: string, modelB: string, verdict: VoteRow['verdict']): VoteRow => ({
  conversationId: `c${i}`,
  modelA,
  modelB,
  verdict,
  reason: null,
  createdAt: i,
});
const noJudge = () => null;

describe('wilsonInterval', () => {
  it('matches published values (Newcombe 1998, table I) and never collapses to a point', () => {
    // Newcombe's examples 81/263 → 0.2553–0.3662 and 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611.
    const close = (ci: { low: number; high: number } | null, low: number, high: number) => {
      expect(ci!.low).toBeCloseTo(low, 4);
      expect(ci!.high).toBeCloseTo(high, 4);
    };
    close(wilsonInterval(81, 263), 0.2553, 0.3662);
    close(wilsonInterval(15, 148), 0.0624, 0.1605);
    close(wilsonInterval(0, 20), 0, 0.1611);
    // Every vote one way: n / (n + z²) below, 1 above.
    close(wilsonInterval(10, 10), 10 / (10 + 1.959963984540054 ** 2), 1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('buildLeaderboard with few votes', () => {
  it('after one vote says "too few votes" and shows no interval', () => {
    const board = buildLeaderboard([vote(1, 'gpt-4o', 'gpt-4o-mini', 'a')], noJudge, 200);
    expect(board.minVotesPerPair).toBe(MIN_VOTES_PER_PAIR);
    for (const r of board.rows) expect(r).toMatchObject({ tooFewVotes: true, ratingCi: null });
    expect(board.pairs).toEqual([
      { a: 'gpt-4o', b: 'gpt-4o-mini', decided: 1, aWins: 1, bWins: 0, ties: 0, aWinRate: 1, ci: null, tooFewVotes: true },
    ]);
  });

  it('from 10 decided votes per pair gives intervals; a pair below it keeps its models without one', () => {
    const votes: VoteRow[] = [];
    for (let i = 0; i < 10; i++)
      votes.push(vote(i, i % 2 ? 'A' : 'B', i % 2 ? 'B' : 'A', i < 7 ? (i % 2 ? 'a' : 'b') : i === 7 ? 'tie' : i % 2 ? 'b' : 'a'));
    votes.push(vote(20, 'A', 'B', 'both-bad')); // decides nothing, not counted towards the 10
    const board = buildLeaderboard(votes, noJudge, 200);
    const ab = board.pairs!.find((p) => p.a === 'A' && p.b === 'B')!;
    expect(ab).toMatchObject({ decided: 10, aWins: 7, bWins: 2, ties: 1, tooFewVotes: false });
    expect(ab.ci).toEqual(wilsonInterval(7.5, 10));
    expect(board.rows.every((r) => !r.tooFewVotes && r.ratingCi !== null)).toBe(true);

    const withNewcomer = buildLeaderboard([...votes, vote(30, 'C', 'A', 'a')], noJudge, 200);
    const row = (m: string) => withNewcomer.rows.find((r) => r.model === m)!;
    expect(row('C')).toMatchObject({ tooFewVotes: true, ratingCi: null });
    expect(row('A')).toMatchObject({ tooFewVotes: true, ratingCi: null }); // A's pair with C is thin
    expect(row('B').tooFewVotes).toBe(false);
  });
});
