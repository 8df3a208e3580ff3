import type { DatasetSpec, DatasetStats } from '../../../shared/api/datasets';
import type { EvalScenario } from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import { withWorkerConnection } from '../db/connection';
import { idBefore } from '../util/ids';
import type { TaskProgress } from '../workers/taskProgress';
import { DatasetsRepo } from './datasetsRepo';
import { materialize, type Materialized } from './freeze';

export interface FreezeInput {
  /** The open project's file; the worker reads and writes it through its own connection. */
  file: string;
  spec: DatasetSpec;
  evaluationScenarios: EvalScenario[];
  /** Absent for a preview, which stores no version (only the token counts it may have had to make). */
  version?: { id: string; datasetId: string; note: string | null; createdAt: number; withheld: Withheld | null };
}

/** Sessions the privacy gate left out (personal details awaiting review), noted in the version's statistics. */
type Withheld = NonNullable<DatasetStats['withheldForDetails']>;

const nothingToFreeze = (withheld: Withheld | null) =>
  withheld
    ? new ApiError(
        'CONFLICT',
        `Nothing to freeze: the ${withheld.count === 1 ? 'one session' : `${withheld.count} sessions`} the filters let in ${withheld.count === 1 ? 'has' : 'have'} personal details awaiting review. Review them under Personal details, then freeze again.`,
        { sessionIds: withheld.sessionIds },
      )
    : new ApiError(
        'CONFLICT',
        'No session passes the filters, so there is nothing to freeze. Imported sessions start as drafts: approve them in Review or the Library, or allow Draft among the session statuses, or widen the other filters.',
      );

/** A freeze that died with its process leaves examples without a version; after a day they are surely not in progress. */
const ABANDONED_AFTER_MS = 24 * 3600_000;

/**
 * Freezes (or previews) a dataset in a worker thread: examples are written page by page as they are
 * copied, each page in its own short transaction, and the version row last, so a reader sees the whole
 * version or none of it. This connection runs without foreign-key checks because the examples are
 * written before the version row they belong to.
 */
export function freezeTask(input: FreezeInput, progress: (p: TaskProgress) => void): Promise<Materialized> {
  const { version } = input;
  return withWorkerConnection(
    input.file,
    (db) => {
      if (!version)
        return materialize(
          db,
          input.spec,
          input.evaluationScenarios,
          () => undefined,
          (done, total) => progress({ done, total }),
        );
      const datasets = new DatasetsRepo(db);
      datasets.removeUnfinishedExamples(idBefore(Date.now() - ABANDONED_AFTER_MS));
      try {
        const result = materialize(
          db,
          input.spec,
          input.evaluationScenarios,
          (page) => datasets.insertExamples(version.id, page),
          (done, total) => progress({ done, total }),
        );
        if (result.examples === 0) throw nothingToFreeze(version.withheld);
        if (!datasets.get(version.datasetId)) throw new ApiError('NOT_FOUND', 'That dataset was deleted while it was being frozen.');
        const stats = version.withheld ? { ...result.stats, withheldForDetails: version.withheld } : result.stats;
        datasets.insertVersion({
          id: version.id,
          datasetId: version.datasetId,
          contentHash: result.contentHash,
          spec: input.spec,
          stats,
          note: version.note,
          createdAt: version.createdAt,
        });
        return { ...result, stats };
      } catch (err) {
        datasets.removeExamples(version.id);
        throw err;
      }
    },
    { foreignKeys: version === undefined },
  );
}
