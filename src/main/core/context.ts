import type { EventBus } from './events';
import type { ApiKeys } from './llm/apiKeys';
import type { ProjectManager } from './projects/projectManager';
import type { SecretStore } from './secrets/secretStore';
import type { Logger } from './util/logger';
import type { WorkerPool } from './workers/workerPool';

/** What every domain API gets from the composition root. */
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
