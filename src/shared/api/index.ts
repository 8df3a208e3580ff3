import type { z } from 'zod';
import { appInputs, type AppApi } from './app';
import { callsInputs, type CallsApi } from './calls';
import { datasetsInputs, type DatasetsApi } from './datasets';
import { trainingInputs, type TrainingApi } from './training';
import { evaluationInputs, type EvaluationApi } from './evaluation';
import { arenaInputs, type ArenaApi } from './arena';
import { desktopInputs, type DesktopApi } from './desktop';
import { generationInputs, type GenerationApi } from './generation';
import { importsInputs, type ImportsApi } from './imports';
import { judgingInputs, type JudgingApi } from './judging';
import { jobsInputs, type JobsApi } from './jobs';
import { modelsInputs, type ModelsApi } from './models';
import { projectsInputs, type ProjectsApi } from './projects';
import { providersInputs, type ProvidersApi } from './providers';
import { redactionInputs, type RedactionApi } from './redaction';
import { sessionsInputs, type SessionsApi } from './sessions';
import { studyInputs, type StudyApi } from './study';
import type { InputOf, InputSchemas, OutputOf } from './contractTypes';
import type { ApiDomain, MethodsOf } from './inputLoaders';

export type Api = AppApi &
  ProjectsApi &
  ProvidersApi &
  ModelsApi &
  JobsApi &
  CallsApi &
  SessionsApi &
  RedactionApi &
  ImportsApi &
  GenerationApi &
  JudgingApi &
  DatasetsApi &
  TrainingApi &
  EvaluationApi &
  ArenaApi &
  StudyApi &
  DesktopApi;
export type ApiMethod = keyof Api;
/**
 * What the backend must implement: every method of the contract, except the desktop group, which only
 * the Electron host brings. A method without a handler is a compile error, not a NOT_FOUND at run time.
 */
export type Handlers = Omit<Api, keyof DesktopApi> & Partial<DesktopApi>;
/**
 * The same table split by domain, each part loaded on its domain's first call (a short CLI command then
 * loads one domain's code, not the app's). A domain without a loader, or a loader whose handlers miss one
 * of its domain's methods, is a compile error, as with `Handlers`.
 */
export type HandlerLoaders = { [D in ApiDomain]: () => Promise<Pick<Handlers, MethodsOf<D>>> };
export type ApiInput<M extends ApiMethod> = InputOf<Api[M]>;
export type ApiOutput<M extends ApiMethod> = OutputOf<Api[M]>;

/** One schema per method; `satisfies` makes a method without a schema a compile error. */
export const apiInputs = {
  ...appInputs,
  ...projectsInputs,
  ...providersInputs,
  ...modelsInputs,
  ...jobsInputs,
  ...callsInputs,
  ...sessionsInputs,
  ...redactionInputs,
  ...importsInputs,
  ...generationInputs,
  ...judgingInputs,
  ...datasetsInputs,
  ...trainingInputs,
  ...evaluationInputs,
  ...arenaInputs,
  ...studyInputs,
  ...desktopInputs,
} satisfies InputSchemas<Api>;

export const apiMethods = Object.keys(apiInputs) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

export function inputSchemaFor(method: ApiMethod): z.ZodType {
  return apiInputs[method];
}

type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;

/** `api.projects.create(input)` instead of `call('projects.create', input)`. */
export type ApiClient = {
  [D in DomainOf<ApiMethod>]: {
    [K in ApiMethod as K extends `${D}.${infer V}` ? V : never]: (
      ...args: object extends ApiInput<K> ? [input?: ApiInput<K>] : [input: ApiInput<K>]
    ) => Promise<ApiOutput<K>>;
  };
};

export * from './result';
export * from './events';
export type { AppInfo, HostKind } from './app';
export type { ProviderTestResult, SpeedTestParams } from './providers';
