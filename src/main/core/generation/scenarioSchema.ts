import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { coreBeliefLabels, distortionId } from './taxonomy';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The scenario a model writes, as in the write-up ({summary, cognitive_distortions, scenario}) plus the
 * hidden cognitive model. Labels are checked against the project's taxonomy, not trusted: an unknown
 * label fails validation, and the gateway asks again with the reason.
 */
export function scenarioSchemaFor(pack: DomainPack) {
  const beliefs = coreBeliefLabels(pack).map((b) => b.toLowerCase());
  return z.object({
    summary: text(800),
    cognitive_distortions: z
      .array(z.string())
      .min(1)
      .max(3)
      .refine((labels) => labels.every((l) => distortionId(pack, l) !== null), {
        message: `every label must be one of: ${pack.distortions.map((d) => d.label).join(', ')}`,
      }),
    scenario: text(4000),
    cognitiveModel: z.object({
      situation: text(800),
      automaticThought: text(600),
      emotion: text(300),
      behaviour: text(600),
      coreBelief: text(120).refine((b) => beliefs.includes(b.toLowerCase()), { message: 'must be one of the core belief labels given' }),
      // Strict structured output allows no optional fields: absent details are null.
      intermediateBeliefs: z.string().max(600).nullable(),
      copingStrategies: z.string().max(600).nullable(),
      relevantHistory: z.string().max(800).nullable(),
    }),
  });
}
export type ScenarioContent = z.infer<ReturnType<typeof scenarioSchemaFor>>;

export const generatedSessionSchema = z.object({
  turns: z
    .array(z.object({ role: z.enum(['user', 'assistant']), text: text(6000) }))
    .min(4)
    .refine((turns) => turns.some((t) => t.role === 'user') && turns.some((t) => t.role === 'assistant'), { message: 'the session needs both client ("user") and counselor ("assistant") turns' }),
  techniques: z.array(z.string().max(100)).max(20),
});
