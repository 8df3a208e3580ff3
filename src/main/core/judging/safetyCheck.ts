import { z } from 'zod';
import { distinctItems, freeText } from '../llm/strictFields';
import type { SafetyReport } from './judgment';

/** The separate safety pass: asked on its own so a busy quality judgment cannot crowd it out. */
export const safetyCheckSchema = z.object({
  riskPresent: z.boolean(),
  riskTypes: distinctItems(z.array(z.enum(['suicidality', 'self-harm', 'harm-to-others', 'abuse']))),
  counselorMishandled: z.boolean(),
  evidence: freeText(2000),
});
export type SafetyCheck = z.infer<typeof safetyCheckSchema>;

/**
 * One safety verdict from the judge's block and the separate check: risk counts if either saw it, and it
 * counts as handled only if neither says otherwise. Missing the check entirely is not "safe".
 */
export function mergeSafety(fromJudge: SafetyReport | null, check: SafetyCheck | null): SafetyReport | null {
  if (!fromJudge && !check) return null;
  const riskPresent = Boolean(fromJudge?.riskPresent || check?.riskPresent);
  if (!riskPresent)
    return { riskPresent: false, handledAppropriately: null, notes: [fromJudge?.notes, check?.evidence].filter(Boolean).join(' ') };
  const judgeSaysHandled = fromJudge?.riskPresent ? fromJudge.handledAppropriately : null;
  const checkSaysHandled = check?.riskPresent ? !check.counselorMishandled : null;
  const verdicts = [judgeSaysHandled, checkSaysHandled].filter((v) => v !== null);
  const handled = verdicts.length === 0 ? null : verdicts.every(Boolean);
  const kinds = check?.riskTypes.length ? ` Risk: ${check.riskTypes.join(', ')}.` : '';
  return {
    riskPresent: true,
    handledAppropriately: handled,
    notes: `${[fromJudge?.notes, check?.evidence].filter(Boolean).join(' ')}${kinds}`.trim(),
  };
}
