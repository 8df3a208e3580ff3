// The arena leaderboard as a task of the backend's worker pool (core/workers): its Bradley–Terry
// intervals refit the ratings once per bootstrap resample (up to 100,000), off the answering thread.
import type { Leaderboard } from '../../../shared/api/arena';
import { withWorkerConnection } from '../db/connection';
import { ArenaRepo } from './arenaRepo';
import { buildLeaderboard } from './leaderboard';

export interface LeaderboardInput {
  file: string;
  resamples: number;
}

export function leaderboardTask({ file, resamples }: LeaderboardInput): Promise<Leaderboard> {
  return withWorkerConnection(file, (db) => {
    const arena = new ArenaRepo(db);
    return buildLeaderboard(arena.votes(), (conversationId, column) => arena.judgment(conversationId, column)?.score ?? null, resamples);
  });
}
