import { z } from 'zod';
import { filledText as text } from '../llm/strictFields';

/** What the model writes for one persona; anything that does not fit is retried, never stored half-formed. */
export const personaSchema = z.object({
  name: text(60),
  age: z.number().int().min(18).max(99),
  background: text(1200),
  personality: text(1200),
  presentingProblem: text(800),
  history: text(1200),
  cognitiveModel: z.object({
    situation: text(800),
    automaticThought: text(600),
    emotion: text(300),
    behaviour: text(600),
    coreBelief: text(120),
    intermediateBeliefs: text(600),
    copingStrategies: text(600),
    relevantHistory: text(800),
  }),
});
export type PersonaContent = z.infer<typeof personaSchema>;

/** The text a near-duplicate check compares: who the person is, not the fields every persona shares. */
export function personaFingerprint(p: PersonaContent): string {
  return [p.background, p.personality, p.presentingProblem, p.history, p.cognitiveModel.situation, p.cognitiveModel.automaticThought].join(
    '\n',
  );
}
