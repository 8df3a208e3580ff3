import { quantileSorted, mean } from 'simple-statistics';

export interface Distribution {
  n: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export function distribution(samplesMs: number[]): Distribution {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    meanMs: round(mean(sorted)),
    p50Ms: round(quantileSorted(sorted, 0.5)),
    p95Ms: round(quantileSorted(sorted, 0.95)),
    p99Ms: round(quantileSorted(sorted, 0.99)),
  };
}

export async function timeEach(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export function printSection(title: string, rows: Record<string, unknown>): void {
  console.log(`\n${title}`);
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(width)}  ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
}

/**
 * Asks `call` every 10 ms on a fixed schedule, without waiting for answers; each answer's delay counts
 * from when the call was due, so time the answering thread spent on other work counts too.
 */
export function scheduledPings(call: () => Promise<unknown>) {
  const delays: number[] = [];
  const pending: Promise<unknown>[] = [];
  let due = performance.now();
  const timer = setInterval(() => {
    for (const now = performance.now(); due + 10 <= now; due += 10) {
      const asked = due + 10;
      pending.push(call().then(() => delays.push(performance.now() - asked)));
    }
  }, 10);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return delays.length ? distribution(delays) : null;
    },
  };
}
