import { z } from 'zod';
import { exportFormatIds } from '../../../shared/api/datasets';
import { resultOnly, type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import type { DatasetsRepo } from './datasetsRepo';
import { exportFormat, type WrittenFile } from './exporters';
import { PENDING_REASON, releasableRecords } from './privacyGate';
import { frozenRecords } from './records';
import { groupedCount } from '../util/count';

export const exportJobParamsSchema = z.object({
  versionId: z.string(),
  format: z.enum(exportFormatIds),
  target: z.string(),
  examples: z.number().int().min(0),
  bundle: z.object({ baseModel: z.string().optional(), datasetName: z.string(), datasetVersion: z.string(), contentHash: z.string() }),
});
export type ExportJobParams = z.infer<typeof exportJobParamsSchema>;

const PROGRESS_EVERY_MS = 250;

interface ExportResult {
  files: WrittenFile[];
  records: number;
  /** Sessions of the version that awaited personal-detail review when the job ran, left out of the files. */
  withheldForDetails?: { count: number; sessionIds: string[]; reason: string };
}

/** Writes one frozen version to disk in one format, streaming from the project file, as one job item with progress. */
export function exportJob(deps: {
  datasets: DatasetsRepo;
  sessions: SessionsRepo;
}): JobHandler<ExportJobParams, { target: string }, ExportResult> {
  return {
    ...jobKinds.exportDataset,
    paramsSchema: exportJobParamsSchema,
    title: (p) => `Export ${p.bundle.datasetName} v${p.bundle.datasetVersion} as ${exportFormat(p.format).label}`,
    plan: (p) => [{ target: p.target }],
    concurrency: () => 1,
    // The job's result names what was written, so the screen can point at it.
    summarize: (p, items) => ({ target: p.target, ...((items[0]?.result as object | undefined) ?? {}) }),
    async runItem({ params, input, signal, report }) {
      // The gate holds when the data leaves, not only when the export was asked for: a session that
      // got details awaiting review while the job waited (queued, paused, interrupted) is left out.
      const { records, sessions, withheld } = releasableRecords(deps, params.versionId, frozenRecords(deps.datasets, params.versionId));
      if (withheld && withheld.count >= sessions) {
        throw new Error(
          `Nothing exported: every session of this version has ${PENDING_REASON}. Review them under Personal details, then export again.`,
        );
      }
      let last = 0;
      const result = await exportFormat(params.format).run(records, input.target, {
        signal,
        onProgress: (written) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS && written < params.examples) return;
          last = now;
          report?.(`${groupedCount(written)} of ${groupedCount(params.examples)} sessions written.`);
        },
        bundle: {
          ...(params.bundle.baseModel ? { baseModel: params.bundle.baseModel } : {}),
          datasetName: params.bundle.datasetName,
          datasetVersion: params.bundle.datasetVersion,
          contentHash: params.bundle.contentHash,
        },
      });
      const left = withheld
        ? ` ${groupedCount(withheld.count)} session${withheld.count === 1 ? ' was' : 's were'} left out: ${PENDING_REASON}.`
        : '';
      report?.(`Wrote ${groupedCount(result.records)} sessions to ${input.target}.${left}`);
      return resultOnly({ files: result.files, records: result.records, ...(withheld ? { withheldForDetails: withheld } : {}) });
    },
  };
}
