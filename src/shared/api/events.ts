import type { JobSummary } from '../domain/job';
import type { ProjectInfo } from '../domain/project';
import type { ArenaMessage } from './arena';

export const dataEntities = [
  'project',
  'providers',
  'models',
  'prices',
  'jobs',
  'calls',
  'sessions',
  'personas',
  'scenarios',
  'datasets',
  'training',
  'domain',
  'prompts',
  'rubrics',
  'evaluation',
  'arena',
] as const;
export type DataEntity = (typeof dataEntities)[number];

/** Every event the backend pushes, by name. */
export interface ApiEvents {
  'job.updated': JobSummary;
  'data.changed': { entity: DataEntity };
  'project.changed': ProjectInfo | null;
  /** Text an arena answer gained since the last delta (streamed token by token). */
  'arena.delta': { conversationId: string; messageId: string; column: number; delta: string; at: number };
  /** An arena message started, finished, stopped or failed. */
  'arena.message': { conversationId: string; message: ArenaMessage };
}

export type ApiEventName = keyof ApiEvents;
export type ApiEvent = { [K in ApiEventName]: { name: K; payload: ApiEvents[K] } }[ApiEventName];
