import type { Leaderboard, LeaderboardPair, LeaderboardRow } from '../../../shared/api/arena';
import type { VoteRow } from './arenaRepo';
import { bradleyTerry, ratingIntervals, type Battle } from './bradleyTerry';
import { wilsonInterval } from './wilson';

const SEED = 1;
/** Decided votes a pair needs before its interval, or a rating interval of either model, is shown. */
export const MIN_VOTES_PER_PAIR = 10;

/** Every pair of models that met, with its decided votes and, from 10 votes on, a Wilson interval. */
function headToHead(votes: readonly VoteRow[]): LeaderboardPair[] {
  const pairs = new Map<string, LeaderboardPair>();
  for (const v of votes) {
    if (v.modelA === v.modelB) continue;
    const [a, b] = [v.modelA, v.modelB].sort() as [string, string];
    const key = `${a}\u0000${b}`;
    const pair = pairs.get(key) ?? { a, b, decided: 0, aWins: 0, bWins: 0, ties: 0, aWinRate: null, ci: null, tooFewVotes: true };
    pairs.set(key, pair);
    if (v.verdict === 'both-bad') continue;
    pair.decided++;
    if (v.verdict === 'tie') pair.ties++;
    else if ((v.verdict === 'a') === (v.modelA === a)) pair.aWins++;
    else pair.bWins++;
  }
  return [...pairs.values()].map((p) => {
    const score = p.aWins + p.ties / 2;
    const tooFewVotes = p.decided < MIN_VOTES_PER_PAIR;
    return { ...p, aWinRate: p.decided ? score / p.decided : null, ci: tooFewVotes ? null : wilsonInterval(score, p.decided), tooFewVotes };
  });
}

/**
 * Win rates and Bradley–Terry ratings with bootstrap intervals from blind votes. "Both bad" is not a
 * battle either side won or tied, so it counts for neither; it is reported on its own. Agreement with
 * the judge compares the decisive votes with which column the judge scored higher, where both were judged.
 */
export function buildLeaderboard(
  votes: readonly VoteRow[],
  judgeScore: (conversationId: string, column: number) => number | null,
  resamples: number,
): Leaderboard {
  const models = [...new Set(votes.flatMap((v) => [v.modelA, v.modelB]))].sort();
  const battles: Battle[] = votes
    .filter((v) => v.verdict !== 'both-bad')
    .map((v) => ({ a: v.modelA, b: v.modelB, scoreA: v.verdict === 'a' ? 1 : v.verdict === 'b' ? 0 : 0.5 }));
  const ratings = battles.length ? bradleyTerry(models, battles) : new Map<string, number>();
  const intervals = battles.length ? ratingIntervals(models, battles, resamples, SEED) : new Map<string, { low: number; high: number }>();
  const headToHeads = headToHead(votes);
  const thin = new Set(headToHeads.filter((p) => p.tooFewVotes).flatMap((p) => [p.a, p.b]));
  const rows: LeaderboardRow[] = models.map((model) => {
    const mine = votes.filter((v) => v.modelA === model || v.modelB === model);
    const won = (v: VoteRow) => (v.modelA === model && v.verdict === 'a') || (v.modelB === model && v.verdict === 'b');
    const lost = (v: VoteRow) => (v.modelA === model && v.verdict === 'b') || (v.modelB === model && v.verdict === 'a');
    const wins = mine.filter(won).length;
    const losses = mine.filter(lost).length;
    const ties = mine.filter((v) => v.verdict === 'tie').length;
    const decided = wins + losses + ties;
    return {
      model,
      battles: mine.length,
      wins,
      losses,
      ties,
      bothBad: mine.filter((v) => v.verdict === 'both-bad').length,
      winRate: decided ? (wins + ties / 2) / decided : null,
      rating: ratings.get(model) ?? null,
      ratingCi: thin.has(model) ? null : (intervals.get(model) ?? null),
      tooFewVotes: thin.has(model),
    };
  });
  rows.sort((x, y) => (y.rating ?? -Infinity) - (x.rating ?? -Infinity));

  let pairs = 0;
  let agree = 0;
  let judgedAlike = 0;
  for (const v of votes.filter((x) => x.verdict === 'a' || x.verdict === 'b')) {
    const a = judgeScore(v.conversationId, 0);
    const b = judgeScore(v.conversationId, 1);
    if (a === null || b === null) continue;
    if (a === b) {
      judgedAlike++;
      continue;
    }
    pairs++;
    if (a > b === (v.verdict === 'a')) agree++;
  }
  return {
    rows,
    pairs: headToHeads,
    minVotesPerPair: MIN_VOTES_PER_PAIR,
    votes: votes.length,
    bootstrap: { resamples, seed: SEED },
    judgeAgreement: {
      pairs,
      agree,
      rate: pairs ? agree / pairs : null,
      note: pairs
        ? null
        : judgedAlike
          ? `The judge scored both answers alike in all ${judgedAlike} judged decisive votes, so it prefers neither.`
          : 'No decisive vote has both answers judged yet; judge the voted comparisons to compare.',
    },
  };
}
