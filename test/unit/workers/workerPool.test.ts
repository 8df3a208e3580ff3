import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TaskLimitError, WorkerPool } from '../../../src/main/core/workers/workerPool';

const file = (turns: number) => new TextEncoder().encode('Therapist: how was the week?\nClient: long.\n'.repeat(turns));
const parse = (pool: WorkerPool, bytes: Uint8Array, options: Parameters<WorkerPool['run']>[2] = {}) =>
  pool.run('parseFile', { fileName: 'a.txt', bytes, options: {} }, options);

let pool: WorkerPool;
beforeEach(() => {
  pool = new WorkerPool({ size: 2 });
});
afterEach(async () => {
  await pool.close();
});

describe('the backend worker pool', () => {
  it('fails only the task that passes its time limit, and replaces its worker', async () => {
    const [slow, fine] = await Promise.allSettled([
      parse(pool, file(3), { limits: { maxMemoryMb: 256, timeoutMs: 1 } }),
      parse(pool, file(2), { limits: { maxMemoryMb: 256, timeoutMs: 60_000 } }),
    ]);
    expect(slow.status === 'rejected' && slow.reason).toBeInstanceOf(TaskLimitError);
    expect(slow.status === 'rejected' && (slow.reason as TaskLimitError).limit).toBe('time');
    expect(fine.status === 'fulfilled' && fine.value.parsed.transcripts[0]!.utterances).toHaveLength(4);
    // The worker that was stopped is replaced: the same limits work for the next task.
    const next = await parse(pool, file(1), { limits: { maxMemoryMb: 256, timeoutMs: 60_000 } });
    expect(next.parsed.transcripts[0]!.utterances).toHaveLength(2);
  });

  it('fails only the task that passes its heap cap, as a memory limit', async () => {
    const big = parse(pool, file(300_000), { limits: { maxMemoryMb: 24, timeoutMs: 60_000 } });
    await expect(big).rejects.toMatchObject({ name: 'TaskLimitError', limit: 'memory' });
    const next = await parse(pool, file(1));
    expect(next.parsed.transcripts[0]!.utterances).toHaveLength(2);
  });

  it('runs more tasks than it has workers, in turn, with any mix of heap caps', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => parse(pool, file(i + 1), i % 2 ? { limits: { maxMemoryMb: 128 + i, timeoutMs: 60_000 } } : {})),
    );
    expect(results.map((r) => r.parsed.transcripts[0]!.utterances.length)).toEqual([2, 4, 6, 8, 10]);
  });

  it('runs a task marked small on the calling thread only in a pool made to (a CLI command answers no one else)', async () => {
    expect((await parse(pool, file(2), { small: true })).parsed.transcripts[0]!.utterances).toHaveLength(4);
    expect(pool.threads).toBe(1);
    const here = new WorkerPool({ smallTasksHere: true });
    try {
      expect((await parse(here, file(2), { small: true })).parsed.transcripts[0]!.utterances).toHaveLength(4);
      expect(here.threads).toBe(0);
      const stopped = new AbortController();
      stopped.abort(new Error('Cancelled by the person.'));
      await expect(parse(here, file(1), { small: true, signal: stopped.signal })).rejects.toThrow('Cancelled by the person.');
      // A task not marked small still runs on a worker.
      expect((await parse(here, file(1))).parsed.transcripts[0]!.utterances).toHaveLength(2);
      expect(here.threads).toBe(1);
    } finally {
      await here.close();
    }
  });

  it('stops a task whose signal is aborted, queued or running, and keeps serving others', async () => {
    const one = new WorkerPool({ size: 1 });
    try {
      const running = new AbortController();
      const queued = new AbortController();
      const first = one.run('parseFile', { fileName: 'a.txt', bytes: file(50_000), options: {} }, { signal: running.signal });
      const second = one.run('parseFile', { fileName: 'b.txt', bytes: file(1), options: {} }, { signal: queued.signal });
      queued.abort(new Error('Not needed any more.'));
      running.abort(new Error('Cancelled by the person.'));
      await expect(second).rejects.toThrow('Not needed any more.');
      await expect(first).rejects.toThrow('Cancelled by the person.');
      expect((await one.run('parseFile', { fileName: 'c.txt', bytes: file(1), options: {} })).parsed.transcripts).toHaveLength(1);
    } finally {
      await one.close();
    }
  });

  it('moves transferred bytes to the worker instead of copying them', async () => {
    const bytes = file(2);
    const read = await parse(pool, bytes, { transfer: [bytes.buffer as ArrayBuffer] });
    expect(bytes.byteLength).toBe(0);
    expect(read.parsed.transcripts[0]!.utterances).toHaveLength(4);
  });
});
