import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileImportReport } from '../../src/shared/domain/importing';
import { settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
let dir: string;
beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Responsive import' });
  dir = mkdtempSync(join(tmpdir(), 'hds-import-busy-'));
});
afterEach(async () => {
  await t.cleanup();
});

/** A session in the shape people import: a few turns that differ from the next session's only a little. */
const session = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Week ${i} was hard: I missed the deadline on report r${i}x and my manager, Dana Smith, was upset.` },
      { role: 'assistant', content: 'What went through your mind when that happened?' },
      {
        role: 'user',
        content: `That I fail at everything I try, like the ${i % 7} other times this month. Call me on 0161 496 0${String(i % 1000).padStart(3, '0')}.`,
      },
      { role: 'assistant', content: 'Let us look at that thought together and see what the evidence says.' },
    ],
  });

describe('a large import', () => {
  it('leaves the backend answering other calls while it stores its sessions', { timeout: 120_000 }, async () => {
    const count = 400;
    const file = join(dir, 'large.jsonl');
    writeFileSync(file, `${Array.from({ length: count }, (_, i) => session(i)).join('\n')}\n`);

    const stalls = monitorEventLoopDelay({ resolution: 10 });
    const started = Date.now();
    const job = await t.api.imports.start({ paths: [file], redaction: 'review' });
    stalls.enable();
    // A cheap call keeps asking while the import runs, as the Jobs panel does.
    let answered = 0;
    const polling = (async () => {
      for (;;) {
        const status = (await t.api.jobs.get({ id: job.id })).status;
        answered++;
        if (status !== 'running' && status !== 'queued') return;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const done = await settledJob(t, job.id, 110_000);
    await polling;
    stalls.disable();
    const report = (done.result as { reports: FileImportReport[] }).reports[0]!;
    console.log(
      `import of ${count}: ${Date.now() - started} ms, longest stall ${Math.round(stalls.max / 1e6)} ms, ${answered} answers to jobs.get`,
    );

    expect(done.status).toBe('succeeded');
    expect(report.imported).toBe(count);
    // Before, the whole file's redaction, signatures and near-duplicate checks ran without a break: about 5 s of silence here.
    expect(stalls.max / 1e6).toBeLessThan(1000);
    expect(answered).toBeGreaterThan(3);
  });
});
