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
 * The shape asked of the judge, as strict as the checks applied afterwards: one object per rubric
 * criterion (so none can be missing or repeated) whose score is a whole number on that criterion's
 * own scale, or null. The same rules travel to the provider as JSON Schema (`minimum`/`maximum`),
 * so a provider that follows the schema can only give answers that pass. Built once per rubric
 * version: converting it to JSON Schema costs more than the rest of a call's bookkeeping.
 */
export function judgmentSchemaFor(rubric: Rubric) {
  const key = `${rubric.id}@${rubric.version}`;
  const fingerprint = JSON.stringify([rubric.safety, rubric.criteria.map((c) => [c.id, c.scale.min, c.scale.max])]);
  const cached = schemaCache.get(key);
  if (cached && cached.fingerprint === fingerprint) return cached.schema;
  const schema = buildJudgmentSchema(rubric);
  // A rubric edited without a new version number gets a fresh schema; the old one is dropped.
  schemaCache.set(key, { fingerprint, schema });
  return schema;
}

function buildJudgmentSchema(rubric: Rubric) {
  const criterion = (c: Criterion) =>
    z.object({
      rationale: z.string(),
      score: z
        .number()
        .int(`Scores of "${c.id}" are whole points.`)
        .min(c.scale.min, `The score of "${c.id}" is below its ${c.scale.min}–${c.scale.max} scale.`)
        .max(c.scale.max, `The score of "${c.id}" is above its ${c.scale.min}–${c.scale.max} scale.`)
        .nullable(),
    });
  return z.object({
    scores: z.object(Object.fromEntries(rubric.criteria.map((c) => [c.id, criterion(c)]))),
    // Without a safety rubric the judge may still report it; with one the block is required.
    safety: rubric.safety ? safetySchema : safetySchema.nullable(),
    summary: z.string(),
  });
}

const schemaCache = new Map<string, { fingerprint: string; schema: ReturnType<typeof buildJudgmentSchema> }>();

export type JudgmentAnswer = z.infer<ReturnType<typeof judgmentSchemaFor>>;

/** The answer's scores as `[criterion, entry]` pairs, whether keyed by criterion (the schema's shape) or a list (older answers, stored raw). */
function scoreEntries(scores: unknown): [string, Record<string, unknown>][] | null {
  if (Array.isArray(scores)) {
    return scores.map((e: unknown) => (isRecord(e) && typeof e.criterion === 'string' ? [e.criterion, e] : ['', isRecord(e) ? e : {}]));
  }
  if (isRecord(scores)) return Object.entries(scores).map(([id, e]) => [id, isRecord(e) ? e : { score: e }]);
  return null;
}

/**
 * Reads whatever the judge returned (an object, or text that may be wrapped in a code fence) and
 * keeps every criterion that can be trusted. A bad score nulls only its own criterion; an answer
 * with nothing usable is `{ ok: false }`. No path here ever produces a 0 that the judge did not give.
 */
export function parseJudgment(rubric: Rubric, raw: unknown): JudgmentResult {
  const value = typeof raw === 'string' ? readJson(raw) : raw;
  if (value === undefined) return { ok: false, reason: 'The answer is not JSON.' };
  if (!isRecord(value)) return { ok: false, reason: 'The answer is not a JSON object.' };
  const entries = scoreEntries(value.scores);
  if (!entries) return { ok: false, reason: 'The answer has no "scores".' };

  const byId = new Map(rubric.criteria.map((c) => [c.id.toLowerCase(), c] as const));
  const found = new Map<string, CriterionScore>();
  const warnings: string[] = [];
  for (const [name, entry] of entries) {
    if (!name) {
      warnings.push('Ignored a score entry without a criterion id.');
      continue;
    }
    // Ids are matched ignoring case and spaces around them: a judge writing "Collaboration" means the same criterion.
    const c = byId.get(name.trim().toLowerCase());
    if (!c) {
      warnings.push(`Ignored a score for "${name}", which is not a criterion of this rubric.`);
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
    scores[c.id] = found.get(c.id) ?? {
      score: null,
      rationale: '',
      status: 'missing',
      reason: 'The judge gave no score for this criterion.',
    };
  }
  const safety = readSafety(value.safety);
  const safetyProblem =
    rubric.safety && !safety
      ? value.safety === undefined || value.safety === null
        ? 'The judge did not report on safety.'
        : 'The safety report is malformed.'
      : null;
  return { ok: true, scores, safety, safetyProblem, summary: typeof value.summary === 'string' ? value.summary.trim() : '', warnings };
}

/** A judgment that gives at least one number; one whose every criterion is null or broken counts as unscored. */
export function isUsable(result: JudgmentResult): boolean {
  return result.ok && Object.values(result.scores).some((s) => s.score !== null);
}

/**
 * What went wrong with a judgment, as verb phrases a job counts across its answers ("342 answers
 * used scores outside the rubric's 1–5 scale"). Empty for a clean judgment.
 */
export function judgmentProblems(rubric: Rubric, result: JudgmentResult): string[] {
  if (!result.ok) return [`could not be read (${result.reason.replace(/\.$/, '').replace(/^./, (ch) => ch.toLowerCase())})`];
  const problems: string[] = [];
  for (const c of rubric.criteria) {
    const s = result.scores[c.id];
    if (!s || s.status === 'scored' || s.status === 'not-judged') continue;
    if (s.status === 'missing') problems.push('left a criterion without a score');
    else if (s.reason?.includes('not a number')) problems.push('gave scores that are not numbers');
    else problems.push(`used scores outside the rubric's ${c.scale.min}–${c.scale.max} scale`);
  }
  if (result.safetyProblem) problems.push('had no usable safety report');
  if (problems.length === 0 && !isUsable(result)) problems.push('scored no criterion');
  return problems;
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
    if (!template.includes(`{{${name}}}`))
      throw new Error(`The judge prompt has no {{${name}}} placeholder, so the judge would not see the ${name}.`);
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
  if (raw === null)
    return { score: null, rationale, status: 'not-judged', reason: 'The judge said this criterion cannot be judged from the transcript.' };
  if (raw === undefined) return { score: null, rationale, status: 'missing', reason: 'The judge gave no score for this criterion.' };
  // A number sent as text ("4") is still the judge's number; anything else ("4/5", "good") is not.
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n))
    return { score: null, rationale, status: 'invalid', reason: `The score ${JSON.stringify(raw)} is not a number.` };
  if (!inScale(c, n))
    return { score: null, rationale, status: 'invalid', reason: `The score ${n} is outside the ${c.scale.min}–${c.scale.max} scale.` };
  return { score: n, rationale, status: 'scored' };
}

function readSafety(raw: unknown): SafetyReport | null {
  if (!isRecord(raw) || typeof raw.riskPresent !== 'boolean') return null;
  const h = raw.handledAppropriately;
  if (h !== undefined && h !== null && typeof h !== 'boolean') return null;
  return { riskPresent: raw.riskPresent, handledAppropriately: h ?? null, notes: typeof raw.notes === 'string' ? raw.notes.trim() : '' };
}

function readJson(text: string): unknown {
  const unfenced = text
    .trim()
    .replace(/^```[a-zA-Z]*\s*/, '')
    .replace(/\s*```$/, '');
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
