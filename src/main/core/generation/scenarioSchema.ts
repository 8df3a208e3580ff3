import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { distinctItems, filledText as text, freeText } from '../llm/strictFields';
import { coreBeliefLabels, distortionId } from './taxonomy';

/** A non-empty list of distinct labels, as z.enum needs; the same label in two groups is offered once. */
export function labelEnum(labels: readonly string[], what: string) {
  const unique = [...new Set(labels)];
  if (unique.length === 0) throw new Error(`The domain pack has no ${what}; add some in Settings > Domain pack before generating.`);
  return z.enum(unique as [string, ...string[]], { error: `must be one of the domain pack's ${what}: ${unique.join(', ')}` });
}

/**
 * The pack's distortion labels as an enum. The provider is offered the labels; an answer from a
 * provider that ignores schemas may still name a distortion by its id, an alias or in other case,
 * which is read as the label it means. Anything else fails and goes to the repair round.
 */
export function distortionEnum(pack: DomainPack) {
  const toLabel = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const id = distortionId(pack, v);
    return pack.distortions.find((d) => d.id === id)?.label ?? v;
  };
  return z.preprocess(
    toLabel,
    labelEnum(
      pack.distortions.map((d) => d.label),
      'distortions',
    ),
  );
}

/** The pack's core belief labels as an enum, read regardless of case. */
export function coreBeliefEnum(pack: DomainPack) {
  const labels = coreBeliefLabels(pack);
  const toLabel = (v: unknown) => (typeof v === 'string' ? (labels.find((b) => b.toLowerCase() === v.trim().toLowerCase()) ?? v) : v);
  return z.preprocess(toLabel, labelEnum(labels, 'core beliefs'));
}

/** One schema per set of labels: rebuilding it per item would also redo its JSON Schema conversion per call. */
export function memoByLabels<T>(build: (pack: DomainPack) => T, labelsOf: (pack: DomainPack) => unknown): (pack: DomainPack) => T {
  let last: { key: string; value: T } | null = null;
  return (pack) => {
    const key = JSON.stringify(labelsOf(pack));
    if (last?.key !== key) last = { key, value: build(pack) };
    return last.value;
  };
}

/** What a pack's label enums depend on: aliases too, since answers are read through them. */
export const packLabels = (pack: DomainPack) => [pack.distortions.map((d) => [d.id, d.label, d.aliases]), coreBeliefLabels(pack)];

/**
 * The scenario a model writes, as in the write-up ({summary, cognitive_distortions, scenario}) plus the
 * hidden cognitive model. Distortions and the core belief are enums of the domain pack's labels, so
 * the schema carries the same rule the answer is checked against: a provider that follows the
 * schema cannot answer with a label the project does not know.
 */
export const scenarioSchemaFor = memoByLabels((pack: DomainPack) => {
  return z.object({
    summary: text(800),
    cognitive_distortions: distinctItems(z.array(distortionEnum(pack)).min(1).max(3)),
    scenario: text(4000),
    cognitiveModel: z.object({
      situation: text(800),
      automaticThought: text(600),
      emotion: text(300),
      behaviour: text(600),
      coreBelief: coreBeliefEnum(pack),
      // Strict structured output allows no optional fields: absent details are null.
      intermediateBeliefs: freeText(600).nullable(),
      copingStrategies: freeText(600).nullable(),
      relevantHistory: freeText(800).nullable(),
    }),
  });
}, packLabels);
export type ScenarioContent = z.infer<ReturnType<typeof scenarioSchemaFor>>;

export const generatedSessionSchema = z.object({
  turns: z
    .array(z.object({ role: z.enum(['user', 'assistant']), text: text(6000) }))
    .min(4)
    .refine((turns) => turns.some((t) => t.role === 'user') && turns.some((t) => t.role === 'assistant'), {
      message: 'the session needs both client ("user") and counselor ("assistant") turns',
    }),
  techniques: z.array(freeText(100)).max(20),
});
