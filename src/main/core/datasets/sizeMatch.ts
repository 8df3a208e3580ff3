// Matched dataset sizes: "same size as…" resolves a spec's total from another dataset's newest
// frozen version, and a preview warns when it would be compared with a dataset of another mix
// that differs by more than 20% (shared/domain/datasetSize).
import type { DatasetPreview, DatasetSpec } from '../../../shared/api/datasets';
import { ApiError } from '../../../shared/api/result';
import { datasetSizeWarning } from '../../../shared/domain/datasetSize';
import type { DatasetsRepo } from './datasetsRepo';

/** The spec with `total` set from the dataset it should match in size (unchanged without one). */
export function resolveSize(
  project: { datasets: DatasetsRepo },
  spec: DatasetSpec,
  selfId: string | null,
): { spec: DatasetSpec; matched: DatasetPreview['matched'] } {
  if (!spec.sameSizeAs) return { spec, matched: null };
  if (spec.sameSizeAs === selfId)
    throw new ApiError('INVALID_INPUT', 'A dataset cannot match its own size; choose another dataset under "Same size as".');
  const other = project.datasets.get(spec.sameSizeAs);
  if (!other)
    throw new ApiError(
      'NOT_FOUND',
      'The dataset to match in size is no longer in this project; choose another under "Same size as", or clear it.',
    );
  const newest = project.datasets.versions(other.id).at(-1);
  if (!newest) throw new ApiError('CONFLICT', `"${other.name}" has no frozen version yet, so it has no size to match. Freeze it first.`);
  return {
    spec: { ...spec, total: newest.examples },
    matched: { datasetId: other.id, name: other.name, version: newest.version, examples: newest.examples },
  };
}

/**
 * A warning when `examples` differs by more than 20% from the newest version of the matched dataset,
 * or of any dataset of another mix (the ones a comparison would pit against this one).
 */
export function sizeWarningFor(
  project: { datasets: DatasetsRepo },
  name: string,
  spec: DatasetSpec,
  examples: number,
  selfId: string | null,
): string | null {
  const others = project.datasets
    .list()
    .filter((d) => d.id !== selfId && (spec.sameSizeAs ? d.id === spec.sameSizeAs : d.spec.mix !== spec.mix))
    .flatMap((d) => {
      const newest = project.datasets.versions(d.id).at(-1);
      return newest ? [{ label: `"${d.name}" v${newest.version}`, examples: newest.examples }] : [];
    });
  for (const other of others) {
    const warning = datasetSizeWarning([{ label: name, examples }, other]);
    if (warning) return warning;
  }
  return null;
}
