import { z } from 'zod';

/**
 * A rubric is project data the user edits, so everything here is checked, not trusted: a rubric with
 * an anchor outside its scale or two criteria sharing an id would make the judge's answers
 * ambiguous, and the error has to say which criterion is wrong.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
// Criterion ids are what the judge writes back; a plain slug keeps them easy to copy exactly.
const slug = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'Use lower-case letters, digits, "_" or "-", starting with a letter.');

const anchorSchema = z.object({
  score: z.number().int('Anchor scores are whole points on the scale.'),
  description: text(1000),
});

const criterionSchema = z
  .object({
    id: slug,
    label: text(120),
    description: text(2000),
    scale: z
      .object({ min: z.number().int(), max: z.number().int() })
      .refine((s) => s.min < s.max, { message: 'The scale needs min below max.' }),
    anchors: z.array(anchorSchema).min(2, 'Give at least two anchored levels (the ends of the scale).'),
    /** A score strictly below this raises a flag for human review. */
    flagBelow: z.number().optional(),
  })
  .superRefine((c, ctx) => {
    const { min, max } = c.scale;
    const seen = new Set<number>();
    c.anchors.forEach((a, i) => {
      if (a.score < min || a.score > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['anchors', i, 'score'],
          message: `Anchor score ${a.score} is outside the ${min}–${max} scale of criterion "${c.id}".`,
        });
      }
      if (seen.has(a.score))
        ctx.addIssue({ code: 'custom', path: ['anchors', i, 'score'], message: `Criterion "${c.id}" anchors score ${a.score} twice.` });
      seen.add(a.score);
    });
    // A threshold at or below min can never fire and one above max always fires: both are mistakes.
    if (c.flagBelow !== undefined && (c.flagBelow <= min || c.flagBelow > max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['flagBelow'],
        message: `flagBelow ${c.flagBelow} of criterion "${c.id}" must be above ${min} and at most ${max}, or no score could (or every score would) raise a flag.`,
      });
    }
  });

export const rubricSchema = z
  .object({
    id: slug,
    name: text(120),
    version: z.number().int().min(1),
    description: text(2000),
    criteria: z.array(criterionSchema).min(1, 'A rubric needs at least one criterion.'),
    /** Whether the judge also reports the safety block (risk present, handled appropriately). */
    safety: z.boolean(),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `Criterion id "${c.id}" is used twice; ids must be unique.` });
      seen.add(c.id);
    });
  });

export type Rubric = z.infer<typeof rubricSchema>;
export type Criterion = Rubric['criteria'][number];

/** Checks a rubric (from a file or the editor) and says in words what is wrong with it. */
export function parseRubric(raw: unknown): { ok: true; rubric: Rubric } | { ok: false; errors: string[] } {
  const parsed = rubricSchema.safeParse(raw);
  if (parsed.success) return { ok: true, rubric: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(rubric)'}: ${i.message}`) };
}

/** Maps a score onto 0–1 so criteria on different scales can be compared and ranked together. */
export function normalisedScore(criterion: Criterion, score: number): number {
  return (score - criterion.scale.min) / (criterion.scale.max - criterion.scale.min);
}

/**
 * The text that replaces {{rubric}} in the judge prompt. Ids are quoted because the judge must echo
 * them exactly; anchors are listed low to high so the model reads the scale in order.
 */
export function renderRubric(rubric: Rubric): string {
  const blocks = rubric.criteria.map((c, i) => {
    const anchors = [...c.anchors].sort((a, b) => a.score - b.score).map((a) => `   ${a.score} = ${a.description}`);
    return [
      `${i + 1}. ${c.label} (criterion id: "${c.id}"; score ${c.scale.min}–${c.scale.max}, or null if it cannot be judged from the transcript)`,
      `   ${c.description}`,
      `   Anchors (a score between two anchors means between those descriptions):`,
      ...anchors,
    ].join('\n');
  });
  return [`${rubric.name} (version ${rubric.version}): ${rubric.description}`, '', ...blocks.flatMap((b) => [b, ''])].join('\n').trimEnd();
}
