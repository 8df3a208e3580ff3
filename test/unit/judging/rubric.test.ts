import { describe, expect, it } from 'vitest';
import ctrs from '../../../resources/rubrics/ctrs.json';
import empathyRelevance from '../../../resources/rubrics/empathy-relevance.json';
import sessionQuality from '../../../resources/rubrics/session-quality.json';
import { defaultRubricId, defaultRubrics, parseRubric, renderRubric, rubricSchema, type Rubric } from '../../../src/main/core/judging';
import { tinyRubric } from './fixtures';

describe('built-in rubric files', () => {
  it.each([
    ['session-quality.json', sessionQuality],
    ['ctrs.json', ctrs],
    ['empathy-relevance.json', empathyRelevance],
  ])('%s passes the rubric schema', (_name, raw) => {
    const result = parseRubric(raw);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('loads all three as defaults, session quality being the default', () => {
    expect(defaultRubrics.map((r) => r.id)).toEqual(['session-quality', 'ctrs', 'empathy-relevance']);
    expect(defaultRubrics.find((r) => r.id === defaultRubricId)?.safety).toBe(true);
  });

  it('covers realism, the four CTRS-style fidelity items, scenario consistency, safety handling and language', () => {
    const r = rubricSchema.parse(sessionQuality);
    expect(r.criteria.map((c) => c.id)).toEqual([
      'client_realism',
      'collaboration',
      'guided_discovery',
      'key_cognitions',
      'cbt_techniques',
      'scenario_consistency',
      'safety_handling',
      'language',
    ]);
    for (const c of r.criteria) {
      expect(c.anchors.map((a) => a.score)).toEqual([1, 2, 3, 4, 5]);
      expect(c.flagBelow).toBeGreaterThan(c.scale.min);
    }
    // Mishandled risk is the costliest mistake, so its threshold is the strictest.
    expect(r.criteria.find((c) => c.id === 'safety_handling')?.flagBelow).toBe(4);
  });

  it('has the eleven CTRS items, each 0-6 with anchors at 0, 2, 4 and 6', () => {
    const r = rubricSchema.parse(ctrs);
    expect(r.criteria.map((c) => c.id)).toEqual([
      'agenda',
      'feedback',
      'understanding',
      'interpersonal_effectiveness',
      'collaboration',
      'pacing',
      'guided_discovery',
      'key_cognitions',
      'strategy_for_change',
      'cbt_techniques',
      'homework',
    ]);
    for (const c of r.criteria) {
      expect(c.scale).toEqual({ min: 0, max: 6 });
      expect(c.anchors.map((a) => a.score)).toEqual([0, 2, 4, 6]);
      expect(c.flagBelow).toBe(3);
    }
  });

  it('scores empathy and relevance 1-10 with anchors across the range', () => {
    const r = rubricSchema.parse(empathyRelevance);
    expect(r.criteria.map((c) => [c.id, c.scale.min, c.scale.max])).toEqual([
      ['empathy', 1, 10],
      ['relevance', 1, 10],
    ]);
    for (const c of r.criteria) expect(c.anchors.map((a) => a.score)).toEqual([1, 3, 5, 8, 10]);
  });
});

describe('rubric validation', () => {
  const withCriterion = (patch: Record<string, unknown>) => ({
    ...tinyRubric,
    criteria: [{ ...tinyRubric.criteria[0], ...patch }, tinyRubric.criteria[1]],
  });

  it('rejects an anchor outside the scale and names the criterion', () => {
    const result = parseRubric(
      withCriterion({
        anchors: [
          { score: 1, description: 'low' },
          { score: 7, description: 'too high' },
        ],
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: ['criteria.0.anchors.1.score: Anchor score 7 is outside the 1–5 scale of criterion "warmth".'],
    });
  });

  it('rejects two criteria with the same id', () => {
    const dup = { ...tinyRubric, criteria: [tinyRubric.criteria[0], { ...tinyRubric.criteria[1], id: 'warmth' }] };
    const result = parseRubric(dup);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual(['criteria.1.id: Criterion id "warmth" is used twice; ids must be unique.']);
  });

  it('rejects a threshold that could never fire, an inverted scale and a repeated anchor', () => {
    const never = parseRubric(withCriterion({ flagBelow: 1 }));
    expect(!never.ok && never.errors[0]).toMatch(/^criteria\.0\.flagBelow: flagBelow 1 of criterion "warmth" must be above 1/);
    const inverted = parseRubric(
      withCriterion({
        scale: { min: 5, max: 1 },
        anchors: [
          { score: 5, description: 'a' },
          { score: 1, description: 'b' },
        ],
        flagBelow: undefined,
      }),
    );
    expect(!inverted.ok && inverted.errors).toContain('criteria.0.scale: The scale needs min below max.');
    const repeated = parseRubric(
      withCriterion({
        anchors: [
          { score: 2, description: 'a' },
          { score: 2, description: 'b' },
        ],
      }),
    );
    expect(!repeated.ok && repeated.errors).toEqual(['criteria.0.anchors.1.score: Criterion "warmth" anchors score 2 twice.']);
  });

  it('rejects a rubric without criteria or without the safety switch', () => {
    const { safety: _safety, ...noSafety } = tinyRubric;
    expect(parseRubric({ ...tinyRubric, criteria: [] })).toMatchObject({
      ok: false,
      errors: ['criteria: A rubric needs at least one criterion.'],
    });
    const result = parseRubric(noSafety);
    expect(!result.ok && result.errors[0]).toMatch(/^safety: /);
  });
});

describe('renderRubric', () => {
  it('lists each criterion with its id, label, description, scale and anchors low to high', () => {
    const shuffled: Rubric = {
      ...tinyRubric,
      criteria: [{ ...tinyRubric.criteria[0], anchors: [...tinyRubric.criteria[0].anchors].reverse() }, tinyRubric.criteria[1]],
    };
    const text = renderRubric(shuffled);
    expect(text).toBe(
      [
        'Tiny (version 3): A two-criterion rubric for tests.',
        '',
        '1. Warmth (criterion id: "warmth"; score 1–5, or null if it cannot be judged from the transcript)',
        '   Is the counselor warm?',
        '   Anchors (a score between two anchors means between those descriptions):',
        '   1 = Cold.',
        '   3 = Polite.',
        '   5 = Warm.',
        '',
        '2. Focus (criterion id: "focus"; score 0–6, or null if it cannot be judged from the transcript)',
        '   Does the session stay on the problem?',
        '   Anchors (a score between two anchors means between those descriptions):',
        '   0 = Drifts.',
        '   6 = Focused.',
      ].join('\n'),
    );
  });

  it('renders every CTRS item and anchor', () => {
    const r = rubricSchema.parse(ctrs);
    const text = renderRubric(r);
    for (const c of r.criteria) {
      expect(text).toContain(`(criterion id: "${c.id}"; score 0–6`);
      for (const a of c.anchors) expect(text).toContain(`   ${a.score} = ${a.description}`);
    }
  });
});
