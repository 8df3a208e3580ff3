import { describe, expect, it } from 'vitest';
import { tallyOutcome } from '../../../src/main/core/jobs/outcome';

const failedItem = (error: string) => ({ status: 'failed', error }) as never;

describe("a job's most common cause", () => {
  it('counts failures by their first sentence, and marks a cause cut short', () => {
    const long = `The provider refused the request because ${'the prompt was far too long and '.repeat(12)}it stopped`;
    const { outcome } = tallyOutcome({} as never, [
      failedItem(`${long}. More detail.`),
      failedItem(`${long}. Other detail.`),
      failedItem('Timeout.'),
    ]);
    expect(outcome.failed).toBe(3);
    expect(outcome.cause).toMatch(/^2 items failed: The provider refused the request because .*…$/);
    expect(outcome.cause!.length).toBeLessThan(230);
    expect(tallyOutcome({} as never, [failedItem('Rate limited. Try later.')]).outcome.cause).toBe('1 item failed: Rate limited');
  });
});
