// Judge calibration as a task of the backend's worker pool (core/workers): rank correlations with
// bootstrap intervals (up to 20,000 resamples per judge), off the answering thread.
import { withWorkerConnection } from '../db/connection';
import { calibrateJudges, type CalibratedJudge } from './calibration';
import { JudgmentsRepo } from './judgmentsRepo';
import type { Rubric } from './rubric';

export interface CalibrationInput {
  file: string;
  /** Resolved on the answering thread (built-in or the project's own). */
  rubric: Rubric;
  resamples?: number | undefined;
  seed?: number | undefined;
}

export function calibrationTask({
  file,
  rubric,
  resamples,
  seed,
}: CalibrationInput): Promise<{ humanSessions: number; judges: CalibratedJudge[] }> {
  return withWorkerConnection(file, (db) => {
    const judgments = new JudgmentsRepo(db);
    const ratings = judgments.humanRatings(rubric.id);
    const judges = calibrateJudges(rubric, ratings, judgments.forRubric(rubric.id), {
      ...(resamples !== undefined ? { resamples } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    return { humanSessions: new Set(ratings.map((r) => r.sessionId)).size, judges };
  });
}
