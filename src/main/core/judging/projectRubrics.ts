import { ApiError } from '../../../shared/api/result';
import { defaultRubrics } from './defaultRubrics';
import { rubricSchema, type Rubric } from './rubric';
import type { JudgmentsRepo } from './judgmentsRepo';

/** What reading rubrics needs: the project's own, stored with its judgments. */
export type RubricSource = { judgments: JudgmentsRepo };

/** Every rubric the project can judge with: the built-in ones, then its own (any that no longer parse are left out). */
export function projectRubrics(project: RubricSource): { rubric: Rubric; builtin: boolean }[] {
  const custom = project.judgments.customRubrics().flatMap((r) => {
    const parsed = rubricSchema.safeParse(r);
    return parsed.success ? [{ rubric: parsed.data, builtin: false }] : [];
  });
  return [...defaultRubrics.map((rubric) => ({ rubric, builtin: true })), ...custom];
}

export function rubricById(project: RubricSource, id: string): { rubric: Rubric; builtin: boolean } {
  const found = projectRubrics(project).find((r) => r.rubric.id === id);
  if (!found) throw new ApiError('NOT_FOUND', `There is no rubric "${id}" in this project.`);
  return found;
}

/** The rubrics a run asked for, in the order given. */
export function rubricsOf(project: RubricSource, ids: string[]): Rubric[] {
  return ids.map((id) => rubricById(project, id).rubric);
}
