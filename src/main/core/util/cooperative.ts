/**
 * Long synchronous work (freezing 100,000 sessions) would keep the backend from answering anything
 * else; calling the returned function in the loop hands the event loop back every `every` steps.
 */
export function cooperative(every = 100): () => Promise<void> | undefined {
  let steps = 0;
  return () => (++steps % every === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined);
}
