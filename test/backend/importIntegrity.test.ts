import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport as importAndWait, startImportBackend, writeInto } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';
import { docx, documentXml } from '../support/zip';
import { parseIsolated, readIsolated } from '../../src/main/core/imports/parseIsolated';
import { WorkerPool } from '../../src/main/core/workers/workerPool';
import { canResume } from '../../src/shared/domain/job';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'transcripts', name);

let t: TestBackend;
let dir: string;
beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Import integrity', 'hds-import-integrity-'));
});
afterEach(async () => {
  await t.cleanup();
});

const runImport = (input: Parameters<typeof importAndWait>[1]) => importAndWait(t, input);

const write = (name: string, text: string | Uint8Array) => writeInto(dir, name, text);

describe('import integrity', () => {
  it('imports an AnnoMI-full-shaped file (one row per annotator) with each utterance once, and reports the folded rows', async () => {
    const path = join(dir, 'AnnoMI-full.csv');
    copyFileSync(fixture('annomi-full.csv'), path);
    const { reports } = await runImport({ paths: [path] });
    expect(reports[0]).toMatchObject({ imported: 2, format: 'csv' });
    expect(reports[0]!.problems.map((p) => p.message).join('\n')).toMatch(/14 rows repeat an utterance already read/);
    for (const row of (await t.api.sessions.list({})).rows) {
      const s = await t.api.sessions.get({ id: row.id });
      const texts = s.turns.map((x) => x.text);
      expect(texts.every((x) => !x.includes(`${x.slice(0, 20)}`, 20))).toBe(true);
      expect(s.turns.length).toBe(row.title.startsWith('Reducing') ? 4 : 3);
    }
  });

  it('names the token-window split as the cause when a long turn cannot form a window, and reports turns a split leaves out', async () => {
    const long = write('long-turn.txt', `Therapist: Hello.\nClient: ${'so much to say about work and sleep '.repeat(300)}\n`);
    const split = write(
      'split.txt',
      [
        'Therapist: Welcome back.',
        ...Array.from({ length: 30 }, (_, i) =>
          i % 2 === 0 ? `Client: Point ${i} about my week and how it went.` : `Therapist: Reply ${i}, tell me more about that.`,
        ),
        'Client: One last thing.',
      ].join('\n'),
    );
    const { reports } = await runImport({ paths: [long, split], cleaning: { maxTokens: 256 } });
    const [first, second] = reports;
    expect(first!.skipped[0]!.reason).toMatch(
      /longer than the token limit \(256 tokens\).*no client turn followed by a counselor turn.*raise the token limit/,
    );
    expect(first!.skipped[0]!.reason).not.toMatch(/empty/);
    expect(second!.imported).toBeGreaterThan(1);
    expect(second!.problems.map((p) => p.message).join('\n')).toMatch(
      /left out: 1 counselor turn before the first client turn, 1 client turn after the last counselor turn/,
    );
  });

  it('fails a zip-bomb DOCX alone with its reason while the rest of the batch imports, and resume does not read it again', async () => {
    const good = write('a-good.txt', 'Therapist: How was the week?\nClient: Better, thanks.\n');
    const bomb = write('b-bomb.docx', docx(Buffer.alloc(110 * 1024 * 1024, 0x20)));
    const later = write('c-later.txt', 'Therapist: And sleep?\nClient: Still short.\n');
    const { job } = await runImport({ paths: [good, bomb, later] });
    const result = job.result as { imported: number; failedFiles: { path: string; error: string }[] };
    expect(result.imported).toBe(2);
    expect(result.failedFiles).toEqual([{ path: bomb, error: expect.stringMatching(/This DOCX unpacks to more than 100 MB/) }]);
    expect(job.message).toMatch(/1 failed.*b-bomb\.docx: This DOCX unpacks to more than 100 MB.*See the reason for each failed item/);
    expect(job.message).not.toMatch(/[Rr]esume to retry/);

    // Resume is not offered for a file that would only fail again, and refusing it says why; were the
    // failed file read again, this (now valid) file would import.
    write('b-bomb.docx', 'Therapist: Now it reads.\nClient: Yes.\n');
    const finished = await t.api.jobs.get({ id: job.id });
    expect(finished).toMatchObject({ retriesFailed: false, failed: 1 });
    expect(canResume(finished)).toBe(false);
    await expect(t.api.jobs.resume({ id: job.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/nothing left to run\. Its failed items are not tried again/),
    });
    expect((await t.api.jobs.get({ id: job.id })).status).toBe(finished.status);
    expect((await t.api.sessions.list({})).total).toBe(2);
  });
});

describe('parsing in a worker of the pool with limits', () => {
  let pool: WorkerPool;
  beforeEach(() => {
    pool = new WorkerPool();
  });
  afterEach(async () => {
    await pool.close();
  });

  it('stops a file that takes longer than the time limit, with a reason', async () => {
    const bytes = new TextEncoder().encode('Therapist: hi\nClient: hello\n');
    await expect(parseIsolated(pool, 'slow.txt', bytes, {}, { maxMemoryMb: 512, timeoutMs: 1 })).rejects.toThrow(
      /^slow\.txt took longer than 1 ms to read, so reading it was stopped/,
    );
  });

  it('stops a file that needs more memory than the cap, with a reason, and the process goes on', async () => {
    const line = 'Therapist: a line of a long transcript that keeps going and going.\n';
    const bytes = new TextEncoder().encode(line.repeat(400_000));
    await expect(parseIsolated(pool, 'big.txt', bytes, {}, { maxMemoryMb: 24, timeoutMs: 60_000 })).rejects.toThrow(
      /^big\.txt needs more than 24 MB of memory to read/,
    );
    const ok = await parseIsolated(pool, 'ok.txt', new TextEncoder().encode('Therapist: hi\nClient: hello\n'));
    expect(ok.transcripts[0]!.utterances).toHaveLength(2);
  });

  it('reads a small text file on the calling thread in a pool made for it (the CLI), but never a Word file or a large one', async () => {
    const here = new WorkerPool({ smallTasksHere: true });
    try {
      const small = await readIsolated(here, 'small.txt', new TextEncoder().encode('Therapist: hi\nClient: hello\n'), {});
      expect(small.parsed.transcripts[0]!.utterances).toHaveLength(2);
      expect(here.threads).toBe(0);
      // A Word file is a zip: however small on disk, it is unpacked on a worker, under the worker's limits.
      const word = await readIsolated(here, 'note.docx', docx(documentXml(['Therapist: hi', 'Client: hello'])), {});
      expect(word.parsed.transcripts[0]!.utterances).toHaveLength(2);
      expect(here.threads).toBe(1);
      // So is a text file too large to count as small: the memory cap still stops it, and the process goes on.
      const line = 'Therapist: a line of a long transcript that keeps going and going.\n';
      const big = new TextEncoder().encode(line.repeat(150_000));
      await expect(readIsolated(here, 'big.txt', big, {}, { limits: { maxMemoryMb: 24, timeoutMs: 60_000 } })).rejects.toThrow(
        /^big\.txt needs more than 24 MB of memory to read/,
      );
    } finally {
      await here.close();
    }
  });

  it('says which line of a file is not a transcript, as before the pool', async () => {
    const bytes = new TextEncoder().encode('{"messages": [}\n');
    await expect(parseIsolated(pool, 'bad.jsonl', bytes)).rejects.toMatchObject({ name: 'TranscriptFormatError' });
  });
});
