import { join } from 'node:path';
import type { HandlerLoaders } from '../shared/api';
import type { HostKind } from '../shared/api/app';
import type { DesktopApi } from '../shared/api/desktop';
import type { ApiResult } from '../shared/api/result';
import { appApi } from './core/appApi';
import { EventBus, type EventListener } from './core/events';
import { ApiKeys } from './core/llm/apiKeys';
import { projectJobs } from './core/projectJobs';
import { ProjectManager } from './core/projects/projectManager';
import { projectsApi } from './core/projects/projectsApi';
import type { SecretStore } from './core/secrets/secretStore';
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
  /**
   * Count the tokens of sessions an import stores as soon as they land, on the worker pool, so the
   * library rarely waits for them (the app's hosts). A CLI command leaves them to the command that shows them.
   */
  countTokensInBackground?: boolean;
  /** The host's thread answers no one else (a CLI command): small tasks run on it rather than on a worker (see WorkerPool). */
  smallTasksHere?: boolean;
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
  const workers = new WorkerPool({ smallTasksHere: options.smallTasksHere === true });
  const projects = new ProjectManager({
    projectsDir,
    settings: options.settings,
    keys,
    events,
    log,
    projectOptions,
    jobs: (project) => projectJobs(project, events, workers),
  });
  // Domain APIs see the open project only through the parts they name (DomainDeps), not the ProjectManager.
  const open = () => projects.require();
  const domain = { project: open, events };

  // One loader per domain, typed against the whole contract: leaving a domain's handlers out does not
  // compile. A domain's code is imported on its first call (once), so a short command loads only its own.
  const once = <T>(load: () => Promise<T>) => {
    let loaded: Promise<T> | undefined;
    return () => (loaded ??= load());
  };
  type Handler = (input: never) => Promise<unknown>;
  // A domain's handlers, each running `first` before it.
  const before =
    (first: () => Promise<void>) =>
    <T extends object>(load: () => Promise<T>) =>
      once(async () => {
        const table = Object.entries(await load()) as [string, Handler][];
        return Object.fromEntries(
          table.map(([method, handler]) => [
            method,
            async (input: never) => {
              await first();
              return handler(input);
            },
          ]),
        ) as T;
      });
  // A domain whose calls show or sum sessions' token counts: an import stores its sessions uncounted (the
  // tokenizer is the slowest part of a short import), so each call first has them counted on the worker
  // pool (see sessions/tokenCounts); with nothing uncounted that is one look at an index.
  const tokenGate = once(
    async () =>
      new (await import('./core/sessions/tokenCountGate')).TokenCountGate(workers, (err) =>
        log.warn(
          `could not count the tokens of newly imported sessions (they show no count until a later try, a minute on, succeeds): ${err instanceof Error ? err.message : String(err)}`,
        ),
      ),
  );
  const tokensCounted = async () => {
    const project = projects.open;
    if (project?.tokenCounts.hasUncounted()) await (await tokenGate()).ensure(project);
  };
  if (options.countTokensInBackground)
    events.subscribe((e) => {
      if (e.name === 'data.changed' && e.payload.entity === 'sessions')
        // The project may close meanwhile; a count that cannot start now is made by the next read.
        tokensCounted().catch((err: unknown) =>
          log.warn(`could not start counting tokens: ${err instanceof Error ? err.message : String(err)}`),
        );
    });
  // Job handlers need no step here: the open project's runner loads a kind's handler when a job of it first needs it.
  const withCounts = before(tokensCounted);
  const generation = once(async () => (await import('./core/generation/generationApi')).generationApi(domain));
  const synthesis = once(async () => (await import('./core/generation/synthesisApi')).synthesisApi(domain));
  const judging = withCounts(async () => (await import('./core/judging/judgingApi')).judgingApi({ ...domain, workers }));
  const evaluation = once(async () =>
    (await import('./core/evaluation/evaluationApi')).evaluationApi({ project: open, events, dataDir: options.dataDir, workers }),
  );
  const sessions = withCounts(async () => (await import('./core/sessions/sessionsApi')).sessionsApi(domain));
  const app = appApi({
    name: APP_NAME,
    version: APP_VERSION,
    host: options.host,
    desktop: Boolean(options.desktop),
    dataDir: options.dataDir,
    projectsDir,
  });
  const projectsHandlers = projectsApi({ projects });
  const handlers: HandlerLoaders = {
    app: async () => app,
    // Loaded with the backend, not on first use: every host's first calls open or show a project.
    projects: async () => projectsHandlers,
    providers: once(async () => (await import('./core/llm/providersApi')).providersApi({ ...domain, keys, secrets: options.secrets })),
    models: once(async () => (await import('./core/llm/modelsApi')).modelsApi(domain)),
    jobs: once(async () => (await import('./core/jobs/jobsApi')).jobsApi({ project: open })),
    calls: once(async () => (await import('./core/llm/callsApi')).callsApi({ project: open })),
    sessions: once(async () => ({ ...(await sessions()), ...(await synthesis()) })),
    redaction: once(async () => (await import('./core/sessions/redactionApi')).redactionApi(domain)),
    imports: once(async () => (await import('./core/imports/importsApi')).importsApi({ ...domain, dataDir: options.dataDir, workers })),
    domain: generation,
    prompts: generation,
    personas: generation,
    scenarios: synthesis,
    judge: judging,
    judgments: judging,
    review: judging,
    rubrics: judging,
    datasets: withCounts(async () =>
      (await import('./core/datasets/datasetsApi')).datasetsApi({ ...domain, dataDir: options.dataDir, workers }),
    ),
    training: once(async () => (await import('./core/training/trainingApi')).trainingApi(domain)),
    evalSets: evaluation,
    evalRuns: evaluation,
    arena: once(async () =>
      (await import('./core/arena/arenaApi')).arenaApi({ project: open, events, isOpen: (p) => projects.open === p, workers }),
    ),
    study: once(async () => (await import('./core/study/studyApi')).studyApi({ project: open, workers })),
    desktop: async () => options.desktop ?? {},
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
