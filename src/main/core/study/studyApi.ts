import type { DatasetMix } from '../../../shared/api/datasets';
import type { StudyApi } from '../../../shared/api/study';
import type { CoreContext, DomainDeps } from '../context';
import { REPORTED_RUNS, runStatusOf } from '../evaluation/runStatus';
import type { OpenProject } from '../projects/openProject';
import { comparesBoth, deriveChecklist, type EvalRunFact, type FrozenDataset, type StudyFacts } from './checklist';
import { StudyRepo } from './studyRepo';
import type { WorkerPool } from '../workers/workerPool';

/** The parts of the open project this API reads and writes. */
export type StudyParts = 'datasets' | 'db' | 'evaluation' | 'file' | 'jobsRepo' | 'meta' | 'providers' | 'trainingRuns';

export function studyApi({ project: open, workers }: Pick<DomainDeps<StudyParts>, 'project'> & Pick<CoreContext, 'workers'>): StudyApi {
  return {
    'study.status': async () => deriveChecklist(await gatherFacts(open(), workers)),
  };
}

/** The newest frozen version of the newest dataset of a mix that has one, with the model trained on it. */
function frozenOf(
  project: Pick<OpenProject, StudyParts>,
  mix: DatasetMix,
): { frozen: FrozenDataset | null; hash: string | null; unfrozen: { id: string; name: string } | null } {
  const datasets = project.datasets.list().filter((d) => d.spec.mix === mix);
  const runs = project.trainingRuns.list();
  let frozen: (FrozenDataset & { at: number; hash: string }) | null = null;
  for (const d of datasets) {
    const v = project.datasets.versions(d.id).at(-1);
    if (!v || (frozen && frozen.at > v.createdAt)) continue;
    const trained = runs.filter((r) => r.datasetVersionId === v.id && r.status === 'succeeded' && r.fineTunedModel && r.providerId).at(-1);
    frozen = {
      datasetId: d.id,
      name: d.name,
      versionId: v.id,
      version: v.version,
      examples: v.stats.examples,
      model: trained ? { providerId: trained.providerId!, modelId: trained.fineTunedModel! } : null,
      at: v.createdAt,
      hash: v.contentHash,
    };
  }
  const unfrozen = datasets.find((d) => project.datasets.versions(d.id).length === 0) ?? null;
  if (!frozen) return { frozen: null, hash: null, unfrozen: unfrozen && { id: unfrozen.id, name: unfrozen.name } };
  const { at: _at, hash, ...rest } = frozen;
  return { frozen: rest, hash, unfrozen: null };
}

async function gatherFacts(project: Pick<OpenProject, StudyParts>, workers: WorkerPool): Promise<StudyFacts> {
  const real = frozenOf(project, 'real-only');
  const hybrid = frozenOf(project, 'hybrid');
  const pair = { realOnly: real.frozen, hybrid: hybrid.frozen };
  const reported = new Set(project.meta.get<string[]>(REPORTED_RUNS) ?? []);
  const runs: (EvalRunFact & { setVersionId: string })[] = project.evaluation.runs().map((r) => ({
    id: r.id,
    name: r.spec.name,
    // A run with judgments missing is not a finished comparison: its status is 'problems', not 'done'.
    done: runStatusOf(project, r).status === 'done',
    arms: r.spec.arms.map((a) => ({ providerId: a.providerId, model: a.model })),
    reported: reported.has(r.id),
    setVersionId: r.setVersionId,
  }));
  const run = runs.filter((r) => comparesBoth(pair, r.arms)).at(-1) ?? runs.at(-1) ?? null;
  const sets = project.evaluation.sets();
  const runSet = run ? project.evaluation.version(run.setVersionId)?.summary.setId : undefined;
  const set = sets.find((s) => s.id === runSet) ?? sets.at(-1) ?? null;
  const latestVersionId = set ? (project.evaluation.versions(set.id).at(-1)?.id ?? null) : null;
  return {
    sessions: new StudyRepo(project.db).sessionFacts(),
    ...pair,
    unfrozen: { realOnly: real.unfrozen, hybrid: hybrid.unfrozen },
    providers: project.providers.list().map((p) => ({ name: p.name, fineTuning: p.capabilities.fineTuning })),
    evalSet: set && { id: set.id, name: set.name, latestVersionId },
    run: run && { id: run.id, name: run.name, done: run.done, arms: run.arms, reported: run.reported },
    leakage: await leakageOf(project, workers, run?.setVersionId ?? latestVersionId, [
      { dataset: pair.realOnly, hash: real.hash },
      { dataset: pair.hybrid, hash: hybrid.hash },
    ]),
  };
}

/**
 * The last leakage check of each open project, by what it read: frozen versions never change, so the
 * scenario set's and the datasets' content hashes (with the names it reports) say when it is still true.
 * The checklist refetches on every data change; reading every training example each time would not scale.
 * The answer is also kept in the project file, so the first screen after a restart does not wait for it.
 */
const leakageCache = new WeakMap<object, LeakageAnswer>();
const LEAKAGE_META = 'studyLeakage';
type LeakageAnswer = { key: string; value: StudyFacts['leakage'] };

/** Scenarios of the evaluated (or latest frozen) set that occur inside the compared training data; read on the worker pool. */
async function leakageOf(
  project: Pick<OpenProject, StudyParts>,
  workers: WorkerPool,
  setVersionId: string | null,
  datasets: { dataset: FrozenDataset | null; hash: string | null }[],
): Promise<StudyFacts['leakage']> {
  const version = setVersionId ? project.evaluation.version(setVersionId) : undefined;
  const compared = datasets.filter((d): d is { dataset: FrozenDataset; hash: string } => d.dataset !== null && d.hash !== null);
  if (!version || compared.length === 0) return { scenarios: 0, datasets: [] };
  const key = JSON.stringify([version.summary.contentHash, compared.map(({ dataset: d, hash }) => [d.versionId, hash, d.name, d.version])]);
  const cached = leakageCache.get(project) ?? project.meta.get<LeakageAnswer>(LEAKAGE_META);
  if (cached?.key === key) {
    leakageCache.set(project, cached);
    return cached.value;
  }
  const pairs = await workers.run('scenarioLeakage', {
    file: project.file,
    scenarios: version.scenarios,
    datasetVersionIds: compared.map((c) => c.dataset.versionId),
  });
  const names = compared
    .filter(({ dataset: d }) => pairs.some((p) => p.datasetVersionId === d.versionId))
    .map(({ dataset: d }) => `${d.name} v${d.version}`);
  const value = { scenarios: new Set(pairs.map((p) => p.scenarioId)).size, datasets: names };
  leakageCache.set(project, { key, value });
  project.meta.set(LEAKAGE_META, { key, value });
  return value;
}
