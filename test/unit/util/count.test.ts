import { describe, expect, it } from 'vitest';
import { groupedCount } from '../../../src/main/core/util/count';
import { mulberry32 } from '../../../src/main/core/util/random';

describe('groupedCount', () => {
  it('writes whole numbers exactly as en-US toLocaleString does', () => {
    const random = mulberry32(3);
    const samples = [0, 1, 12, 999, 1000, 1001, 65_536, 999_999, 1_000_000, -1, -1234, -999, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i++) samples.push(Math.floor((random() - 0.3) * 10 ** Math.floor(random() * 15)));
    for (const n of samples) expect(groupedCount(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves fractions and unsafe integers to toLocaleString', () => {
    expect(groupedCount(1234.5)).toBe((1234.5).toLocaleString('en-US'));
    expect(groupedCount(2 ** 60)).toBe((2 ** 60).toLocaleString('en-US'));
  });
});
