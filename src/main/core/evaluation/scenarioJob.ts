import { z } from 'zod';
import type { EvalScenario } from '../../../shared/api/evaluation';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { coreBeliefEnum, distortionEnum, memoByLabels, packLabels } from '../generation/scenarioSchema';
import { generateStructured } from '../generation/structuredCall';
import { coreBeliefLabels, distortionId } from '../generation/taxonomy';
import { renderTemplate } from '../generation/templates';
import type { JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { LlmGateway } from '../llm/gateway';
import { filledText } from '../llm/strictFields';
import { newId } from '../util/ids';
import { mulberry32 } from '../util/random';
import type { EvaluationRepo } from './evaluationRepo';
import { promptRefSchema } from '../generation/runParams';

/** The answer asked of the model; the core belief and any further distortions are enums of the pack's labels, as strict as the checks below. */
export const evalScenarioAnswerFor = memoByLabels(
  (pack: DomainPack) =>
    z.object({
      title: filledText(200),
      intake: filledText(4000),
      situation: filledText(),
      automaticThought: filledText(),
      emotion: filledText(),
      behaviour: filledText(),
      coreBelief: coreBeliefEnum(pack),
      otherDistortions: z.array(distortionEnum(pack)).max(2),
    }),
  packLabels,
);

export const scenarioParamsSchema = z.object({
  setId: z.string(),
  providerId: z.string(),
  model: z.string(),
  temperature: z.number(),
  seed: z.number().int(),
  concurrency: z.number().int().min(1),
  riskLevel: z.string(),
  prompt: promptRefSchema,
  items: z.array(z.object({ distortion: z.string(), style: z.string(), index: z.number().int().min(0) })).min(1),
});
export type ScenarioParams = z.infer<typeof scenarioParamsSchema>;
type Item = ScenarioParams['items'][number];

/**
 * One evaluation scenario per cell of the chosen distortions × styles: the model writes the intake
 * and the hidden cognitive model; the main distortion is the cell's (not the model's choice), any
 * others must come from the taxonomy, and the core belief must be one of the pack's, or it fails.
 */
export function scenarioJob(deps: {
  gateway: LlmGateway;
  evaluation: EvaluationRepo;
  pack(): DomainPack;
}): JobHandler<ScenarioParams, Item, { scenarioId: string }> {
  return {
    ...jobKinds.evalScenarios,
    paramsSchema: scenarioParamsSchema,
    title: (p) => `Write ${p.items.length} evaluation scenarios with ${p.model}`,
    plan: (p) => p.items,
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const pack = deps.pack();
      const distortion = pack.distortions.find((d) => d.id === input.distortion);
      const style = pack.styles.find((s) => s.id === input.style);
      if (!distortion || !style) throw new Error(`"${input.distortion}" or "${input.style}" is no longer in the domain pack.`);
      const random = mulberry32(params.seed + input.index * 7919);
      const problem = pack.presentingProblems[Math.floor(random() * pack.presentingProblems.length)]!;
      const risk = pack.riskLevels.find((r) => r.id === params.riskLevel) ?? pack.riskLevels[0]!;
      const prompt = renderTemplate(params.prompt.template, {
        distortion: distortion.label,
        definition: distortion.definition,
        style: style.label,
        styleDescription: style.description,
        riskLevel: `${risk.label}: ${risk.description}`,
        presentingProblem: problem.label,
        coreBeliefs: coreBeliefLabels(pack).join('; '),
        distortionList: pack.distortions.map((d) => d.label).join(', '),
      });
      const settings = {
        providerId: params.providerId,
        model: params.model,
        temperature: params.temperature,
        seed: params.seed + input.index,
        prompt: params.prompt,
      };
      const out = await generateStructured(deps.gateway, settings, {
        jobId,
        signal,
        seed: settings.seed,
        purpose: 'generate-eval-scenario',
        messages: [{ role: 'user', content: prompt }],
        schema: evalScenarioAnswerFor(pack),
        schemaName: 'eval_scenario',
      });
      const a = out.value;
      const belief = coreBeliefLabels(pack).find((b) => b.toLowerCase() === a.coreBelief.trim().toLowerCase());
      if (!belief) throw new Error(`The core belief "${a.coreBelief}" is not one of the domain pack's.`);
      const others = a.otherDistortions.map((name) => distortionId(pack, name));
      if (others.some((id) => id === null))
        throw new Error(`"${a.otherDistortions.join('", "')}" are not all distortions of the domain pack.`);
      const scenario: EvalScenario = {
        id: newId(),
        title: a.title,
        intake: a.intake,
        style: style.id,
        riskLevel: risk.id,
        cognitiveModel: {
          situation: a.situation,
          automaticThought: a.automaticThought,
          emotion: a.emotion,
          behaviour: a.behaviour,
          coreBelief: belief,
          distortions: [...new Set([distortion.id, ...(others as string[])])].slice(0, 3),
        },
        source: 'generated',
      };
      return {
        costUsd: out.provenance.costUsd,
        store: () => {
          deps.evaluation.saveScenario(params.setId, scenario, Date.now());
          return { scenarioId: scenario.id };
        },
      };
    },
  };
}
