import { z } from 'zod';
import { datasetSpecSchema } from '../../../shared/api/datasets';
import type { EvalScenario } from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import { resultOnly, type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { EvaluationRepo } from '../evaluation/evaluationRepo';
import type { WorkerPool } from '../workers/workerPool';
import type { DatasetsRepo } from './datasetsRepo';

export const freezeJobParamsSchema = z.object({
  datasetId: z.string(),
  datasetName: z.string(),
  /** Fixed when the job is created, so a freeze resumed after a crash writes the same version. */
  versionId: z.string(),
  note: z.string().nullable(),
  createdAt: z.number(),
  /** The spec with "same size as…" resolved when the freeze was asked for. */
  spec: datasetSpecSchema(),
  withheld: z.object({ count: z.number(), sessionIds: z.array(z.string()) }).nullable(),
});
export type FreezeJobParams = z.infer<typeof freezeJobParamsSchema>;

/** The scenarios of every scenario set's newest frozen version: what evaluation will test on (and a freeze checks for leakage). */
export function newestEvaluationScenarios(evaluation: Pick<EvaluationRepo, 'sets' | 'versions' | 'version'>): EvalScenario[] {
  return evaluation.sets().flatMap((set) => {
    const newest = evaluation.versions(set.id).at(-1);
    return newest ? (evaluation.version(newest.id)?.scenarios ?? []) : [];
  });
}

export interface FreezeJobResult {
  versionId: string;
  examples: number;
}

/** Progress reaches the job (and its events) at most this often; the first and last counts always do. */
const PROGRESS_EVERY_MS = 250;

/**
 * The call that asked for a freeze waits for its job; the job's item settles it, so the caller gets the
 * version or the task's own error (a CONFLICT when nothing passes the filters), not only a failed job.
 * A job that ends without running its item (cancelled while queued, interrupted) is settled by the
 * caller, which follows the job's status.
 */
const waiting = new Map<string, { resolve: (r: FreezeJobResult) => void; reject: (err: unknown) => void }>();

export function whenFrozen(versionId: string): Promise<FreezeJobResult> {
  return new Promise((resolve, reject) => waiting.set(versionId, { resolve, reject }));
}

/** Ends the wait for a version, if anyone still waits: with the version made, or with why there is none. */
export function settleFreeze(versionId: string, outcome: { result: FreezeJobResult } | { error: unknown }): void {
  const waiter = waiting.get(versionId);
  waiting.delete(versionId);
  if (!waiter) return;
  if ('result' in outcome) waiter.resolve(outcome.result);
  else waiter.reject(outcome.error);
}

export const freezeCancelled = () => new ApiError('CONFLICT', 'The freeze was cancelled, so no version was made.');

/**
 * Freezes a dataset version as a job of one item: the copying runs on the worker pool, its counts show
 * on the Jobs screen, and cancelling the job stops the worker and removes the examples written so far.
 */
export function freezeJob(deps: {
  datasets: DatasetsRepo;
  file: string;
  workers: WorkerPool;
  evaluationScenarios: () => EvalScenario[];
}): JobHandler<FreezeJobParams, { versionId: string }, FreezeJobResult> {
  return {
    ...jobKinds.freezeDataset,
    paramsSchema: freezeJobParamsSchema,
    title: (p) => `Freeze ${p.datasetName}`,
    plan: (p) => [{ versionId: p.versionId }],
    concurrency: () => 1,
    unit: { one: 'dataset version', many: 'dataset versions' },
    async runItem({ params, signal, count }) {
      const { versionId } = params;
      const done = deps.datasets.version(versionId);
      if (done) return resultOnly({ versionId, examples: done.examples });
      // Examples a crashed or stopped attempt wrote for this version go first.
      deps.datasets.removeExamples(versionId);
      let last = 0;
      try {
        const frozen = await deps.workers.run(
          'freezeDataset',
          {
            file: deps.file,
            spec: params.spec,
            evaluationScenarios: deps.evaluationScenarios(),
            version: {
              id: versionId,
              datasetId: params.datasetId,
              note: params.note,
              createdAt: params.createdAt,
              withheld: params.withheld,
            },
          },
          {
            signal,
            onProgress: ({ done: copied, total }) => {
              const now = Date.now();
              if (copied > 0 && copied < total && now - last < PROGRESS_EVERY_MS) return;
              last = now;
              count?.(copied, total);
            },
          },
        );
        const result = { versionId, examples: frozen.examples };
        settleFreeze(versionId, { result });
        return resultOnly(result);
      } catch (err) {
        // A worker stopped mid-copy (cancelled, or the project closing) left its pages behind. Should the
        // project be closed already, a resumed freeze removes them before it starts.
        if (signal.aborted)
          try {
            deps.datasets.removeExamples(versionId);
          } catch {
            // Left for the resumed freeze (or the cleanup of abandoned examples) to remove.
          }
        settleFreeze(versionId, { error: signal.aborted ? freezeCancelled() : err });
        throw err;
      }
    },
  };
}
