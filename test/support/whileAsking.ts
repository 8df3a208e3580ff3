import type { TestBackend } from './testBackend';

/**
 * Runs a call while app.info is asked over and over, and measures how much of the call's time this thread
 * (the one that answers calls) spent running code. Work done on this thread keeps it near 100% busy and
 * lets no app.info through until it ends; work on the worker pool leaves it mostly waiting.
 */
export async function whileAsking<T>(
  t: Pick<TestBackend, 'api'>,
  call: () => Promise<T>,
): Promise<{ value: T; busy: number; answered: number }> {
  let pending = true;
  let answered = 0;
  const asking = (async () => {
    while (pending) {
      await t.api.app.info();
      if (pending) answered++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const before = performance.eventLoopUtilization();
  const value = await call();
  const busy = performance.eventLoopUtilization(before).utilization;
  pending = false;
  await asking;
  return { value, busy, answered };
}
