import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { LlmGateway } from '../llm/gateway';
import { newId } from '../util/ids';
import { personaSchema } from './personaSchema';
import type { PersonasRepo } from './personasRepo';
import { scenarioSchemaFor, type ScenarioContent } from './scenarioSchema';
import { batchAnswer, generationRequest, itemSeed } from './batchItems';
import type { ScenariosRepo } from './scenariosRepo';
import { generateStructured } from './structuredCall';
import { coreBeliefLabels, describePersona, distortionId, distortionList } from './taxonomy';
import { renderTemplate } from './templates';
import { generationRunFields } from './runParams';

export const scenarioJobParamsSchema = z.object({
  ...generationRunFields,
  items: z.array(z.object({ personaId: z.string(), theme: z.string() })).min(1),
});
export type ScenarioJobParams = z.infer<typeof scenarioJobParamsSchema>;

type ScenarioItem = { index: number; personaId: string; theme: string };

/** One scenario per persona × theme; distortion labels are mapped to the pack's ids once validated. */
export function scenariosJob(deps: {
  gateway: LlmGateway;
  personas: PersonasRepo;
  scenarios: ScenariosRepo;
  pack: () => DomainPack;
}): JobHandler<ScenarioJobParams, ScenarioItem, { scenarioId: string }> {
  const prepare = (params: ScenarioJobParams, input: ScenarioItem) => {
    const pack = deps.pack();
    const stored = deps.personas.get(input.personaId);
    if (!stored) throw new Error('The persona was deleted before its scenario was written.');
    const persona = personaSchema.parse(stored.persona);
    const prompt = renderTemplate(params.prompt.template, {
      persona: describePersona(persona),
      theme: input.theme,
      distortionList: distortionList(pack),
      coreBeliefs: coreBeliefLabels(pack).join('; '),
    });
    return { prompt, schema: scenarioSchemaFor(pack) };
  };
  const outcome = (input: ScenarioItem, value: ScenarioContent, provenance: Record<string, unknown> & { costUsd: number }) => ({
    costUsd: provenance.costUsd,
    store: () => {
      const pack = deps.pack();
      const id = newId();
      deps.scenarios.insert({
        id,
        personaId: input.personaId,
        theme: input.theme,
        summary: value.summary,
        distortions: value.cognitive_distortions.map((label) => distortionId(pack, label)!),
        scenario: value.scenario,
        cognitiveModel: value.cognitiveModel,
        provenance,
        createdAt: Date.now(),
      });
      return { scenarioId: id };
    },
  });

  return {
    ...jobKinds.generateScenarios,
    paramsSchema: scenarioJobParamsSchema,
    title: (p) => `Generate ${p.items.length} scenario${p.items.length === 1 ? '' : 's'} with ${p.model}`,
    plan: (p) => p.items.map((item, index) => ({ index, ...item })),
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const { prompt, schema } = prepare(params, input);
      const { value, provenance } = await generateStructured(deps.gateway, params, {
        jobId,
        purpose: 'generate-scenario',
        seed: itemSeed(params, input),
        signal,
        messages: [{ role: 'user', content: prompt }],
        schema,
        schemaName: 'scenario',
      });
      return outcome(input, value, { ...provenance });
    },
    batch: {
      purpose: 'generate-scenario',
      provider: (p) => ({ providerId: p.providerId, model: p.model }),
      requests: ({ params, input }) => {
        const { prompt, schema } = prepare(params, input);
        return generationRequest(params, input, prompt, schema, 'scenario');
      },
      accept: ({ jobId, params, input }, answers) => {
        const answer = batchAnswer(answers, prepare(params, input).schema, 'scenario');
        return outcome(input, answer.value, {
          jobId,
          prompt: { name: params.prompt.name, version: params.prompt.version },
          providerId: params.providerId,
          model: params.model,
          seed: itemSeed(params, input),
          callId: answer.callId,
          batch: true,
          costUsd: answer.costUsd ?? 0,
        });
      },
    },
  };
}
