import type { EventBus } from './events';
import type { ApiKeys } from './llm/apiKeys';
import type { OpenProject } from './projects/openProject';
import type { ProjectManager } from './projects/projectManager';
import type { SecretStore } from './secrets/secretStore';
import type { Logger } from './util/logger';
import type { WorkerPool } from './workers/workerPool';

/** The services the composition root holds. An API takes the few it uses (`Pick<CoreContext, …>`) beside its DomainDeps. */
export interface CoreContext {
  projects: ProjectManager;
  events: EventBus;
  keys: ApiKeys;
  secrets: SecretStore;
  log: Logger;
  /** App-wide files (settings, staging of uploaded files). */
  dataDir: string;
  /** Worker threads for heavy work, shared by the whole backend. */
  workers: WorkerPool;
}

/**
 * What a domain API is given instead of the whole context: the open project seen through only the repos and
 * services it names (so its signature says what it touches, and a test can build it from those parts alone),
 * and the event bus. `project()` throws the "no project is open" conflict when none is.
 */
export interface DomainDeps<K extends keyof OpenProject> {
  project: () => Pick<OpenProject, K>;
  events: Pick<EventBus, 'emit'>;
}
