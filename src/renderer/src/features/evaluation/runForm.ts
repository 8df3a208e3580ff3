import type { EvalRunSpec, HolmFamily } from '../../../../shared/api/evaluation';
import type { ModelEntry } from '../../../../shared/domain/model';
import type { ProviderModel } from '../models/ModelFields';
import { evalRunDefaults } from '../../../../shared/domain/evalRunDefaults';

export const MAX_ARMS = 6;

/** The labels the write-up compares; offered as suggestions, any label will do. */
export const suggestedLabels = ['Base + prompt', 'Real-only', 'Synthetic-only', 'Hybrid'];

export interface ArmDraft {
  /** For React lists only. */
  key: number;
  label: string;
  /** A model registry entry. */
  entryId: string | null;
  ownPrompt: boolean;
  systemPrompt: string;
  temperature: number | '';
}

export interface RunDraft {
  name: string;
  setVersionId: string | null;
  arms: ArmDraft[];
  /** Null until edited: the domain pack's counselor prompt is shown and used. */
  sharedSystemPrompt: string | null;
  simulatorTemperature: number | '';
  rubricIds: string[] | null;
  formulation: boolean;
  turns: number | '';
  seeds: number | '';
  judgeRepeats: number | '';
  /** Empty: 0.7 with repeats (they must sample to measure consistency), 0 for one judgment. */
  judgeTemperature: number | '';
  holmFamily: HolmFamily;
  useBatchForScoring: boolean;
  budgetUsd: number | '';
}

let nextKey = 1;
export const newArm = (): ArmDraft => ({ key: nextKey++, label: '', entryId: null, ownPrompt: false, systemPrompt: '', temperature: '' });

/** A new run's settings; `entryId` starts it with that model (from Fine-tune's "Add to an evaluation"). */
export const emptyDraft = (setVersionId: string | null, entryId: string | null = null): RunDraft => ({
  name: '',
  setVersionId,
  arms: entryId ? [{ ...newArm(), entryId, label: 'Fine-tuned' }, newArm()] : [newArm()],
  sharedSystemPrompt: null,
  simulatorTemperature: evalRunDefaults.simulatorTemperature,
  rubricIds: null,
  formulation: true,
  turns: evalRunDefaults.turns,
  seeds: evalRunDefaults.seeds,
  judgeRepeats: evalRunDefaults.judgeRepeats,
  judgeTemperature: '',
  holmFamily: 'all',
  useBatchForScoring: false,
  budgetUsd: '',
});

/** A label to start from when a model is picked for an arm whose label is still empty. */
export function labelFor(entry: ModelEntry): string {
  if (entry.kind === 'base') return 'Base + prompt';
  const dataset = entry.lineage?.datasetName;
  return typeof dataset === 'string' && dataset ? dataset.slice(0, 60) : entry.displayName.slice(0, 60);
}

export interface Context {
  registry: ModelEntry[];
  packPrompt: string;
  simulator: ProviderModel;
  judge: ProviderModel;
  defaultRubrics: string[];
}

/** The rubrics in use: the person's choice, or empathy and relevance by default. */
export const chosenRubrics = (draft: RunDraft, ctx: Pick<Context, 'defaultRubrics'>) => draft.rubricIds ?? ctx.defaultRubrics;

/** What still stands between the form and a run, in the order of the form. */
export function problems(draft: RunDraft, ctx: Context): string[] {
  const out: string[] = [];
  if (!draft.name.trim()) out.push('Name the run.');
  if (!draft.setVersionId) out.push('Choose a frozen scenario set version.');
  if (draft.arms.length === 0) out.push('Add at least one model.');
  draft.arms.forEach((a, i) => {
    if (!a.entryId || !ctx.registry.some((e) => e.id === a.entryId)) out.push(`Choose the model of arm ${i + 1}.`);
    if (!a.label.trim()) out.push(`Label arm ${i + 1}.`);
    if (a.ownPrompt && !a.systemPrompt.trim()) out.push(`Write arm ${i + 1}'s own system prompt, or use the shared one.`);
  });
  const labels = draft.arms.map((a) => a.label.trim().toLowerCase()).filter(Boolean);
  if (new Set(labels).size < labels.length) out.push('Give each arm its own label: the results are reported by label.');
  if (!ctx.simulator.providerId || !ctx.simulator.model.trim()) out.push('Choose the patient simulator model.');
  if (!ctx.judge.providerId || !ctx.judge.model.trim()) out.push('Choose the judge model.');
  if (chosenRubrics(draft, ctx).length === 0 && !draft.formulation) out.push('Choose at least one rubric, or formulation accuracy.');
  if (draft.turns === '' || draft.seeds === '' || draft.judgeRepeats === '') out.push('Fill in turns, seeds and judge repeats.');
  return out;
}

/** The run as the API takes it; null while `problems` lists anything. */
export function toSpec(draft: RunDraft, ctx: Context): EvalRunSpec | null {
  if (problems(draft, ctx).length > 0) return null;
  const shared = (draft.sharedSystemPrompt ?? ctx.packPrompt).trim();
  return {
    name: draft.name.trim(),
    setVersionId: draft.setVersionId!,
    arms: draft.arms.map((a) => {
      const entry = ctx.registry.find((e) => e.id === a.entryId)!;
      return {
        label: a.label.trim(),
        providerId: entry.providerId,
        model: entry.modelId,
        systemPrompt: a.ownPrompt ? a.systemPrompt.trim() : null,
        temperature: a.temperature === '' ? null : a.temperature,
      };
    }),
    sharedSystemPrompt: shared || null,
    simulator: {
      providerId: ctx.simulator.providerId!,
      model: ctx.simulator.model.trim(),
      temperature: draft.simulatorTemperature === '' ? 0.8 : draft.simulatorTemperature,
    },
    judge: { providerId: ctx.judge.providerId!, model: ctx.judge.model.trim() },
    rubricIds: chosenRubrics(draft, ctx),
    formulation: draft.formulation,
    turns: draft.turns as number,
    seeds: draft.seeds as number,
    judgeRepeats: draft.judgeRepeats as number,
    judgeTemperature: draft.judgeTemperature === '' ? null : draft.judgeTemperature,
    holmFamily: draft.holmFamily,
    useBatchForScoring: draft.useBatchForScoring,
    budgetUsd: draft.budgetUsd === '' ? null : draft.budgetUsd,
  };
}
