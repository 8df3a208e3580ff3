import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askedAgain, crashFigures, personaState, runKillLoop, snapshot, spawnJobChild } from '../support/crashHarness';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';

const KEY = 'sk-crash-test-0123456789abcdef';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hds-crash-'));
  fake.requests.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('an item killed between storing its result and being marked done', () => {
  it('is neither stored twice nor, once stored, requested again', { timeout: 60_000 }, async () => {
    const file = join(dir, 'crash.hds');
    const child = (config: {
      action: 'start' | 'resume';
      count?: number;
      concurrency?: number;
      jobId?: string;
      crashAfterStores?: number;
    }) => spawnJobChild({ dataDir: join(dir, 'data'), projectFile: file, fakeUrl: fake.url, key: KEY, ...config });
    // The child kills itself (SIGKILL) inside its 3rd persona write: the row is written, the item not yet marked.
    const first = child({ action: 'start', count: 6, concurrency: 1, crashAfterStores: 3 });
    const { jobId } = await first.line('running');
    expect((await first.exited).signal).toBe('SIGKILL');
    const crashed = snapshot(file, fake.requests);
    // Whatever survived is whole: every stored row belongs to an item marked done, and the reverse.
    expect(crashFigures(personaState(file), crashed.stored.size)).toMatchObject({ lost: 0, duplicates: 0, integrity: 'ok' });

    const second = child({ action: 'resume', jobId: String(jobId) });
    const settled = await second.line('settled');
    await second.exited;
    expect(settled).toMatchObject({ status: 'succeeded', done: 6, failed: 0 });
    const end = personaState(file);
    expect(end.personas).toHaveLength(6);
    expect(crashFigures(end, 6)).toEqual({ lost: 0, duplicates: 0, integrity: 'ok' });
    expect(askedAgain([crashed], fake.requests)).toBe(0);
  });
});

describe('kill -9 at random points of a generation job', () => {
  // The 500-item version runs in `npm run bench -- crash`; this one keeps the suite quick.
  it('loses nothing, stores nothing twice and asks for no stored item again', { timeout: 120_000 }, async () => {
    fake.setLatency(15);
    const figures = await runKillLoop({ dir, fake, key: KEY, total: 120, kills: 10, seed: 11 });
    console.log(`kill loop: ${JSON.stringify(figures)}`);
    expect(figures).toMatchObject({
      kills: 10,
      settled: { status: 'succeeded', done: 120, failed: 0 },
      lost: 0,
      duplicates: 0,
      integrity: 'ok',
      askedAgain: 0,
    });
  });
});
