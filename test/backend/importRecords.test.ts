// Public counseling data sets that hold conversations in named fields (counsel-chat's question and
// answer columns, instruction records, ShareGPT and "text" JSON Lines, a labelled "dialogue" string),
// imported through the backend: every utterance once, in order, with its role and its text.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport, startImportBackend } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';
import { listImportFiles } from '../../src/main/core/imports/importFiles';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'transcripts', name);

let t: TestBackend;
let dir: string;
beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Import records', 'hds-import-records-'));
});
afterEach(async () => {
  await t.cleanup();
});

async function importFixtures(names: string[]) {
  const paths = names.map((name) => {
    const path = join(dir, name);
    copyFileSync(fixture(name), path);
    return path;
  });
  const { reports } = await runImport(t, { paths });
  const sessions = [];
  for (const report of reports) for (const id of report.sessionIds) sessions.push(await t.api.sessions.get({ id }));
  return { reports, sessions };
}

describe('importing records of other data sets', () => {
  it('imports each exchange and transcript turn by turn with its role, and reports how the records were read', async () => {
    const { reports, sessions } = await importFixtures([
      'qa-rows.csv',
      'instruction-records.json',
      'sharegpt-lines.jsonl',
      'dialogue-string.json',
    ]);
    expect(reports.map((r) => [r.name, r.imported, r.error])).toEqual([
      ['qa-rows.csv', 2, null],
      ['instruction-records.json', 2, null],
      ['sharegpt-lines.jsonl', 3, null],
      ['dialogue-string.json', 2, null],
    ]);
    const byRole = sessions.map((s) => s.turns.map((x) => `${x.role}: ${x.text}`));
    expect(byRole).toEqual([
      [
        "user: I barely sleep, and I keep thinking I'm worthless.",
        'assistant: That sounds painful.\n\nWhat do you notice just before the thought comes?',
      ],
      ["user: I barely sleep, and I keep thinking I'm worthless.", 'assistant: Thank you for asking about this.'],
      ["user: I've been anxious about work.", 'assistant: What part of work feels heaviest?'],
      ['user: How can I sleep better when I worry at night?', 'assistant: A short wind-down routine can help.'],
      ['user: I feel lonely since I moved.', 'assistant: What do you miss most?'],
      ["user: I can't sleep.", 'assistant: How long has this been going on?', 'user: Two weeks.'],
      ['user: How can I stop worrying?', "assistant: Let's look at the worry together."],
      [
        'assistant: Hi Laura, what brings you here?',
        'user: I keep thinking I will fail my exam.\nI freeze every time.',
        'assistant: What makes you think so?',
      ],
      ['assistant: Hello Mark.', 'user: Hi.'],
    ]);
    expect(sessions[2]?.systemPrompt).toBe("You are a counselling assistant. Answer based on the patient's description.");
    expect(sessions[4]?.systemPrompt).toBe('You are an empathetic counselor.');
    const said = reports.map((r) => r.problems.map((p) => p.message).join('\n'));
    expect(said[0]).toMatch(/"questionText" as the client's turn, "answerText" as the counselor's; one session per row/);
    expect(said[0]).toMatch(/Line 6 lacks the client's or the counselor's text; the row was skipped/);
    expect(said[1]).toMatch(/Dialogue 3 holds no conversation/);
    expect(said[2]).toMatch(/Line 4 holds no conversation/);
    expect(said[3]).toMatch(/from the speaker labels in its "dialogue" field/);
  });
});

describe('a data-set folder with files that are not transcripts', () => {
  it('skips a Parquet file and a spreadsheet with what they are and how to convert them', async () => {
    writeFileSync(join(dir, 'train.parquet'), 'PAR1');
    writeFileSync(join(dir, 'sessions.xlsx'), 'PK');
    const list = await listImportFiles([dir]);
    expect(list.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(
        /^has the extension \.xlsx, which is not a transcript format .*; it is a spreadsheet; save each sheet as "CSV UTF-8"/,
      ),
      expect.stringMatching(
        /^has the extension \.parquet, which is not a transcript format .*; it is a Parquet file .* convert it to JSON Lines first/,
      ),
    ]);
  });
});
