import type { JobSummary } from '../domain/job';
import type { ProjectInfo } from '../domain/project';

export const dataEntities = ['project', 'providers', 'models', 'prices', 'jobs', 'calls', 'sessions', 'personas', 'scenarios', 'datasets', 'training', 'domain', 'prompts', 'rubrics', 'evaluation'] as const;
export type DataEntity = (typeof dataEntities)[number];

/** Every event the backend pushes, by name. */
export interface ApiEvents {
  'job.updated': JobSummary;
  'data.changed': { entity: DataEntity };
  'project.changed': ProjectInfo | null;
}

export type ApiEventName = keyof ApiEvents;
export type ApiEvent = { [K in ApiEventName]: { name: K; payload: ApiEvents[K] } }[ApiEventName];
