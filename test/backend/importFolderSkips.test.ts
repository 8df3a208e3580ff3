import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport, startImportBackend, writeInto } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';

// A data folder holds more than transcripts: a README, notes, a dataset's metadata. Found by searching
// a folder, such a file is skipped with its reason; named on its own, it is still an error that says why.

let t: TestBackend;
let dir: string;
beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Folder skips', 'hds-folder-skips-'));
});
afterEach(async () => {
  await t.cleanup();
});

interface ImportSummary {
  imported: number;
  failedFiles: { path: string; error: string }[];
  skippedFiles?: { path: string; reason: string }[];
  reports: { name: string }[];
}

/** How many times `name` occurs in `text`. */
const occurrences = (text: string, name: string) => text.split(name).length - 1;

function folderOfFour() {
  const first = writeInto(
    dir,
    'intake.txt',
    'Counselor: What brings you in today?\nClient: I have not been sleeping.\nCounselor: Tell me more.\n',
  );
  const second = writeInto(dir, 'follow-up.txt', 'Therapist: How did the week go?\nPatient: Better than the last one.\n');
  const readme = writeInto(dir, 'README.md', '# Pilot data\n\nTwo sessions, shared with consent.\n\nNOTE: names were changed.\n');
  const prose = writeInto(dir, 'about.txt', 'These sessions were recorded in spring.\nEach one lasted about an hour.\n');
  const meta = writeInto(dir, 'dataset_info.json', JSON.stringify({ name: 'pilot', version: 2, license: 'CC-BY' }));
  const empty = writeInto(dir, 'todo.txt', '  \n');
  return { transcripts: [first, second], others: [readme, prose, meta, empty] };
}

describe('a folder import with files that are not transcripts', () => {
  it('lists them as skipped with their reason, imports the rest, and finishes cleanly', async () => {
    const { transcripts, others } = folderOfFour();
    const paths = [...transcripts, ...others];
    const { job } = await runImport(t, { paths, fromFolders: paths });
    expect(job.status).toBe('succeeded');
    expect(job.message).toBeNull();
    const result = job.result as unknown as ImportSummary;
    expect(result.imported).toBe(2);
    expect(result.failedFiles).toEqual([]);
    expect(result.reports.map((r) => r.name).sort()).toEqual(['follow-up.txt', 'intake.txt']);
    expect(result.skippedFiles?.map((s) => s.path)).toEqual(others);
    const reasons = Object.fromEntries((result.skippedFiles ?? []).map((s) => [s.path, s.reason]));
    expect(reasons[others[0]!]).toMatch(/only "NOTE" is labelled, so it reads as a document, not a transcript/);
    expect(reasons[others[1]!]).toMatch(/no line starts with a speaker label, so it reads as a document, not a transcript/);
    expect(reasons[others[2]!]).toMatch(/This JSON has no dialogue/);
    expect(reasons[others[3]!]).toMatch(/is empty/);
    // The reason follows the path it belongs to: it does not name the file again.
    for (const path of others) expect(occurrences(reasons[path]!, path.split('/').pop()!)).toBe(0);
  });

  it('still fails a file named on its own that is not a transcript, saying why and how to fix it, naming it once', async () => {
    const { transcripts, others } = folderOfFour();
    const { job } = await runImport(t, { paths: [...transcripts, others[1]!] });
    expect(job.status).toBe('problems');
    const result = job.result as unknown as ImportSummary;
    expect(result.imported).toBe(2);
    expect(result.skippedFiles ?? []).toEqual([]);
    expect(result.failedFiles).toHaveLength(1);
    const error = result.failedFiles[0]!.error;
    expect(error).toMatch(/No speaker turns found.*Each turn should start with a label such as "Therapist:"/);
    expect(occurrences(error, 'about.txt')).toBe(1);
  });

  it('a file that cannot be read is a failure even in a folder: only a readable non-transcript is skipped', async () => {
    const good = writeInto(dir, 'intake.txt', 'Counselor: What brings you in?\nClient: Stress at work.\n');
    const broken = writeInto(dir, 'export.json', '{"dialog": [{"speaker": "Counselor", "text": "Hi"');
    const { job } = await runImport(t, { paths: [good, broken], fromFolders: [good, broken] });
    expect(job.status).toBe('problems');
    const result = job.result as unknown as ImportSummary;
    expect(result.failedFiles.map((f) => f.path)).toEqual([broken]);
    expect(result.skippedFiles ?? []).toEqual([]);
  });

  it('the preview says which files are not transcripts, and names a file once in its error', async () => {
    const { transcripts, others } = folderOfFour();
    const previews = await t.api.imports.preview({ paths: [transcripts[0]!, ...others] });
    expect(previews.map((p) => p.notTranscript ?? false)).toEqual([false, true, true, true, true]);
    for (const p of previews.slice(1)) expect(occurrences(p.error ?? '', p.name)).toBe(1);
    const broken = writeInto(dir, 'broken.json', '{"dialog": [');
    const [unreadable] = await t.api.imports.preview({ paths: [broken] });
    expect(unreadable!.error).toMatch(/ends before the JSON is complete/);
    expect(unreadable!.notTranscript ?? false).toBe(false);
  });
});
