import type { GenerationApi, ScenarioGenerationInput, SessionGenerationInput } from '../../../shared/api/generation';
import { ApiError } from '../../../shared/api/result';
import type { CoreContext } from '../context';
import type { OpenProject } from '../projects/openProject';
import { countTokens } from '../transcripts/tokens';
import { batchEstimate, estimateRun } from './estimate';
import { currentPrompt, domainPack, type PersonaAndPromptApi } from './generationApi';
import { lengthMixSchema, targetTurns } from './sessionLengths';

type SynthesisApi = Omit<GenerationApi, keyof PersonaAndPromptApi>;

/** Rough answer sizes, for estimates only. */
const SCENARIO_OUTPUT_TOKENS = 420;
const TOKENS_PER_TURN = 45;

function provider(project: OpenProject, id: string) {
  const p = project.providers.get(id);
  if (!p) throw new ApiError('NOT_FOUND', 'That provider is not in this project.');
  return p;
}

function scenarioItems(project: OpenProject, input: ScenarioGenerationInput) {
  const pack = domainPack(project);
  const personas = input.personaIds
    ? input.personaIds.map(
        (id) =>
          project.personas.get(id) ??
          (() => {
            throw new ApiError('NOT_FOUND', `Persona ${id} is not in this project.`);
          })(),
      )
    : project.personas.list(0, 100_000).rows.filter((p) => !project.scenarios.personaHasScenario(p.id));
  if (personas.length === 0)
    throw new ApiError('CONFLICT', 'Every persona already has a scenario. Generate more personas, or choose personas and themes.');
  return personas.flatMap((p) =>
    (input.themes ?? [pack.presentingProblems.find((x) => x.id === p.cell.presentingProblem)?.label ?? p.cell.presentingProblem]).map(
      (theme) => ({ personaId: p.id, theme }),
    ),
  );
}

function sessionItems(project: OpenProject, input: SessionGenerationInput, seed: number) {
  const scenarios =
    input.scenarioIds ??
    project.scenarios
      .list(0, 100_000)
      .rows.filter((s) => !project.sessions.scenarioHasSession(s.id))
      .map((s) => s.id);
  for (const id of scenarios) if (!project.scenarios.get(id)) throw new ApiError('NOT_FOUND', `Scenario ${id} is not in this project.`);
  if (scenarios.length === 0)
    throw new ApiError('CONFLICT', 'Every scenario already has a session. Generate more scenarios, or choose scenarios.');
  const perScenario = input.perScenario ?? 1;
  const ids = scenarios.flatMap((id) => Array.from({ length: perScenario }, () => id));
  const turns = targetTurns(lengthMixSchema.parse(input.lengths ?? {}), ids.length, seed);
  return ids.map((scenarioId, i) => ({ scenarioId, turns: turns[i]! }));
}

/** Everything a session-generation job needs, fixed at the start so a resumed run writes the same way. */
export function sessionJobParams(project: OpenProject, input: SessionGenerationInput) {
  const p = provider(project, input.providerId);
  if (input.useBatch && input.mode === 'twoAgent')
    throw new ApiError(
      'INVALID_INPUT',
      'Two agents take turns one answer at a time, so they cannot use the Batch API; choose one call per session.',
    );
  if (input.useBatch && !p.capabilities.batches)
    throw new ApiError('INVALID_INPUT', `${p.name} does not offer the Batch API; generate without it.`);
  const seed = input.seed ?? 1;
  return {
    providerId: p.id,
    model: input.model,
    temperature: input.temperature ?? 0.8,
    seed,
    concurrency: p.concurrency,
    mode: input.mode,
    systemPrompt: domainPack(project).systemPrompt,
    prompt: currentPrompt(project, 'session'),
    clientPrompt: currentPrompt(project, 'client'),
    items: sessionItems(project, input, seed),
    useBatch: input.useBatch ?? false,
  };
}

export function synthesisApi({ projects, events }: CoreContext): SynthesisApi {
  const start = (project: OpenProject, kind: string, params: object, budgetUsd: number | null | undefined) => {
    const job = project.jobs.create(kind, params, { budgetUsd: budgetUsd ?? null });
    events.emit('data.changed', { entity: 'jobs' });
    return job;
  };

  return {
    'scenarios.list': async ({ offset, limit }) => projects.require().scenarios.list(offset ?? 0, limit ?? 100),
    'scenarios.estimate': async (input) => {
      const project = projects.require();
      const p = provider(project, input.providerId);
      const items = scenarioItems(project, input);
      const prompt = currentPrompt(project, 'scenario');
      const estimate = estimateRun(
        { calls: items.length, tokensInPerCall: countTokens(prompt.template) + 700, tokensOutPerCall: SCENARIO_OUTPUT_TOKENS },
        input.model,
        p.id,
        p.concurrency,
        project.prices.list(),
        project.jobsRepo,
      );
      return input.useBatch ? batchEstimate(estimate) : estimate;
    },
    'scenarios.generate': async (input) => {
      const project = projects.require();
      const p = provider(project, input.providerId);
      if (input.useBatch && !p.capabilities.batches)
        throw new ApiError('INVALID_INPUT', `${p.name} does not offer the Batch API; generate without it.`);
      const params = {
        providerId: p.id,
        model: input.model,
        temperature: input.temperature ?? 0.8,
        seed: input.seed ?? 1,
        concurrency: p.concurrency,
        prompt: currentPrompt(project, 'scenario'),
        items: scenarioItems(project, input),
        useBatch: input.useBatch ?? false,
      };
      return start(project, 'generateScenarios', params, input.budgetUsd);
    },
    'sessions.estimateGeneration': async (input) => {
      const project = projects.require();
      const p = provider(project, input.providerId);
      const items = sessionItems(project, input, input.seed ?? 1);
      const promptTokens = countTokens(currentPrompt(project, 'session').template) + countTokens(domainPack(project).systemPrompt) + 400;
      const meanTurns = items.reduce((s, i) => s + i.turns, 0) / items.length;
      const shape =
        input.mode === 'single'
          ? { calls: items.length, tokensInPerCall: promptTokens, tokensOutPerCall: meanTurns * TOKENS_PER_TURN }
          : // Each of the turns is a call that re-reads the conversation so far, plus one call to label techniques.
            {
              calls: items.length * (meanTurns + 1),
              tokensInPerCall: promptTokens / 2 + (meanTurns * TOKENS_PER_TURN) / 2,
              tokensOutPerCall: TOKENS_PER_TURN,
            };
      const estimate = estimateRun(shape, input.model, p.id, p.concurrency, project.prices.list(), project.jobsRepo);
      return input.useBatch ? batchEstimate(estimate) : estimate;
    },
    'sessions.generate': async (input) => {
      const project = projects.require();
      return start(project, 'generateSessions', sessionJobParams(project, input), input.budgetUsd);
    },
  };
}
