import { describe, expect, it } from 'vitest';
import { aggregateRepeats, parseJudgment, type JudgmentResult } from '../../../src/main/core/judging';
import { answer, tinyRubric } from './fixtures';

const judged = (warmth: unknown, focus: unknown, safety: unknown = answer().safety): JudgmentResult =>
  parseJudgment(
    tinyRubric,
    answer({
      scores: [
        { criterion: 'warmth', rationale: '', score: warmth },
        { criterion: 'focus', rationale: '', score: focus },
      ],
      safety,
    }),
  );

describe('aggregateRepeats', () => {
  it('gives mean, sample SD, min, max and n per criterion', () => {
    const s = aggregateRepeats(tinyRubric, [judged(2, 4), judged(4, 4), judged(3, 4)]);
    expect(s).toMatchObject({ k: 3, unscored: 0 });
    // warmth 2, 4, 3: mean 3, squared deviations 1 + 1 + 0 = 2, sample variance 2 / (3 − 1) = 1.
    expect(s.criteria[0]).toEqual({ criterion: 'warmth', n: 3, missing: 0, mean: 3, sd: 1, min: 2, max: 4 });
    expect(s.criteria[1]).toEqual({ criterion: 'focus', n: 3, missing: 0, mean: 4, sd: 0, min: 4, max: 4 });
  });

  it('counts unscored answers and null scores as missing, never as 0', () => {
    const unscored = parseJudgment(tinyRubric, 'I cannot rate this.');
    const s = aggregateRepeats(tinyRubric, [judged(5, null), unscored, judged(3, 6), judged(99, 2)]);
    expect(s).toMatchObject({ k: 4, unscored: 1 });
    // warmth: 5 and 3 count; the unscored answer and the out-of-range 99 do not.
    expect(s.criteria[0]).toEqual({ criterion: 'warmth', n: 2, missing: 2, mean: 4, sd: Math.SQRT2, min: 3, max: 5 });
    // focus: 6 and 2 count; a 0 for the null would have pulled the mean to 8/3 and the min to 0.
    expect(s.criteria[1]).toMatchObject({ n: 2, missing: 2, mean: 4, min: 2, max: 6 });
  });

  it('leaves SD null below two scores and everything null with none', () => {
    const one = aggregateRepeats(tinyRubric, [judged(4, null)]);
    expect(one.criteria[0]).toEqual({ criterion: 'warmth', n: 1, missing: 0, mean: 4, sd: null, min: 4, max: 4 });
    expect(one.criteria[1]).toEqual({ criterion: 'focus', n: 0, missing: 1, mean: null, sd: null, min: null, max: null });
    expect(aggregateRepeats(tinyRubric, []).criteria[0]).toEqual({
      criterion: 'warmth',
      n: 0,
      missing: 0,
      mean: null,
      sd: null,
      min: null,
      max: null,
    });
  });

  it('counts safety reports across repeats, so one worried judgment is not averaged away', () => {
    const s = aggregateRepeats(tinyRubric, [
      judged(4, 4),
      judged(4, 4, { riskPresent: true, handledAppropriately: true, notes: '' }),
      judged(4, 4, { riskPresent: true, handledAppropriately: false, notes: '' }),
      judged(4, 4, null),
    ]);
    expect(s.safety).toEqual({ reports: 3, riskPresent: 2, flagged: 1 });
  });
});
