import { z } from 'zod';
import type { InputSchemas, Method, NoInput } from './contractTypes';

/** The experiment of the write-up, in order: each step needs the ones before it. */
export const studySteps = ['import', 'redact', 'generate', 'judge', 'datasets', 'finetune', 'evaluate', 'report'] as const;
export type StudyStepId = (typeof studySteps)[number];

export type StudyState = 'done' | 'next' | 'todo' | 'warning';

/** Where a step's button goes: a screen (`#/area/sub`) with the right things chosen. */
export interface StudyAction {
  label: string;
  area: 'import' | 'library' | 'generate' | 'review' | 'datasets' | 'finetune' | 'evaluate' | 'settings';
  sub: string | null;
}

export interface StudyStep {
  step: StudyStepId;
  title: string;
  /** A warning outranks done and next: it is something that would spoil the comparison. */
  state: StudyState;
  /** The first step not yet done; its button is the one to press. */
  next: boolean;
  done: boolean;
  /** What is done, in counts ("12 real sessions, 3 wait for review"). */
  detail: string;
  warnings: string[];
  action: StudyAction | null;
}

export interface StudyApi {
  /** The experiment as a checklist, derived from the project's data every time (no state of its own). */
  'study.status': Method<NoInput, StudyStep[]>;
}

export const studyInputs = {
  'study.status': z.strictObject({}),
} satisfies InputSchemas<StudyApi>;
