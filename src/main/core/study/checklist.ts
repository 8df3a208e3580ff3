import type { StudyAction, StudyStep, StudyStepId } from '../../../shared/api/study';
import { SIZE_TOLERANCE } from '../../../shared/domain/datasetSize';
import type { SessionFacts } from './studyRepo';
import { groupedCount } from '../util/count';

export interface FrozenDataset {
  datasetId: string;
  name: string;
  versionId: string;
  version: number;
  examples: number;
  /** The model trained on this version, when a training run succeeded. */
  model: { providerId: string; modelId: string } | null;
}

export interface EvalRunFact {
  id: string;
  name: string;
  done: boolean;
  arms: { providerId: string; model: string }[];
  reported: boolean;
}

/** Everything the checklist is derived from; gathered in studyApi, judged here. */
export interface StudyFacts {
  sessions: SessionFacts;
  /** The newest frozen version of each mix the comparison needs; null when there is none. */
  realOnly: FrozenDataset | null;
  hybrid: FrozenDataset | null;
  /** A dataset of that mix exists but has no frozen version yet. */
  unfrozen: { realOnly: { id: string; name: string } | null; hybrid: { id: string; name: string } | null };
  providers: { name: string; fineTuning: boolean }[];
  evalSet: { id: string; name: string; latestVersionId: string | null } | null;
  /** The newest run that compares the fine-tuned models, else the newest run. */
  run: EvalRunFact | null;
  /** Evaluation scenarios found inside training examples of the compared datasets. */
  leakage: { scenarios: number; datasets: string[] };
}

/** More than this relative difference in examples makes "real-only vs hybrid" a comparison of sizes, not of data (the project's one rule). */
export { SIZE_TOLERANCE };

const plural = (n: number, one: string, many = `${one}s`) => `${groupedCount(n)} ${n === 1 ? one : many}`;
const label = (d: FrozenDataset) => `${d.name} v${d.version}`;

/** Says which of the real sessions came with the sample, so its counts are not taken for imported data. */
function sampleNote(s: SessionFacts): string {
  if (s.sample === 0) return '';
  return s.sample === s.real ? " (the sample's)" : ` (${groupedCount(s.sample)} of them the sample's)`;
}

interface Draft {
  step: StudyStepId;
  title: string;
  done: boolean;
  detail: string;
  warnings: string[];
  action: StudyAction | null;
}

/**
 * The experiment as a checklist. Each step is done or not from the data alone; the first step
 * not done is next. Warnings are shown wherever their cause is, even on a step already done,
 * because each of them would spoil the comparison the study ends with.
 */
export function deriveChecklist(f: StudyFacts): StudyStep[] {
  const s = f.sessions;
  const drafts: Draft[] = [
    {
      step: 'import',
      title: 'Import real transcripts',
      done: s.real > 0,
      detail: s.real > 0 ? `${plural(s.real, 'real session')} in the library${sampleNote(s)}` : 'No real transcripts yet',
      warnings: [],
      action: { label: s.real > 0 ? 'Import more transcripts' : 'Import transcripts', area: 'import', sub: null },
    },
    {
      step: 'redact',
      title: 'Clear personal details',
      done: s.real > 0 && s.pendingRedaction === 0,
      detail:
        s.real === 0
          ? 'Nothing imported yet'
          : s.pendingRedaction === 0
            ? 'No session waits for personal-detail review'
            : `${plural(s.pendingRedaction, 'session')} wait for personal-detail review`,
      warnings:
        s.pendingRedaction > 0
          ? [
              `${plural(s.pendingRedaction, 'session')} still ${s.pendingRedaction === 1 ? 'has' : 'have'} personal details nobody has reviewed.`,
            ]
          : [],
      action: { label: 'Review personal details', area: 'library', sub: null },
    },
    {
      step: 'generate',
      title: 'Generate personas, scenarios and sessions',
      done: s.synthetic > 0,
      detail: `${plural(s.personas, 'persona')}, ${plural(s.scenarios, 'scenario')}, ${plural(s.synthetic, 'synthetic session')}`,
      warnings: [],
      action: { label: 'Generate synthetic data', area: 'generate', sub: null },
    },
    judgeStep(s),
    datasetsStep(f),
    fineTuneStep(f),
    evaluateStep(f),
    reportStep(f),
  ];
  const nextIndex = drafts.findIndex((d) => !d.done);
  return drafts.map((d, i) => ({
    ...d,
    next: i === nextIndex,
    state: d.warnings.length > 0 ? 'warning' : d.done ? 'done' : i === nextIndex ? 'next' : 'todo',
  }));
}

