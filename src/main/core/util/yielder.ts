/**
 * A long loop on the thread that answers calls calls `await pause()` after each step: once `budgetMs`
 * of work has passed, it gives the event loop a turn (timers, I/O, other calls), then carries on.
 * An `await` alone would not: a resolved promise continues before anything else may run.
 */
export function yielder(budgetMs = 20): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
