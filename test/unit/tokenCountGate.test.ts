import { describe, expect, it } from 'vitest';
import { TokenCountGate } from '../../src/main/core/sessions/tokenCountGate';

/** A stand-in for the worker pool's countSessionTokens task that a test settles by hand, and a library that has (or not) uncounted sessions. */
function setup(now = () => 0) {
  const library = { uncounted: 0 };
  const runs: { settle: (ok: boolean, landedMeanwhile?: number) => void }[] = [];
  const workers = {
    run: () =>
      new Promise((resolve, reject) =>
        runs.push({
          settle: (ok, landedMeanwhile = 0) => {
            if (!ok) return reject(new Error('worker died'));
            library.uncounted = landedMeanwhile;
            resolve({ counted: 1 });
          },
        }),
      ),
  };
  const failures: unknown[] = [];
  const gate = new TokenCountGate(workers as never, (err) => failures.push(err), now);
  const project = { file: 'a.hds', tokenCounts: { hasUncounted: () => library.uncounted > 0 } };
  const settled = async (i: number, ok = true, landedMeanwhile = 0) => {
    await Promise.resolve();
    runs[i]!.settle(ok, landedMeanwhile);
  };
  return { library, runs, failures, gate, project, settled };
}

describe('TokenCountGate', () => {
  it('asks nothing of the pool when nothing is uncounted, and one count serves every call that waits for it', async () => {
    const { library, runs, gate, project, settled } = setup();
    await gate.ensure(project);
    expect(runs).toHaveLength(0);
    library.uncounted = 3;
    const first = gate.ensure(project);
    const second = gate.ensure(project);
    expect(runs).toHaveLength(1);
    await settled(0);
    await Promise.all([first, second]);
    expect(runs).toHaveLength(1);
  });

  it('counts once more for sessions that landed after the running count began', async () => {
    const { library, runs, gate, project, settled } = setup();
    library.uncounted = 3;
    const first = gate.ensure(project);
    const waiting = gate.ensure(project);
    // Another import's 2 sessions landed after the count's last page: a second count takes them.
    await settled(0, true, 2);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toHaveLength(2);
    await settled(1);
    await Promise.all([first, waiting]);
    expect(library.uncounted).toBe(0);
    expect(runs).toHaveLength(2);
  });

  it('reports a count that fails and lets the read go on; reads within a minute do not wait for it again', async () => {
    let clock = 0;
    const { library, runs, failures, gate, project, settled } = setup(() => clock);
    library.uncounted = 1;
    const read = gate.ensure(project);
    await settled(0, false);
    await expect(read).resolves.toBeUndefined();
    expect(String(failures[0])).toMatch(/worker died/);
    await gate.ensure(project);
    expect(runs).toHaveLength(1);
    clock = 61_000;
    void gate.ensure(project);
    expect(runs).toHaveLength(2);
  });
});
