import type { InputSchemas } from './contractTypes';
import type { Api, ApiMethod } from './index';
import { projectsInputs } from './projects';

/** The part of a method's name before the dot: `projects` in `projects.open`. */
export type ApiDomain = ApiMethod extends infer M ? (M extends `${infer D}.${string}` ? D : never) : never;
export type MethodsOf<D extends ApiDomain> = Extract<ApiMethod, `${D}.${string}`>;

/**
 * Each domain's input schemas, loaded on the domain's first call. Building every schema of the contract
 * was most of a short CLI command's start-up, and a command uses one or two domains. The mapped type
 * makes a domain without a loader, or a loader without one of its domain's schemas, a compile error;
 * `apiInputs` (index.ts) stays the one eager table, for tests and tools that list every method.
 */
export const inputLoaders: { [D in ApiDomain]: () => Promise<InputSchemas<Pick<Api, MethodsOf<D>>>> } = {
  app: async () => (await import('./app')).appInputs,
  // With the dispatcher, not on first use: every host's first calls open or show a project (its schemas are built per method).
  projects: async () => projectsInputs,
  providers: async () => (await import('./providers')).providersInputs,
  models: async () => (await import('./models')).modelsInputs,
  jobs: async () => (await import('./jobs')).jobsInputs,
  calls: async () => (await import('./calls')).callsInputs,
  // `sessions.*` is the library's (sessions.ts) and generation's (sessions.estimate, sessions.generate…).
  sessions: async () => {
    const [library, generation] = await Promise.all([import('./sessions'), import('./generation')]);
    return { ...library.sessionsInputs, ...generation.generationInputs };
  },
  redaction: async () => (await import('./redaction')).redactionInputs,
  imports: async () => (await import('./imports')).importsInputs,
  domain: async () => (await import('./generation')).generationInputs,
  prompts: async () => (await import('./generation')).generationInputs,
  personas: async () => (await import('./generation')).generationInputs,
  scenarios: async () => (await import('./generation')).generationInputs,
  judge: async () => (await import('./judging')).judgingInputs,
  judgments: async () => (await import('./judging')).judgingInputs,
  review: async () => (await import('./judging')).judgingInputs,
  rubrics: async () => (await import('./judging')).judgingInputs,
  datasets: async () => (await import('./datasets')).datasetsInputs,
  training: async () => (await import('./training')).trainingInputs,
  evalSets: async () => (await import('./evaluation')).evaluationInputs,
  evalRuns: async () => (await import('./evaluation')).evaluationInputs,
  arena: async () => (await import('./arena')).arenaInputs,
  study: async () => (await import('./study')).studyInputs,
  desktop: async () => (await import('./desktop')).desktopInputs,
};
