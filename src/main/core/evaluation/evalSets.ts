import type { EvalScenario, EvalSetVersionSummary, EvalSetView } from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { newId } from '../util/ids';
import { toPackIds } from './scenarioImport';
import { scenarioSetHash } from './scenarioSetHash';
import type { DatasetsRepo } from '../datasets/datasetsRepo';
import type { EvaluationRepo } from './evaluationRepo';

type Sets = { evaluation: EvaluationRepo };

export function requireSet(project: Sets, id: string) {
  const set = project.evaluation.set(id);
  if (!set) throw new ApiError('NOT_FOUND', 'That scenario set is not in this project.');
  return set;
}

export function setView(project: Sets, id: string): EvalSetView {
  const set = requireSet(project, id);
  return { ...set, scenarios: project.evaluation.scenarios(id), versions: project.evaluation.versions(id) };
}

export function createSet(project: Sets, name: string, description: string): string {
  if (project.evaluation.setNameTaken(name)) throw new ApiError('CONFLICT', `There is already a scenario set called "${name}".`);
  const now = Date.now();
  const id = newId();
  project.evaluation.insertSet({ id, name, description, createdAt: now, updatedAt: now });
  return id;
}

/** The scenarios to generate: `perCell` for every distortion × style, each label checked against the pack. */
export function scenarioCells(
  pack: DomainPack,
  {
    distortions,
    styles,
    perCell,
    riskLevel,
  }: { distortions: string[]; styles: string[]; perCell?: number | undefined; riskLevel?: string | undefined },
) {
  for (const d of distortions)
    if (!pack.distortions.some((x) => x.id === d)) throw new ApiError('INVALID_INPUT', `"${d}" is not a distortion of the domain pack.`);
  for (const s of styles)
    if (!pack.styles.some((x) => x.id === s)) throw new ApiError('INVALID_INPUT', `"${s}" is not a client style of the domain pack.`);
  const risk = riskLevel ?? 'none';
  if (!pack.riskLevels.some((r) => r.id === risk)) throw new ApiError('INVALID_INPUT', `"${risk}" is not a risk level of the domain pack.`);
  const items = distortions
    .flatMap((distortion) => styles.flatMap((style) => Array.from({ length: perCell ?? 1 }, () => ({ distortion, style }))))
    .map((c, index) => ({ ...c, index }));
  return { risk, items };
}

/** Adds a scenario to a set, or replaces one of its own; labels are mapped to the pack's ids first. */
export function saveScenario(
  project: Sets,
  pack: DomainPack,
  setId: string,
  scenario: Omit<EvalScenario, 'id' | 'source'> & { id?: string | undefined },
): void {
  requireSet(project, setId);
  if (scenario.id && !project.evaluation.scenarioInSet(setId, scenario.id))
    throw new ApiError('NOT_FOUND', 'That scenario is not in this set.');
  const mapped = toPackIds(scenario, pack);
  if (typeof mapped === 'string') throw new ApiError('INVALID_INPUT', `The scenario was not saved: ${mapped}.`);
  const existing = scenario.id ? project.evaluation.scenarios(setId).find((s) => s.id === scenario.id) : undefined;
  project.evaluation.saveScenario(setId, { ...mapped, id: scenario.id ?? newId(), source: existing?.source ?? 'manual' }, Date.now());
}

/** A frozen, hashed copy of the set as it stands: runs point at a version, so later edits never change a result. */
export function freezeSet(project: Sets, setId: string): EvalSetVersionSummary {
  requireSet(project, setId);
  const scenarios = project.evaluation.scenarios(setId);
  if (scenarios.length === 0) throw new ApiError('CONFLICT', 'The set has no scenarios yet. Generate, import or write some first.');
  const id = newId();
  project.evaluation.insertVersion({ id, setId, contentHash: scenarioSetHash(scenarios), scenarios, createdAt: Date.now() });
  return project.evaluation.version(id)!.summary;
}

export function requireSetVersion(project: Sets, versionId: string) {
  const v = project.evaluation.version(versionId);
  if (!v) throw new ApiError('NOT_FOUND', 'That scenario set version is not in this project.');
  return v;
}

/** The training examples of the chosen dataset versions as text, one at a time, for the leakage check. */
export function datasetTexts(project: { datasets: DatasetsRepo }, datasetVersionIds: string[]) {
  for (const id of datasetVersionIds)
    if (!project.datasets.version(id)) throw new ApiError('NOT_FOUND', 'A chosen dataset version is not in this project.');
  return (function* () {
    for (const id of datasetVersionIds)
      for (const e of project.datasets.examples(id))
        yield {
          sessionId: e.sessionId,
          title: e.title,
          datasetVersionId: id,
          text: e.messages
            .filter((m) => m.role !== 'system')
            .map((m) => m.content)
            .join('\n'),
        };
  })();
}
