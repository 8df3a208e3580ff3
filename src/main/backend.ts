import { join } from 'node:path';
import type { Handlers } from '../shared/api';
import type { HostKind } from '../shared/api/app';
import type { DesktopApi } from '../shared/api/desktop';
import type { ApiResult } from '../shared/api/result';
import { appApi } from './core/appApi';
import type { CoreContext } from './core/context';
import { EventBus, type EventListener } from './core/events';
import { jobsApi } from './core/jobs/jobsApi';
import { ApiKeys } from './core/llm/apiKeys';
import { callsApi } from './core/llm/callsApi';
import { modelsApi } from './core/llm/modelsApi';
import { providersApi } from './core/llm/providersApi';
import { ProjectManager } from './core/projects/projectManager';
import { projectJobs } from './core/projectJobs';
import { projectsApi } from './core/projects/projectsApi';
import type { SecretStore } from './core/secrets/secretStore';
import { redactionApi } from './core/sessions/redactionApi';
import { sessionsApi } from './core/sessions/sessionsApi';
import { importsApi } from './core/transcripts/importsApi';
import { generationApi } from './core/generation/generationApi';
import { synthesisApi } from './core/generation/synthesisApi';
import { datasetsApi } from './core/datasets/datasetsApi';
import { trainingApi } from './core/training/trainingApi';
import { evaluationApi } from './core/evaluation/evaluationApi';
import { arenaApi } from './core/arena/arenaApi';
import { judgingApi } from './core/judging/judgingApi';
import { studyApi } from './core/study/studyApi';
import type { SettingsStore } from './core/settings/settingsStore';
import { consoleSink, createLogger, type LogSink } from './core/util/logger';
import { WorkerPool } from './core/workers/workerPool';
import { createDispatcher } from './rpc/dispatcher';
import { APP_NAME, APP_VERSION } from './version';

export interface BackendOptions {
  host: HostKind;
  /** Where app-wide files live (settings, key file, default projects folder). */
  dataDir: string;
  secrets: SecretStore;
  settings: SettingsStore;
  /** Open this project at start; otherwise the last one, or the sample on first launch. */
  projectFile?: string | undefined;
  /** Skip opening anything at start (the CLI and tests open what they need). */
  openAtStartup?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  logSink?: LogSink;
  /** Only the Electron host has native dialogs. */
  desktop?: DesktopApi;
}

export interface Backend {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
  /** Scrubs any key the backend has handled out of a text (for host-level logs). */
  scrub(text: string): string;
}

/** The composition root: one backend, whichever host puts it in front of people. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const events = new EventBus();
  const keys = new ApiKeys(options.secrets, options.env ?? {}, options.settings);
  const log = createLogger(options.logSink ?? consoleSink, (t) => keys.scrub(t));
  const projectsDir = join(options.dataDir, 'projects');
  const trainingPollMs = Number(options.env?.HDS_TRAINING_POLL_MS) || undefined;
  const jobLeaseMs = Number(options.env?.HDS_JOB_LEASE_MS) || undefined;
  const maxRunningJobs = Number(options.env?.HDS_MAX_RUNNING_JOBS) || undefined;
  const projectOptions = {
    ...(trainingPollMs ? { trainingPollMs } : {}),
    ...(jobLeaseMs ? { jobLeaseMs } : {}),
    ...(maxRunningJobs ? { maxRunningJobs } : {}),
  };
  const projects = new ProjectManager({
    projectsDir,
    settings: options.settings,
    keys,
    events,
    log,
    projectOptions,
    jobs: (project) => projectJobs(project, events),
  });
  const workers = new WorkerPool();
  const ctx: CoreContext = { projects, events, keys, secrets: options.secrets, log, dataDir: options.dataDir, workers };

  // Typed as the whole contract: leaving a domain's handlers out does not compile.
  const handlers: Handlers = {
    ...appApi({
      name: APP_NAME,
      version: APP_VERSION,
      host: options.host,
      desktop: Boolean(options.desktop),
      dataDir: options.dataDir,
      projectsDir,
    }),
    ...projectsApi(ctx),
    ...providersApi(ctx),
    ...modelsApi(ctx),
    ...jobsApi(ctx),
    ...callsApi(ctx),
    ...sessionsApi(ctx),
    ...redactionApi(ctx),
    ...importsApi(ctx),
    ...generationApi(ctx),
    ...synthesisApi(ctx),
    ...judgingApi(ctx),
    ...datasetsApi(ctx),
    ...trainingApi(ctx),
    ...evaluationApi(ctx),
    ...arenaApi(ctx),
    ...studyApi(ctx),
    ...(options.desktop ?? {}),
  };
  const dispatch = createDispatcher(handlers, log);

  if (options.projectFile) await projects.openFile(options.projectFile);
  else if (options.openAtStartup !== false) await projects.openAtStartup();

  return {
    call: dispatch,
    subscribe: (listener) => events.subscribe(listener),
    close: async () => {
      await projects.close();
      await workers.close();
    },
    scrub: (text) => keys.scrub(text),
  };
}