function judgeStep(s: SessionFacts): Draft {
  const warnings: string[] = [];
  if (s.unreviewedSafety > 0) warnings.push(`${plural(s.unreviewedSafety, 'safety flag')} not reviewed yet.`);
  if (s.judged > 0 && s.humanRatings === 0)
    warnings.push('The judge was never compared with people: rate a few sessions in Review to see the agreement.');
  const detail =
    s.synthetic === 0
      ? 'Nothing to judge yet'
      : `${s.judged} of ${plural(s.synthetic, 'synthetic session')} judged, ${s.undecided} awaiting a decision, ${plural(s.humanRatings, 'session')} rated by a person`;
  return {
    step: 'judge',
    title: 'Judge and review',
    done: s.synthetic > 0 && s.judged === s.synthetic && s.undecided === 0,
    detail,
    warnings,
    action: { label: s.judged < s.synthetic ? 'Judge the sessions' : 'Review the sessions', area: 'review', sub: null },
  };
}

function datasetsStep(f: StudyFacts): Draft {
  const { realOnly, hybrid } = f;
  const warnings: string[] = [];
  if (realOnly && hybrid) {
    const [a, b] = [realOnly.examples, hybrid.examples];
    const gap = Math.abs(a - b) / Math.max(a, b, 1);
    if (gap > SIZE_TOLERANCE)
      warnings.push(
        `${label(realOnly)} has ${plural(a, 'example')} and ${label(hybrid)} ${plural(b, 'example')} (${Math.round(gap * 100)}% apart): give both the same total so the comparison is about the data, not its size.`,
      );
  }
  const pool = `${plural(f.sessions.approvedReal, 'approved real session')} and ${groupedCount(f.sessions.approvedSynthetic)} synthetic to mix`;
  // A dataset built but not frozen is progress: say so, and what finishes it, whichever step is next.
  const mixPart = (mix: 'real-only' | 'hybrid', frozen: FrozenDataset | null, draft: { name: string } | null) =>
    frozen
      ? `${mix}: ${label(frozen)}, ${plural(frozen.examples, 'example')}`
      : draft
        ? `${mix}: 1 draft (${draft.name}), freeze it`
        : `no frozen ${mix} dataset`;
  const parts = [pool, mixPart('real-only', realOnly, f.unfrozen.realOnly), mixPart('hybrid', hybrid, f.unfrozen.hybrid)];
  const open = (mix: 'real-only' | 'hybrid', unfrozen: { id: string; name: string } | null): StudyAction =>
    unfrozen
      ? { label: `Freeze ${unfrozen.name}`, area: 'datasets', sub: unfrozen.id }
      : { label: `Build the ${mix} dataset`, area: 'datasets', sub: `new:${mix}` };
  return {
    step: 'datasets',
    title: 'Build matched real-only and hybrid datasets',
    done: realOnly !== null && hybrid !== null,
    detail: parts.join('; '),
    warnings,
    // A dataset mixes approved sessions only: with none approved, approving them is the step.
    action:
      f.sessions.approvedReal === 0 && !realOnly
        ? { label: 'Approve real sessions in the Library', area: 'library', sub: null }
        : !realOnly
          ? open('real-only', f.unfrozen.realOnly)
          : !hybrid
            ? open('hybrid', f.unfrozen.hybrid)
            : { label: 'Open the datasets', area: 'datasets', sub: hybrid.datasetId },
  };
}

