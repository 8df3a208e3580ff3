// Transcript layouts of other public sources (screenplay-style and table-style transcripts, line
// numbers, turn-numbered labels, a closing summary, joined turns, a Hugging Face Parquet download),
// imported through the backend: every utterance once, in order, with its role; every change said.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport, startImportBackend, writeInto } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';
import { docx, documentXml } from '../support/zip';

let t: TestBackend;
let dir: string;
beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Import layouts', 'hds-import-layouts-'));
});
afterEach(async () => {
  await t.cleanup();
});

const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
const table = (rows: string[][]) =>
  documentXml([]).replace('<w:body>', `<w:body><w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`);

describe('importing transcript layouts of other sources', () => {
  it('imports each layout turn by turn with its role, and reports what it folded, split or set apart', async () => {
    const files = [
      writeInto(dir, 'screenplay.txt', 'THERAPIST\nWhat brings you in?\n\nCLIENT\nMy temper.\n'),
      writeInto(dir, 'numbered.txt', '1. Therapist: How are you?\n2. Client: Tired.\n3. Therapist: Say more.\n'),
      writeInto(dir, 'turns.txt', 'T1: How was the week?\nC1: Long.\nT2: Long in what way?\nC2: Too much work.\n'),
      writeInto(dir, 'summary.txt', 'Counselor: Homework?\nClient: Done twice.\n\nSummary: homework done; next, an experiment.\n'),
      writeInto(dir, 'joined.txt', 'Therapist: How are you? Client: Tired. Therapist: Why?\nClient: Work.\n'),
      writeInto(
        dir,
        'table.docx',
        docx(
          table([
            ['Counselor', 'Where shall we start?'],
            ['Client', 'With my sister.'],
          ]),
        ),
      ),
      writeInto(dir, 'train.parquet', new Uint8Array([0x50, 0x41, 0x52, 0x31, 0x15, 0, 0, 1, 0])),
    ];
    const { job, reports } = await runImport(t, { paths: files });
    const turnsOf = async (name: string) => {
      const report = reports.find((r) => r.name === name)!;
      const s = await t.api.sessions.get({ id: report.sessionIds[0]! });
      return { turns: s.turns.map((x) => `${x.role}: ${x.text}`), problems: report.problems.map((p) => p.message), metadata: s.metadata };
    };
    expect((await turnsOf('screenplay.txt')).turns).toEqual(['assistant: What brings you in?', 'user: My temper.']);
    expect((await turnsOf('numbered.txt')).turns).toEqual(['assistant: How are you?', 'user: Tired.', 'assistant: Say more.']);
    const turns = await turnsOf('turns.txt');
    expect(turns.turns).toEqual(['assistant: How was the week?', 'user: Long.', 'assistant: Long in what way?', 'user: Too much work.']);
    expect(turns.problems).toEqual([
      'Labels such as "T1", "C1" number the turns (each number is used once), so they were read as the speakers "T" and "C".',
    ]);
    const summary = await turnsOf('summary.txt');
    expect(summary.turns).toEqual(['assistant: Homework?', 'user: Done twice.']);
    expect(summary.metadata.postscript).toBe('Summary: homework done; next, an experiment.');
    expect(summary.problems[0]).toMatch(/^Line 4 and after, after the last turn, read as a note on the transcript/);
    const joined = await turnsOf('joined.txt');
    expect(joined.turns).toEqual(['assistant: How are you?', 'user: Tired.', 'assistant: Why?', 'user: Work.']);
    expect(joined.problems[0]).toMatch(/^One turn holds a speaker's label after the end of a sentence/);
    expect((await turnsOf('table.docx')).turns).toEqual(['assistant: Where shall we start?', 'user: With my sister.']);
    const failed = (job.result as { failedFiles?: { path: string; error: string }[] }).failedFiles ?? [];
    expect(failed.map((f) => [f.path, f.error])).toEqual([
      [files[6], expect.stringMatching(/is a Parquet file .* convert it to JSON Lines first/)],
    ]);
  });
});
