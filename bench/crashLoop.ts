import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../test/support/fakeOpenAI';
import { runKillLoop } from '../test/support/crashHarness';

const KEY = 'sk-bench-crash-0123456789';

/** kill -9 at 10 random points of a 500-persona job against the fake with latency: nothing lost, nothing twice. */
export async function crashLoopBench(): Promise<Record<string, unknown>> {
  const fake = await startFakeOpenAI({ apiKey: KEY, latencyMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'hds-bench-crash-'));
  try {
    const figures = await runKillLoop({ dir, fake, key: KEY, total: 500, kills: 10, seed: 2026 });
    console.log(`\nkill -9 loop (500 items, 10 random kills, fake latency 20 ms)\n  ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
