import { describe, expect, it } from 'vitest';
import { TokenCountGate } from '../../src/main/core/sessions/tokenCountGate';

/** A stand-in for the worker pool's countTokens task that a test settles by hand. */
function pool() {
  const runs: { file: string; settle: (ok: boolean) => void }[] = [];
  return {
    runs,
    run: (_task: 'countTokens', input: { file: string }) =>
      new Promise((resolve, reject) =>
        runs.push({ file: input.file, settle: (ok) => (ok ? resolve({ counted: 1 }) : reject(new Error('worker died'))) }),
      ),
  };
}

const project = (file: string, uncounted: () => boolean) => ({ file, tokenCounts: { hasUncounted: uncounted } });

describe('TokenCountGate', () => {
  it('asks nothing of the pool when nothing is uncounted, and one count serves every call that waits for it', async () => {
    const workers = pool();
    const gate = new TokenCountGate(workers as never, () => undefined);
    await gate.ensure(project('a.hds', () => false));
    expect(workers.runs).toHaveLength(0);
    const first = gate.ensure(project('a.hds', () => true));
    const second = gate.ensure(project('a.hds', () => true));
    expect(workers.runs).toHaveLength(1);
    workers.runs[0]!.settle(true);
    await Promise.all([first, second]);
    // A later call with sessions uncounted again (another import) starts a new count.
    const third = gate.ensure(project('a.hds', () => true));
    expect(workers.runs).toHaveLength(2);
    workers.runs[1]!.settle(true);
    await third;
  });

  it('reports a count that fails and lets the read go on; the next read tries again', async () => {
    const workers = pool();
    const failures: unknown[] = [];
    const gate = new TokenCountGate(workers as never, (err) => failures.push(err));
    const read = gate.ensure(project('a.hds', () => true));
    workers.runs[0]!.settle(false);
    await expect(read).resolves.toBeUndefined();
    expect(String(failures[0])).toMatch(/worker died/);
    void gate.ensure(project('a.hds', () => true));
    expect(workers.runs).toHaveLength(2);
  });
});
