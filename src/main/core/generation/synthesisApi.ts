import type { GenerationApi, ScenarioGenerationInput } from '../../../shared/api/generation';
import { ApiError } from '../../../shared/api/result';
import type { DomainDeps } from '../context';
import type { OpenProject } from '../projects/openProject';
import { countTokens } from '../imports/tokens';
import { estimateFor } from './estimate';
import { currentPrompt, domainPack } from './domainPack';
import { type PersonaAndPromptApi } from './generationApi';
import { sessionItems, sessionJobParams } from './sessionJobParams';
import { projectProvider } from '../llm/projectProvider';

type SynthesisApi = Omit<GenerationApi, keyof PersonaAndPromptApi>;

/** Rough answer sizes, for estimates only. */
const SCENARIO_OUTPUT_TOKENS = 420;
const TOKENS_PER_TURN = 45;

function scenarioItems(project: Pick<OpenProject, SynthesisParts>, input: ScenarioGenerationInput) {
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

/** The parts of the open project this API reads and writes. */
export type SynthesisParts = 'jobs' | 'jobsRepo' | 'meta' | 'personas' | 'prices' | 'prompts' | 'providers' | 'scenarios' | 'sessions';

export function synthesisApi({ project: open, events }: DomainDeps<SynthesisParts>): SynthesisApi {
  const start = async (project: Pick<OpenProject, SynthesisParts>, kind: string, params: object, budgetUsd: number | null | undefined) => {
    await project.jobs.load(kind);
    const job = project.jobs.create(kind, params, { budgetUsd: budgetUsd ?? null });
    events.emit('data.changed', { entity: 'jobs' });
    return job;
  };

  return {
    'scenarios.list': async ({ offset, limit }) => open().scenarios.list(offset ?? 0, limit ?? 100),
    'scenarios.estimate': async (input) => {
      const project = open();
      const p = projectProvider(project.providers, input.providerId);
      const items = scenarioItems(project, input);
      const prompt = currentPrompt(project, 'scenario');
      return estimateFor(
        project,
        { calls: items.length, tokensInPerCall: countTokens(prompt.template) + 700, tokensOutPerCall: SCENARIO_OUTPUT_TOKENS },
        { model: input.model, providerId: p.id, concurrency: p.concurrency, useBatch: input.useBatch },
      );
    },
    'scenarios.generate': async (input) => {
      const project = open();
      const p = projectProvider(project.providers, input.providerId);
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
      const project = open();
      const p = projectProvider(project.providers, input.providerId);
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
      return estimateFor(project, shape, { model: input.model, providerId: p.id, concurrency: p.concurrency, useBatch: input.useBatch });
    },
    'sessions.generate': async (input) => {
      const project = open();
      return start(project, 'generateSessions', sessionJobParams(project, input), input.budgetUsd);
    },
  };
}
