import { ApiError } from '../../../shared/api/result';
import { defaultRubrics } from '../judging/defaultRubrics';
import { rubricSchema, type Rubric } from '../judging/rubric';
import type { OpenProject } from '../projects/openProject';

/** The rubrics a run asked for, built-in or the project's own, in the order given. */
export function rubricsOf(project: OpenProject, ids: string[]): Rubric[] {
  const custom = project.judgments.customRubrics().flatMap((r) => {
    const parsed = rubricSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  return ids.map((id) => {
    const rubric = [...defaultRubrics, ...custom].find((r) => r.id === id);
    if (!rubric) throw new ApiError('NOT_FOUND', `There is no rubric "${id}" in this project.`);
    return rubric;
  });
}
