import { describe, expect, it } from 'vitest';
import { fullDetail } from '../../../src/main/cli/studyCommands';
import type { StudyStep } from '../../../src/shared/api/study';

const step = (detail: string, warnings: string[]): StudyStep =>
  ({ step: 'redact', title: 'Clear personal details', state: 'warning', next: false, done: false, detail, warnings }) as StudyStep;

describe("cli status's one detail per step", () => {
  it('reads as sentences when warnings are folded in', () => {
    expect(fullDetail(step('138 sessions wait for personal-detail review', ['138 sessions still have details nobody reviewed.']))).toBe(
      '138 sessions wait for personal-detail review. Warning: 138 sessions still have details nobody reviewed.',
    );
  });
  it('keeps a lone detail as it is', () => {
    expect(fullDetail(step('No real transcripts yet', []))).toBe('No real transcripts yet');
  });
});
