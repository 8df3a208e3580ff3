import { describe, expect, it } from 'vitest';
import { groupFailures } from '../../src/shared/domain/job';

describe('failed items grouped by their error', () => {
  it('says a repeated error once with the items it hit, commonest first', () => {
    const rows = [
      { seq: 4, error: 'The provider is rate limiting (429).', attempts: 3 },
      { seq: 0, error: 'The answer was not valid JSON.', attempts: 1 },
      { seq: 2, error: 'The provider is rate limiting (429).', attempts: 2 },
      { seq: 7, error: null, attempts: 1 },
    ];
    expect(groupFailures(rows)).toEqual([
      { error: 'The provider is rate limiting (429).', items: [3, 5], attempts: 3 },
      { error: 'The answer was not valid JSON.', items: [1], attempts: 1 },
      { error: 'no reason recorded', items: [8], attempts: 1 },
    ]);
  });

  it('keeps distinct errors apart and an empty list empty', () => {
    expect(
      groupFailures([
        { seq: 0, error: 'a', attempts: 1 },
        { seq: 1, error: 'b', attempts: 1 },
      ]).map((g) => g.items),
    ).toEqual([[1], [2]]);
    expect(groupFailures([])).toEqual([]);
  });
});
