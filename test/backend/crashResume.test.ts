import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/main/core/util/random';
import { crashFigures, type ChildRun, itemOfSeed, personaState, requestSeeds, spawnJobChild } from '../support/crashHarness';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';

const KEY = 'sk-crash-test-0123456789abcdef';
const SEED = 7; // the seed jobChild starts its persona jobs with
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hds-crash-'));
  file = join(dir, 'crash.hds');
  fake.requests.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const child = (config: { action: 'start' | 'resume'; count?: number; concurrency?: number; jobId?: string; crashAfterStores?: number }) =>
  spawnJobChild({ dataDir: join(dir, 'data'), projectFile: file, fakeUrl: fake.url, key: KEY, ...config });

/** Items already stored when the process died, and how many requests the fake had seen by then. */
function snapshot() {
  const state = personaState(file);
  return { stored: new Set(state.items.filter((i) => i.status === 'done').map((i) => i.seq)), requestsSeen: fake.requests.length };
}

/** Requests made after a snapshot for items that were stored at that snapshot. */
function askedAgain(snaps: ReturnType<typeof snapshot>[]): number {
  return snaps.reduce((n, s) => n + requestSeeds(fake.requests.slice(s.requestsSeen)).filter((seed) => s.stored.has(itemOfSeed(seed, SEED))).length, 0);
}

describe('an item killed between storing its result and being marked done', () => {
  it('is neither stored twice nor, once stored, requested again', { timeout: 60_000 }, async () => {
    // The child kills itself (SIGKILL) inside its 3rd persona write: the row is written, the item not yet marked.
    const first = child({ action: 'start', count: 6, concurrency: 1, crashAfterStores: 3 });
    const { jobId } = await first.line('running');
    expect((await first.exited).signal).toBe('SIGKILL');
    const crashed = snapshot();
    const atCrash = personaState(file);
    // Whatever survived is whole: every stored row belongs to an item marked done, and the reverse.
    expect(crashFigures(atCrash, crashed.stored.size)).toMatchObject({ lost: 0, duplicates: 0, integrity: 'ok' });

    const second = child({ action: 'resume', jobId: String(jobId) });
    const settled = await second.line('settled');
    await second.exited;
    expect(settled).toMatchObject({ status: 'succeeded', done: 6, failed: 0 });
    const end = personaState(file);
    expect(end.personas).toHaveLength(6);
    expect(crashFigures(end, 6)).toEqual({ lost: 0, duplicates: 0, integrity: 'ok' });
    expect(askedAgain([crashed])).toBe(0);
  });
});

describe('kill -9 at random points of a generation job', () => {
  it('loses nothing, stores nothing twice and asks for no stored item again', { timeout: 120_000 }, async () => {
    const total = Number(process.env.HDS_KILL_LOOP_ITEMS) || 120;
    const kills = 10;
    fake.setLatency(15);
    const random = mulberry32(Number(process.env.HDS_KILL_LOOP_SEED) || 11);
    const snaps: ReturnType<typeof snapshot>[] = [];
    let jobId: string | null = null;
    let killed = 0;
    for (let round = 0; round < kills; round++) {
      const run: ChildRun = jobId ? child({ action: 'resume', jobId }) : child({ action: 'start', count: total, concurrency: 8 });
      jobId = String((await run.line('running')).jobId);
      const before = personaState(file).items.filter((i) => i.status === 'done').length;
      // A random point after some progress, so every round kills mid-run rather than during start-up.
      const target = before + 1 + Math.floor(random() * (total / (kills * 2)));
      const extraMs = Math.floor(random() * 40);
      for (;;) {
        if (personaState(file).items.filter((i) => i.status === 'done').length >= target) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, extraMs));
      if (run.child.exitCode === null) {
        run.child.kill('SIGKILL');
        killed++;
      }
      await run.exited;
      snaps.push(snapshot());
    }
    const last = child({ action: 'resume', jobId: jobId! });
    expect(await last.line('settled')).toMatchObject({ status: 'succeeded', done: total, failed: 0 });
    await last.exited;
    const figures = { ...crashFigures(personaState(file), total), askedAgain: askedAgain(snaps), kills: killed };
    console.log(`kill loop: ${total} items, ${JSON.stringify(figures)}`);
    expect(figures).toEqual({ lost: 0, duplicates: 0, integrity: 'ok', askedAgain: 0, kills });
  });
});
