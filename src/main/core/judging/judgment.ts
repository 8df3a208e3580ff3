import { z } from 'zod';
import { renderTemplate } from '../generation/templates';
import { renderRubric, type Criterion, type Rubric } from './rubric';

export interface SafetyReport {
  riskPresent: boolean;
  /** null when no risk was present, or when the judge could not tell. */
  handledAppropriately: boolean | null;
  notes: string;
}

/**
 * One criterion of one judgment. `score` is null whenever there is no trustworthy number, and
 * `status` says why, because "the judge could not judge it" and "the answer was broken" call for
 * different actions (accept vs. re-judge), and neither may ever be read as 0.
 */
export interface CriterionScore {
  score: number | null;
  rationale: string;
  status: 'scored' | 'not-judged' | 'missing' | 'invalid';
  /** Why the score is null, in words, when the judge did not say so itself. */
  reason?: string;
}

export interface Judgment {
  ok: true;
  scores: Record<string, CriterionScore>;
  /** null when the rubric does not ask for safety, or the safety block was missing or malformed. */
  safety: SafetyReport | null;
  /** Why `safety` is null although the rubric asks for it; null otherwise. */
  safetyProblem: string | null;
  summary: string;
  /** Things dropped on the way (unknown criteria, repeated criteria), for the judge's log. */
  warnings: string[];
}

/** A judge answer nothing could be read from: the session is *unscored*, never scored 0. */
export interface Unscored {
  ok: false;
  reason: string;
}

export type JudgmentResult = Judgment | Unscored;

const safetySchema = z.object({ riskPresent: z.boolean(), handledAppropriately: z.boolean().nullable(), notes: z.string() });

/**
 * The strict shape asked of the judge (as the structured-output format and for the gateway's repair
 * round): every rubric criterion exactly once, each score on its own scale or null. Per-criterion
 * ranges need a refinement, which providers cannot enforce, so the repair round catches them.
 * Answers that never went through that loop (Batch API results, stored raw answers) are read with
 * the forgiving `parseJudgment` instead.
 */
export function judgmentSchemaFor(rubric: Rubric) {
  const ids = rubric.criteria.map((c) => c.id) as [string, ...string[]];
  const byId = new Map(rubric.criteria.map((c) => [c.id, c] as const));
  return z
    .object({
      scores: z.array(z.object({ criterion: z.enum(ids), rationale: z.string(), score: z.number().nullable() })),
      // Without a safety rubric the judge may still report it; with one the block is required.
      safety: rubric.safety ? safetySchema : safetySchema.nullable(),
      summary: z.string(),
    })
    .superRefine((answer, ctx) => {
      const seen = new Set<string>();
      answer.scores.forEach((s, i) => {
        const c = byId.get(s.criterion);
        if (seen.has(s.criterion)) ctx.addIssue({ code: 'custom', path: ['scores', i, 'criterion'], message: `"${s.criterion}" is scored twice; score each criterion once.` });
        seen.add(s.criterion);
        if (c && s.score !== null && !inScale(c, s.score)) {
          ctx.addIssue({ code: 'custom', path: ['scores', i, 'score'], message: `${s.score} is outside the ${c.scale.min}–${c.scale.max} scale of "${c.id}".` });
        }
      });
      const missing = ids.filter((id) => !seen.has(id));
      if (missing.length) ctx.addIssue({ code: 'custom', path: ['scores'], message: `No score for ${missing.map((m) => `"${m}"`).join(', ')}; give a score or null for every criterion.` });
    });
}

export type JudgmentAnswer = z.infer<ReturnType<typeof judgmentSchemaFor>>;

/**
 * Reads whatever the judge returned (an object, or text that may be wrapped in a code fence) and
 * keeps every criterion that can be trusted. A bad score nulls only its own criterion; an answer
 * with nothing usable is `{ ok: false }`. No path here ever produces a 0 that the judge did not give.
 */
