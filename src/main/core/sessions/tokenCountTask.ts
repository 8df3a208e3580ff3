import { withWorkerConnection } from '../db/connection';
import { countUncountedTokens } from './tokenCounts';

/** The worker side of TokenCountGate: counts the project's uncounted sessions through the worker's own connection. */
export const tokenCountTask = (input: { file: string }): Promise<{ counted: number }> =>
  withWorkerConnection(input.file, (db) => ({ counted: countUncountedTokens(db) }));
