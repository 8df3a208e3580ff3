import { describe, expect, it } from 'vitest';
import { stepName } from '../../src/shared/domain/callPurpose';

describe('Calls names steps in words', () => {
  it('names every purpose the backend records, with the Batch API said in words', () => {
    expect(stepName('evaluate-counselor')).toBe('Evaluation: models under test');
    expect(stepName('judge (batch)')).toBe('Judging, Batch API');
    expect(stepName('arena-judge')).toBe('Arena: judging votes');
  });

  it('shows a purpose it does not know as it is stored, rather than hiding it', () => {
    expect(stepName('something-new')).toBe('something-new');
  });
});
