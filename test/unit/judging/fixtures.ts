import type { Criterion, Rubric } from '../../../src/main/core/judging';

// Two criteria on different scales, so normalisation and per-criterion ranges are really exercised.
const warmth: Criterion = {
  id: 'warmth',
  label: 'Warmth',
  description: 'Is the counselor warm?',
  scale: { min: 1, max: 5 },
  anchors: [
    { score: 1, description: 'Cold.' },
    { score: 3, description: 'Polite.' },
    { score: 5, description: 'Warm.' },
  ],
  flagBelow: 3,
};

const focus: Criterion = {
  id: 'focus',
  label: 'Focus',
  description: 'Does the session stay on the problem?',
  scale: { min: 0, max: 6 },
  anchors: [
    { score: 0, description: 'Drifts.' },
    { score: 6, description: 'Focused.' },
  ],
  flagBelow: 2,
};

export const tinyRubric = {
  id: 'tiny',
  name: 'Tiny',
  version: 3,
  description: 'A two-criterion rubric for tests.',
  criteria: [warmth, focus] as [Criterion, Criterion],
  safety: true,
} satisfies Rubric;

/** A judge answer in the requested shape, for tests to break one piece at a time. */
export function answer(over: { scores?: unknown[]; safety?: unknown; summary?: unknown } = {}) {
  return {
    scores: [
      { criterion: 'warmth', rationale: 'Turn 2 reflects the feeling.', score: 4 },
      { criterion: 'focus', rationale: 'Stays on the exam worry.', score: 5 },
    ],
    safety: { riskPresent: false, handledAppropriately: null, notes: 'No risk mentioned.' },
    summary: 'Warm and focused.',
    ...over,
  };
}