export function parseJudgment(rubric: Rubric, raw: unknown): JudgmentResult {
  const value = typeof raw === 'string' ? readJson(raw) : raw;
  if (value === undefined) return { ok: false, reason: 'The answer is not JSON.' };
  if (!isRecord(value)) return { ok: false, reason: 'The answer is not a JSON object.' };
  if (!Array.isArray(value.scores)) return { ok: false, reason: 'The answer has no "scores" list.' };

  const byId = new Map(rubric.criteria.map((c) => [c.id.toLowerCase(), c] as const));
  const found = new Map<string, CriterionScore>();
  const warnings: string[] = [];
  for (const entry of value.scores) {
    if (!isRecord(entry) || typeof entry.criterion !== 'string') {
      warnings.push('Ignored a score entry without a criterion id.');
      continue;
    }
    // Ids are matched ignoring case and spaces around them: a judge writing "Collaboration" means the same criterion.
    const c = byId.get(entry.criterion.trim().toLowerCase());
    if (!c) {
      warnings.push(`Ignored a score for "${entry.criterion}", which is not a criterion of this rubric.`);
      continue;
    }
    if (found.has(c.id)) {
      warnings.push(`"${c.id}" was scored more than once; the first score was kept.`);
      continue;
    }
    found.set(c.id, readScore(c, entry.score, typeof entry.rationale === 'string' ? entry.rationale.trim() : ''));
  }
  if (found.size === 0) return { ok: false, reason: `None of the answer's scores names a criterion of the rubric "${rubric.id}".` };

  const scores: Record<string, CriterionScore> = {};
  for (const c of rubric.criteria) {
    scores[c.id] = found.get(c.id) ?? { score: null, rationale: '', status: 'missing', reason: 'The judge gave no score for this criterion.' };
  }
  const safety = readSafety(value.safety);
  const safetyProblem = rubric.safety && !safety ? (value.safety === undefined || value.safety === null ? 'The judge did not report on safety.' : 'The safety report is malformed.') : null;
  return { ok: true, scores, safety, safetyProblem, summary: typeof value.summary === 'string' ? value.summary.trim() : '', warnings };
}

export interface TranscriptTurn {
  role: string;
  text: string;
}

/**
 * Fills the judge template. The counselor's system prompt is left out: the judge rates the
 * conversation a client would see, and instructions in the transcript would invite the judge to
 * score the prompt instead of the counselor. Turns are numbered so rationales can point at them.
 */
export function buildJudgePrompt(template: string, rubric: Rubric, transcript: readonly TranscriptTurn[]): string {
  for (const name of ['rubric', 'transcript']) {
    if (!template.includes(`{{${name}}}`)) throw new Error(`The judge prompt has no {{${name}}} placeholder, so the judge would not see the ${name}.`);
  }
  const turns = transcript.filter((t) => t.role !== 'system' && t.text.trim() !== '');
  if (turns.length === 0) throw new Error('The session has no conversation to judge.');
  const lines = turns.map((t, i) => `[${i + 1}] ${t.role}: ${t.text.trim()}`);
  // renderTemplate does not rescan inserted text, so a "{{…}}" typed in a session stays literal.
  return renderTemplate(template, { rubric: renderRubric(rubric), transcript: lines.join('\n') });
}

function inScale(c: Criterion, score: number): boolean {
  return Number.isFinite(score) && score >= c.scale.min && score <= c.scale.max;
}

function readScore(c: Criterion, raw: unknown, rationale: string): CriterionScore {
  if (raw === null) return { score: null, rationale, status: 'not-judged', reason: 'The judge said this criterion cannot be judged from the transcript.' };
  if (raw === undefined) return { score: null, rationale, status: 'missing', reason: 'The judge gave no score for this criterion.' };
  // A number sent as text ("4") is still the judge's number; anything else ("4/5", "good") is not.
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return { score: null, rationale, status: 'invalid', reason: `The score ${JSON.stringify(raw)} is not a number.` };
  if (!inScale(c, n)) return { score: null, rationale, status: 'invalid', reason: `The score ${n} is outside the ${c.scale.min}–${c.scale.max} scale.` };
  return { score: n, rationale, status: 'scored' };
}

function readSafety(raw: unknown): SafetyReport | null {
  if (!isRecord(raw) || typeof raw.riskPresent !== 'boolean') return null;
  const h = raw.handledAppropriately;
  if (h !== undefined && h !== null && typeof h !== 'boolean') return null;
  return { riskPresent: raw.riskPresent, handledAppropriately: h ?? null, notes: typeof raw.notes === 'string' ? raw.notes.trim() : '' };
}

function readJson(text: string): unknown {
  const unfenced = text.trim().replace(/^```[a-zA-Z]*\s*/, '').replace(/\s*```$/, '');
  for (const candidate of [unfenced, unfenced.slice(unfenced.indexOf('{'), unfenced.lastIndexOf('}') + 1)]) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // Try the next candidate: models often wrap the object in a sentence.
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
