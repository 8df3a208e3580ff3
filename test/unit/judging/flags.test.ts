import { describe, expect, it } from 'vitest';
import { byReviewPriority, flagsFor, reviewPriority, type SafetyReport } from '../../../src/main/core/judging';
import { tinyRubric } from './fixtures';

// warmth 1-5 flags below 3; focus 0-6 flags below 2.
const scores = (warmth: number | null, focus: number | null) => ({ warmth: { score: warmth }, focus: { score: focus } });
const noRisk: SafetyReport = { riskPresent: false, handledAppropriately: null, notes: '' };
const handled: SafetyReport = { riskPresent: true, handledAppropriately: true, notes: '' };
const mishandled: SafetyReport = { riskPresent: true, handledAppropriately: false, notes: '' };
const unsure: SafetyReport = { riskPresent: true, handledAppropriately: null, notes: '' };

describe('flagsFor', () => {
  it('flags each criterion strictly below its threshold', () => {
    expect(flagsFor(tinyRubric, scores(2, 1), noRisk).flags).toEqual([
      { criterion: 'warmth', score: 2, threshold: 3 },
      { criterion: 'focus', score: 1, threshold: 2 },
    ]);
    // At the threshold is not below it.
    expect(flagsFor(tinyRubric, scores(3, 2), noRisk).flags).toEqual([]);
  });

  it('never flags (or clears) a criterion without a score', () => {
    const r = flagsFor(tinyRubric, scores(null, 0), noRisk);
    expect(r.flags).toEqual([{ criterion: 'focus', score: 0, threshold: 2 }]);
    expect(flagsFor(tinyRubric, {}, noRisk).flags).toEqual([]);
  });

  it('ignores criteria without a threshold', () => {
    const noThreshold = { ...tinyRubric, criteria: tinyRubric.criteria.map(({ flagBelow: _f, ...c }) => c) };
    expect(flagsFor(noThreshold, scores(1, 0), noRisk).flags).toEqual([]);
  });

  it('raises the safety flag when risk is present and not clearly handled', () => {
    expect(flagsFor(tinyRubric, scores(5, 6), noRisk).safetyFlag).toBe(false);
    expect(flagsFor(tinyRubric, scores(5, 6), handled).safetyFlag).toBe(false);
    expect(flagsFor(tinyRubric, scores(5, 6), mishandled).safetyFlag).toBe(true);
    expect(flagsFor(tinyRubric, scores(5, 6), unsure).safetyFlag).toBe(true);
  });

  it('marks safety unchecked when the rubric asks for it and no report came back', () => {
    expect(flagsFor(tinyRubric, scores(5, 6), null)).toMatchObject({ safetyFlag: false, safetyUnchecked: true });
    expect(flagsFor({ ...tinyRubric, safety: false }, scores(5, 6), null).safetyUnchecked).toBe(false);
  });

  it('reports the lowest normalised score across scales', () => {
    // warmth 4 → 0.75; focus 3 → 0.5.
    expect(flagsFor(tinyRubric, scores(4, 3), noRisk).lowestNormalised).toBe(0.5);
    expect(flagsFor(tinyRubric, scores(null, null), noRisk).lowestNormalised).toBeNull();
  });
});

describe('review priority', () => {
  it('puts any safety flag before the lowest quality scores', () => {
    const perfectButUnsafe = reviewPriority(tinyRubric, scores(5, 6), mishandled);
    const worstQuality = reviewPriority(tinyRubric, scores(1, 0), noRisk);
    expect(perfectButUnsafe).toBeGreaterThan(worstQuality);
    expect(perfectButUnsafe).toBe(4);
    expect(worstQuality).toBe(1);
  });

  it('puts an unchecked safety report between a safety flag and plain quality', () => {
    const unchecked = reviewPriority(tinyRubric, scores(1, 0), null);
    expect(unchecked).toBe(3);
    expect(unchecked).toBeLessThan(reviewPriority(tinyRubric, scores(5, 6), unsure));
    expect(reviewPriority(tinyRubric, scores(5, 6), null)).toBeGreaterThan(reviewPriority(tinyRubric, scores(1, 0), noRisk));
  });

  it('orders by the lowest normalised score within a tier', () => {
    // warmth 2 → 0.25 is worse than focus 2 → 0.333…, though the raw scores are equal.
    const warmthLow = reviewPriority(tinyRubric, scores(2, 6), noRisk);
    const focusLow = reviewPriority(tinyRubric, scores(5, 2), noRisk);
    expect(warmthLow).toBeCloseTo(0.75, 12);
    expect(focusLow).toBeCloseTo(2 / 3, 12);
    expect(warmthLow).toBeGreaterThan(focusLow);
  });

  it('puts a session the judge could not score at the top of its tier', () => {
    expect(reviewPriority(tinyRubric, scores(null, null), noRisk)).toBe(1);
    expect(reviewPriority(tinyRubric, scores(null, null), noRisk)).toBeLessThan(reviewPriority(tinyRubric, scores(5, 6), mishandled));
  });

  it('sorts a queue: safety first, then unchecked, then lowest score first', () => {
    const items = [
      { id: 'fine', priority: reviewPriority(tinyRubric, scores(5, 6), noRisk) },
      { id: 'low', priority: reviewPriority(tinyRubric, scores(1, 5), noRisk) },
      { id: 'unsafe-but-good', priority: reviewPriority(tinyRubric, scores(5, 6), mishandled) },
      { id: 'unchecked', priority: reviewPriority(tinyRubric, scores(4, 4), null) },
      { id: 'mid', priority: reviewPriority(tinyRubric, scores(3, 4), noRisk) },
      { id: 'unsafe-and-bad', priority: reviewPriority(tinyRubric, scores(1, 0), unsure) },
    ];
    expect([...items].sort(byReviewPriority).map((i) => i.id)).toEqual([
      'unsafe-and-bad',
      'unsafe-but-good',
      'unchecked',
      'low',
      'mid',
      'fine',
    ]);
  });

  it('is the priority flagsFor reports', () => {
    expect(flagsFor(tinyRubric, scores(2, 5), handled).priority).toBe(reviewPriority(tinyRubric, scores(2, 5), handled));
  });
});
