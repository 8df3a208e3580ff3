import type { JobsApi } from '../../../shared/api/jobs';
import type { CoreContext } from '../context';
import { paramsForResume, promptChanges } from '../generation/jobPrompts';
import { itemView } from './jobsRepo';

export function jobsApi({ projects }: CoreContext): JobsApi {
  return {
    'jobs.list': async ({ status, kind, limit }) => projects.require().jobs.list({ status, kind }, limit ?? 100),
    'jobs.get': async ({ id }) => projects.require().jobs.summary(id),
    'jobs.items': async ({ id, status, offset, limit }) => {
      const project = projects.require();
      project.jobs.summary(id);
      const page = project.jobsRepo.items(id, status, offset ?? 0, limit ?? 100);
      return { rows: page.rows.map(itemView), total: page.total };
    },
    'jobs.cancel': async ({ id }) => projects.require().jobs.cancel(id),
    'jobs.pause': async ({ id }) => projects.require().jobs.pause(id),
    'jobs.resume': async ({ id, budgetUsd, prompts }) => {
      const project = projects.require();
      const job = project.jobsRepo.get(id);
      const params = job ? paramsForResume(project, job.params, prompts) : null;
      return project.jobs.resume(id, budgetUsd, params ? () => project.jobsRepo.setParams(id, params) : undefined);
    },
    'jobs.promptChanges': async ({ id }) => {
      const project = projects.require();
      project.jobs.summary(id);
      return promptChanges(project, project.jobsRepo.get(id)!.params).map(({ name, started, current }) => ({ name, started, current }));
    },
  };
}
