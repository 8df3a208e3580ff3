import { z } from 'zod';
import { exportFormatIds } from '../../../shared/api/datasets';
import { resultOnly, type JobHandler } from '../jobs/jobHandler';
import type { DatasetsRepo } from './datasetsRepo';
import { exportFormat, type WrittenFile } from './exporters';
import { frozenRecords } from './records';

export const exportJobParamsSchema = z.object({
  versionId: z.string(),
  format: z.enum(exportFormatIds),
  target: z.string(),
  examples: z.number().int().min(0),
  bundle: z.object({ baseModel: z.string().optional(), datasetName: z.string(), datasetVersion: z.string(), contentHash: z.string() }),
});
export type ExportJobParams = z.infer<typeof exportJobParamsSchema>;

const PROGRESS_EVERY_MS = 250;

/** Writes one frozen version to disk in one format, streaming from the project file, as one job item with progress. */
export function exportJob(deps: { datasets: DatasetsRepo }): JobHandler<ExportJobParams, { target: string }, { files: WrittenFile[]; records: number }> {
  return {
    kind: 'exportDataset',
    paramsSchema: exportJobParamsSchema,
    title: (p) => `Export ${p.bundle.datasetName} v${p.bundle.datasetVersion} as ${exportFormat(p.format).label}`,
    plan: (p) => [{ target: p.target }],
    concurrency: () => 1,
    // The job's result names what was written, so the screen can point at it.
    summarize: (p, items) => ({ target: p.target, ...((items[0]?.result as object | undefined) ?? {}) }),
    async runItem({ params, input, signal, report }) {
      const records = frozenRecords(deps.datasets, params.versionId);
      let last = 0;
      const result = await exportFormat(params.format).run(records, input.target, {
        signal,
        onProgress: (written) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS && written < params.examples) return;
          last = now;
          report?.(`${written.toLocaleString('en-US')} of ${params.examples.toLocaleString('en-US')} sessions written.`);
        },
        bundle: { ...(params.bundle.baseModel ? { baseModel: params.bundle.baseModel } : {}), datasetName: params.bundle.datasetName, datasetVersion: params.bundle.datasetVersion, contentHash: params.bundle.contentHash },
      });
      report?.(`Wrote ${result.records.toLocaleString('en-US')} sessions to ${input.target}.`);
      return resultOnly({ files: result.files, records: result.records });
    },
  };
}
