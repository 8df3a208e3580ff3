import type { JobsApi } from '../../../shared/api/jobs';
import type { DomainDeps } from '../context';
import { itemView } from './jobRows';

/** The parts of the open project this API reads and writes. */
export type JobsParts = 'jobs' | 'jobsRepo' | 'meta' | 'prompts';

// A generation job's prompt versions (and the domain pack behind them) load only when a job is resumed or its
// prompts compared: a CLI command that follows its import job through jobs.get never needs them.
const jobPrompts = () => import('../generation/jobPrompts');

export function jobsApi({ project: open }: Pick<DomainDeps<JobsParts>, 'project'>): JobsApi {
  return {
    'jobs.list': async ({ status, kind, limit }) => open().jobs.list({ status, kind }, limit ?? 100),
    'jobs.get': async ({ id }) => open().jobs.summary(id),
    'jobs.items': async ({ id, status, offset, limit }) => {
      const project = open();
      project.jobs.summary(id);
      const page = project.jobsRepo.items(id, status, offset ?? 0, limit ?? 100);
      return { rows: page.rows.map(itemView), total: page.total };
    },
    'jobs.cancel': async ({ id }) => open().jobs.cancel(id),
    'jobs.pause': async ({ id }) => open().jobs.pause(id),
    'jobs.resume': async ({ id, budgetUsd, prompts }) => {
      const project = open();
      const { paramsForResume } = await jobPrompts();
      const job = project.jobsRepo.get(id);
      const params = job ? paramsForResume(project, job.params, prompts) : null;
      return project.jobs.resume(id, budgetUsd, params ? () => project.jobsRepo.setParams(id, params) : undefined);
    },
    'jobs.promptChanges': async ({ id }) => {
      const project = open();
      project.jobs.summary(id);
      const { promptChanges } = await jobPrompts();
      return promptChanges(project, project.jobsRepo.get(id)!.params).map(({ name, started, current }) => ({ name, started, current }));
    },
  };
}
