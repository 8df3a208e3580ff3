// Where each arm's model came from: model → training run → dataset version (name, version, hash,
// training-set size), read from the model registry's lineage. One reading for the run view and the
// report, with the size warning when the arms' training sets differ by more than 20%.
import type { EvalArmLineage, EvalRunSpec } from '../../../shared/api/evaluation';
import { datasetSizeWarning } from '../../../shared/domain/datasetSize';
import type { DatasetsRepo } from '../datasets/datasetsRepo';
import type { ModelsRepo } from '../llm/modelsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';

export function armLineage(
  project: { models: ModelsRepo; datasets: DatasetsRepo; providers: ProvidersRepo },
  spec: EvalRunSpec,
): { arms: EvalArmLineage[]; sizeWarning: string | null } {
  const arms = spec.arms.map((arm): EvalArmLineage => {
    const entry = project.models.list(arm.providerId).find((m) => m.modelId === arm.model);
    const lineage = entry?.lineage ?? {};
    const versionId = typeof lineage.datasetVersionId === 'string' ? lineage.datasetVersionId : null;
    const version = versionId ? project.datasets.version(versionId) : undefined;
    const dataset = version ? project.datasets.get(version.datasetId) : undefined;
    return {
      label: arm.label,
      model: arm.model,
      name: entry?.displayName ?? arm.model,
      providerName: project.providers.get(arm.providerId)?.name ?? 'Deleted provider',
      trainingRunId: typeof lineage.trainingRunId === 'string' ? lineage.trainingRunId : null,
      dataset: version
        ? {
            name: dataset?.name ?? 'Deleted dataset',
            version: version.version,
            hash: version.contentHash,
            trainingExamples: version.train,
            examples: version.examples,
          }
        : null,
    };
  });
  return { arms, sizeWarning: datasetSizeWarning(arms.map((a) => ({ label: a.label, examples: a.dataset?.trainingExamples }))) };
}
