import type { SessionGenerationInput } from '../../../shared/api/generation';
import { ApiError } from '../../../shared/api/result';
import { projectProvider } from '../llm/projectProvider';
import { currentPrompt, domainPack } from './domainPack';
import { lengthMixSchema, targetTurns } from './sessionLengths';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PromptsRepo } from './promptsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';
import type { ScenariosRepo } from './scenariosRepo';
import type { SessionsRepo } from '../sessions/sessionsRepo';

/** The repos planning a session run reads. */
type Planning = { scenarios: ScenariosRepo; sessions: SessionsRepo; providers: ProvidersRepo; meta: ProjectMetaRepo; prompts: PromptsRepo };

/** The sessions a generation run writes: one per chosen scenario (or each scenario without one), `perScenario` times, with a target length each. */
export function sessionItems(project: Planning, input: SessionGenerationInput, seed: number) {
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
export function sessionJobParams(project: Planning, input: SessionGenerationInput) {
  const p = projectProvider(project.providers, input.providerId);
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