function fineTuneStep(f: StudyFacts): Draft {
  const warnings: string[] = [];
  if (f.providers.length > 0 && !f.providers.some((p) => p.fineTuning)) {
    warnings.push(
      `No provider in this project can fine-tune (${f.providers.map((p) => p.name).join(', ')}): add OpenAI or Together AI in Settings › Providers, or export a training bundle and register the model you train.`,
    );
  }
  const trained = [f.realOnly, f.hybrid].filter((d): d is FrozenDataset => d !== null);
  const waiting = trained.find((d) => d.model === null);
  const detail =
    trained.length === 0
      ? 'No frozen dataset to train on yet'
      : trained.map((d) => `${label(d)}: ${d.model ? d.model.modelId : 'not trained'}`).join('; ');
  const noProvider = f.providers.length === 0 || !f.providers.some((p) => p.fineTuning);
  return {
    step: 'finetune',
    title: 'Fine-tune a model on each',
    done: f.realOnly?.model != null && f.hybrid?.model != null,
    detail,
    warnings,
    action: noProvider
      ? { label: 'Add a provider that can fine-tune', area: 'settings', sub: 'providers' }
      : waiting
        ? { label: `Fine-tune on ${label(waiting)}`, area: 'finetune', sub: `new:${waiting.versionId}` }
        : { label: 'Open Fine-tune', area: 'finetune', sub: null },
  };
}

/** The compared run has the two fine-tuned models and at least one more arm (the base). */
export function comparesBoth(f: Pick<StudyFacts, 'realOnly' | 'hybrid'>, arms: { providerId: string; model: string }[]): boolean {
  const has = (m: FrozenDataset['model']) => m !== null && arms.some((a) => a.providerId === m.providerId && a.model === m.modelId);
  return f.realOnly?.model != null && f.hybrid?.model != null && has(f.realOnly.model) && has(f.hybrid.model) && arms.length >= 3;
}

function evaluateStep(f: StudyFacts): Draft {
  const warnings: string[] = [];
  if (f.leakage.scenarios > 0)
    warnings.push(
      `${plural(f.leakage.scenarios, 'evaluation scenario')} of ${f.evalSet?.name ?? 'the scenario set'} also appear${f.leakage.scenarios === 1 ? 's' : ''} in training data (${f.leakage.datasets.join(', ')}): the models may have seen the test.`,
    );
  const run = f.run;
  const done = run !== null && run.done && comparesBoth(f, run.arms);
  const detail = !f.evalSet
    ? 'No scenario set yet'
    : !f.evalSet.latestVersionId
      ? `${f.evalSet.name} is not frozen yet`
      : run
        ? `${run.name}: ${run.done ? 'finished' : 'not finished'}, ${plural(run.arms.length, 'model')}${comparesBoth(f, run.arms) ? ' (base, real-only and hybrid)' : ', not yet base vs real-only vs hybrid'}`
        : `${f.evalSet.name} is frozen; no evaluation run yet`;
  const action: StudyAction = !f.evalSet
    ? { label: 'Create a scenario set', area: 'evaluate', sub: null }
    : !f.evalSet.latestVersionId
      ? { label: `Freeze ${f.evalSet.name}`, area: 'evaluate', sub: `set:${f.evalSet.id}` }
      : run && !run.done && comparesBoth(f, run.arms)
        ? { label: 'Follow the evaluation', area: 'evaluate', sub: `run:${run.id}` }
        : { label: 'Evaluate base vs real-only vs hybrid', area: 'evaluate', sub: `new:${f.evalSet.latestVersionId}` };
  return { step: 'evaluate', title: 'Evaluate base vs real-only vs hybrid', done, detail, warnings, action };
}

function reportStep(f: StudyFacts): Draft {
  const run = f.run;
  const ready = run !== null && run.done && comparesBoth(f, run.arms);
  return {
    step: 'report',
    title: 'Write the report',
    done: ready && run.reported,
    detail: !ready
      ? 'Waits for a finished evaluation'
      : run.reported
        ? `Report written for ${run.name}`
        : `${run.name} is ready for its report`,
    warnings: [],
    action: ready ? { label: 'Open the report', area: 'evaluate', sub: `run:${run.id}` } : null,
  };
}
