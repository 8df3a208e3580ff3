import { z } from 'zod';
import type { EvalArm, EvalScenario } from '../../../shared/api/evaluation';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { renderTemplate } from '../generation/templates';
import type { JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { LlmGateway } from '../llm/gateway';
import { newId } from '../util/ids';
import type { EvaluationRepo } from './evaluationRepo';
import { promptRefSchema } from '../generation/runParams';

const END = '[END]';
const OPENING_CUE = 'The session begins. Say what brings you here.';

export const conversationParamsSchema = z.object({
  runId: z.string(),
  title: z.string(),
  concurrency: z.number().int().min(1),
  clientPrompt: promptRefSchema,
  items: z.array(z.object({ scenarioId: z.string(), arm: z.number().int().min(0), seed: z.number().int().min(1) })).min(1),
});
export type ConversationParams = z.infer<typeof conversationParamsSchema>;
type Item = ConversationParams['items'][number];

export interface ConversationDeps {
  gateway: LlmGateway;
  evaluation: EvaluationRepo;
  pack(): DomainPack;
  /** Called once every conversation is done: starts the scoring. */
  conversationsDone(runId: string): void;
}

/** What the simulated client knows: the intake, the hidden cognitive model, and how it talks. */
export function clientSystemPrompt(template: string, scenario: EvalScenario, pack: DomainPack): string {
  const style = pack.styles.find((s) => s.id === scenario.style);
  const m = scenario.cognitiveModel;
  const distortions = m.distortions.map((id) => pack.distortions.find((d) => d.id === id)?.label ?? id).join(', ');
  return renderTemplate(template, {
    persona: scenario.intake,
    scenario: [
      `Situation: ${m.situation}`,
      `What goes through your mind: "${m.automaticThought}"`,
      `How you feel: ${m.emotion}`,
      `What you do: ${m.behaviour}`,
      `Deep down you believe: ${m.coreBelief}`,
      `Your thinking tends toward: ${distortions}`,
    ].join('\n'),
    style: style?.label ?? scenario.style,
    styleInstruction: style?.simulatorInstruction ?? '',
  });
}

/**
 * One conversation of the evaluation: a simulated client plays the scenario in its style and a model
 * under test counsels it, for the run's number of counselor turns or until the client ends with the
 * marker. The client's opening line is written once per scenario and seed and shared by every arm, and
 * its later lines use the same seed, so every model meets the same client.
 */
export function conversationJob(deps: ConversationDeps): JobHandler<ConversationParams, Item, { turns: number; endedBy: string }> {
  // Arms of the same scenario and seed run at once; they wait for one opening rather than writing three.
  const openings = new Map<string, Promise<string>>();

  async function opening(runId: string, scenarioId: string, seed: number, ask: () => Promise<string>): Promise<string> {
    const stored = deps.evaluation.opening(runId, scenarioId, seed);
    if (stored !== undefined) return stored;
    const key = `${runId}:${scenarioId}:${seed}`;
    let pending = openings.get(key);
    if (!pending) {
      pending = ask().then((text) => {
        deps.evaluation.saveOpening(runId, scenarioId, seed, text);
        return deps.evaluation.opening(runId, scenarioId, seed)!;
      });
      openings.set(key, pending);
      pending.catch(() => undefined).finally(() => openings.delete(key));
    }
    return pending;
  }

  return {
    ...jobKinds.evalConversations,
    paramsSchema: conversationParamsSchema,
    title: (p) => p.title,
    plan: (p) => p.items,
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const run = deps.evaluation.run(params.runId);
      if (!run) throw new Error('The evaluation run was deleted.');
      const version = deps.evaluation.version(run.setVersionId)!;
      const scenario = version.scenarios.find((s) => s.id === input.scenarioId);
      if (!scenario) throw new Error('The scenario is not in the frozen set.');
      const arm: EvalArm = run.spec.arms[input.arm]!;
      const sim = run.spec.simulator;
      const clientSystem = clientSystemPrompt(params.clientPrompt.template, scenario, deps.pack());
      const counselorSystem = arm.systemPrompt ?? run.spec.sharedSystemPrompt;
      let cost = 0;
      const turns: { role: 'user' | 'assistant'; text: string }[] = [];

      const client = async (step: number) => {
        // The client sees its own lines as its turns, the counselor's as the other side.
        const view = turns.map((t) => ({ role: t.role === 'user' ? ('assistant' as const) : ('user' as const), content: t.text }));
        const answer = await deps.gateway.chat({
          providerId: sim.providerId,
          model: sim.model,
          purpose: 'simulate-client',
          jobId,
          temperature: sim.temperature,
          seed: input.seed * 1000 + step,
          signal,
          messages: [
            { role: 'system', content: clientSystem },
            ...(view.length ? view : [{ role: 'user' as const, content: OPENING_CUE }]),
          ],
        });
        cost += answer.costUsd ?? 0;
        return answer.text.trim();
      };

      let endedBy: 'marker' | 'limit' = 'limit';
      let line = await opening(run.id, scenario.id, input.seed, () => client(0));
      for (let step = 1; ; step++) {
        const ended = line.includes(END);
        const said = line.replace(END, '').trim();
        if (said) turns.push({ role: 'user', text: said });
        if (ended) {
          endedBy = 'marker';
          break;
        }
        const answer = await deps.gateway.chat({
          providerId: arm.providerId,
          model: arm.model,
          purpose: 'evaluate-counselor',
          jobId,
          ...(arm.temperature !== null ? { temperature: arm.temperature } : {}),
          seed: input.seed,
          signal,
          messages: [
            ...(counselorSystem ? [{ role: 'system' as const, content: counselorSystem }] : []),
            ...turns.map((t) => ({ role: t.role, content: t.text })),
          ],
        });
        cost += answer.costUsd ?? 0;
        turns.push({ role: 'assistant', text: answer.text.trim() });
        if (step >= run.spec.turns) break;
        line = await client(step);
      }
      return {
        costUsd: cost,
        store: () => {
          deps.evaluation.saveConversation({
            id: newId(),
            runId: run.id,
            scenarioId: scenario.id,
            arm: input.arm,
            seed: input.seed,
            turns,
            endedBy,
            costUsd: cost,
            createdAt: Date.now(),
          });
          return { turns: turns.length, endedBy };
        },
      };
    },
    onSucceeded: (params) => deps.conversationsDone(params.runId),
  };
}
