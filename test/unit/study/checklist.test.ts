import { describe, expect, it } from 'vitest';
import { deriveChecklist, SIZE_TOLERANCE, type FrozenDataset, type StudyFacts } from '../../../src/main/core/study/checklist';

const empty: StudyFacts = {
  sessions: {
    real: 0,
    sample: 0,
    pendingRedaction: 0,
    synthetic: 0,
    judged: 0,
    undecided: 0,
    unreviewedSafety: 0,
    approvedReal: 0,
    approvedSynthetic: 0,
    personas: 0,
    scenarios: 0,
    humanRatings: 0,
  },
  realOnly: null,
  hybrid: null,
  unfrozen: { realOnly: null, hybrid: null },
  providers: [],
  evalSet: null,
  run: null,
  leakage: { scenarios: 0, datasets: [] },
};

const frozen = (name: string, examples: number, model: string | null): FrozenDataset => ({
  datasetId: `d-${name}`,
  name,
  versionId: `v-${name}`,
  version: 1,
  examples,
  model: model ? { providerId: 'p1', modelId: model } : null,
});

/** A project where every step is done and nothing spoils the comparison. */
const complete: StudyFacts = {
  sessions: {
    real: 30,
    sample: 0,
    pendingRedaction: 0,
    synthetic: 20,
    judged: 20,
    undecided: 0,
    unreviewedSafety: 0,
    approvedReal: 30,
    approvedSynthetic: 20,
    personas: 5,
    scenarios: 10,
    humanRatings: 6,
  },
  realOnly: frozen('Real', 30, 'ft:real'),
  hybrid: frozen('Mix', 30, 'ft:mix'),
  unfrozen: { realOnly: null, hybrid: null },
  providers: [{ name: 'OpenAI', fineTuning: true }],
  evalSet: { id: 's1', name: 'Exams', latestVersionId: 'sv1' },
  run: {
    id: 'r1',
    name: 'Three arms',
    done: true,
    reported: true,
    arms: [
      { providerId: 'p1', model: 'gpt-base' },
      { providerId: 'p1', model: 'ft:real' },
      { providerId: 'p1', model: 'ft:mix' },
    ],
  },
  leakage: { scenarios: 0, datasets: [] },
};

const byStep = (f: StudyFacts) => Object.fromEntries(deriveChecklist(f).map((s) => [s.step, s]));

describe('the study checklist', () => {
  it('lists the experiment in order; on an empty project the first step is next and the rest wait', () => {
    const steps = deriveChecklist(empty);
    expect(steps.map((s) => s.step)).toEqual(['import', 'redact', 'generate', 'judge', 'datasets', 'finetune', 'evaluate', 'report']);
    expect(steps.map((s) => s.state)).toEqual(['next', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
    expect(steps[0]!.action).toMatchObject({ area: 'import' });
    expect(steps.filter((s) => s.next)).toHaveLength(1);
  });

  it('marks every step done on a complete study, with no warning', () => {
    const steps = deriveChecklist(complete);
    expect(steps.map((s) => s.state)).toEqual(Array(8).fill('done'));
    expect(steps.some((s) => s.next)).toBe(false);
  });

  it('warns about personal details nobody reviewed, and the warning goes once they are', () => {
    const pending = byStep({ ...complete, sessions: { ...complete.sessions, pendingRedaction: 3 } });
    expect(pending.redact!.state).toBe('warning');
    expect(pending.redact!.next).toBe(true);
    expect(pending.redact!.warnings[0]).toMatch(/3 sessions still have personal details/);
    expect(byStep(complete).redact!.warnings).toEqual([]);
  });

  it('warns about unreviewed safety flags and a judge never compared with people', () => {
    const s = byStep({ ...complete, sessions: { ...complete.sessions, unreviewedSafety: 1, humanRatings: 0 } });
    expect(s.judge!.state).toBe('warning');
    expect(s.judge!.warnings.join(' ')).toMatch(/1 safety flag not reviewed/);
    expect(s.judge!.warnings.join(' ')).toMatch(/never compared with people/);
    // Nothing judged yet: there is no judge to compare, so no calibration warning either.
    expect(byStep({ ...empty, sessions: { ...empty.sessions, synthetic: 4 } }).judge!.warnings).toEqual([]);
  });

  it('warns when the two datasets differ in size by more than the tolerance, on either side', () => {
    const size = (real: number, hybrid: number) =>
      byStep({ ...complete, realOnly: frozen('Real', real, 'ft:real'), hybrid: frozen('Mix', hybrid, 'ft:mix') }).datasets!.warnings;
    const within = Math.round(100 * (1 - SIZE_TOLERANCE));
    expect(size(100, within)).toEqual([]);
    expect(size(100, within - 1)[0]).toMatch(/Real v1 has 100 examples and Mix v1 \d+ examples/);
    expect(size(within - 1, 100)).toHaveLength(1);
  });

  it('warns when no provider can fine-tune, and points to where one is added', () => {
    const s = byStep({ ...complete, realOnly: frozen('Real', 30, null), providers: [{ name: 'Local', fineTuning: false }] });
    expect(s.finetune!.state).toBe('warning');
    expect(s.finetune!.warnings[0]).toMatch(/No provider in this project can fine-tune \(Local\)/);
    expect(s.finetune!.action).toEqual({ label: 'Add a provider that can fine-tune', area: 'settings', sub: 'providers' });
  });

  it('asks to approve real sessions first when none is approved, since datasets mix approved sessions only', () => {
    const s = byStep({ ...complete, sessions: { ...complete.sessions, approvedReal: 0 }, realOnly: null, hybrid: null });
    expect(s.datasets!.action).toMatchObject({ area: 'library' });
    expect(s.datasets!.detail).toMatch(/^0 approved real sessions and 20 synthetic to mix/);
    const approved = byStep({ ...complete, realOnly: null, hybrid: null });
    expect(approved.datasets!.action).toMatchObject({ area: 'datasets', sub: 'new:real-only' });
  });

  it('preselects the dataset version that still needs a model', () => {
    const s = byStep({ ...complete, hybrid: frozen('Mix', 30, null), run: null });
    expect(s.finetune!.next).toBe(true);
    expect(s.finetune!.action).toMatchObject({ area: 'finetune', sub: 'new:v-Mix' });
  });

  it('asks for a run that compares base, real-only and hybrid, and warns about leaked scenarios', () => {
    const twoArms = byStep({ ...complete, run: { ...complete.run!, arms: complete.run!.arms.slice(1), reported: false } });
    expect(twoArms.evaluate!.done).toBe(false);
    expect(twoArms.evaluate!.action).toMatchObject({ area: 'evaluate', sub: 'new:sv1' });
    expect(twoArms.report!.done).toBe(false);
    const leaked = byStep({ ...complete, leakage: { scenarios: 2, datasets: ['Mix v1'] } });
    expect(leaked.evaluate!.state).toBe('warning');
    expect(leaked.evaluate!.warnings[0]).toMatch(/2 evaluation scenarios of Exams also appear in training data \(Mix v1\)/);
  });

  it('counts the report as done only once it was written for the compared run', () => {
    const s = byStep({ ...complete, run: { ...complete.run!, reported: false } });
    expect(s.report!.state).toBe('next');
    expect(s.report!.action).toMatchObject({ area: 'evaluate', sub: 'run:r1' });
  });
});
