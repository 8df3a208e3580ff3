import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';

let dataDir: string;
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'transcripts', name);

async function newProject(name: string): Promise<string> {
  const file = join(dataDir, `${name}.hds`);
  const created = await cli('projects', 'create', name, '--file', file);
  expect(created.code, created.stderr).toBe(0);
  return file;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hds-cli-import-'));
});

describe('CLI import', { timeout: 120_000 }, () => {
  it('takes transcript files only from a folder, lists every skipped path with its reason, and prints every problem per file', async () => {
    const project = await newProject('folder');
    const folder = join(dataDir, 'data');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    writeFileSync(join(folder, 'session.txt'), 'Therapist: How was the week?\nClient: Better, thanks.\n');
    writeFileSync(join(folder, 'convert.py'), 'import sys\nprint: sys.argv\nfor line in sys.stdin:\n    print(line)\n');
    copyFileSync(fixture('annomi-full.csv'), join(folder, 'nested', 'AnnoMI-full.csv'));
    symlinkSync(join(folder, 'session.txt'), join(folder, 'linked.txt'));
    const run = await cli('import', folder, '--project', project);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/convert\.py: skipped: it has the extension \.py, which is not a transcript format/);
    expect(run.stdout).toMatch(/linked\.txt: skipped: it is a symbolic link; links inside a folder are not followed/);
    expect(run.stdout).toMatch(/AnnoMI-full\.csv: 2 imported, 1 problem\n {2}warning: 14 rows repeat an utterance already read/);
    expect(run.stdout).toMatch(/3 sessions imported from 2 of 2 files \(2 other paths skipped\)\./);
  });

  it("lists a folder's README and notes as skipped, not failed, with their reason, and imports the transcripts beside it", async () => {
    const project = await newProject('readme');
    const folder = join(dataDir, 'with-readme');
    mkdirSync(folder, { recursive: true });
    const readme = join(folder, 'README.md');
    writeFileSync(
      readme,
      '# Spring study\n\nOne file per session, recorded with consent.\n\nNOTE: names were changed before sharing.\nSee the protocol for details.\n',
    );
    writeFileSync(join(folder, 'notes.txt'), 'Interviews ran from March to May.\nAll sessions were in English.\n');
    writeFileSync(join(folder, 'session.txt'), 'Therapist: How was the week?\nClient: Better, thanks.\n');
    writeFileSync(join(folder, 'second.txt'), 'Counselor: What would help most today?\nClient: Talking about my sister.\n');
    const run = await cli('import', folder, '--project', project);
    expect(run.code, run.stderr).toBe(0);
    const line = (name: string) => run.stdout.split('\n').find((l) => l.includes(name)) ?? '';
    expect(line('README.md')).toMatch(/README\.md: skipped: No speaker turns found between two people: only "NOTE" is labelled/);
    expect(line('notes.txt')).toMatch(/notes\.txt: skipped: No speaker turns found: no line starts with a speaker label/);
    for (const name of ['README.md', 'notes.txt']) expect(line(name).split(name)).toHaveLength(2);
    expect(run.stdout).not.toMatch(/not imported|problems|failed/);
    expect(run.stdout).toMatch(/2 sessions imported from 2 of 2 files \(2 other paths skipped\)\./);
    const list = JSON.parse((await cli('sessions', 'list', '--project', project, '--json')).stdout);
    expect(list.rows.map((r: { originFile: string }) => r.originFile).sort()).toEqual(['second.txt', 'session.txt']);

    const again = await cli('import', folder, '--project', await newProject('readme-json'), '--json');
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.status).toBe('succeeded');
    expect(report.result.failedFiles).toEqual([]);
    expect(report.result.imported).toBe(2);
    // In the folder's order, as listed.
    expect(report.skippedPaths).toEqual([
      { path: join(folder, 'notes.txt'), reason: expect.stringMatching(/^No speaker turns found: no line starts/) },
      { path: readme, reason: expect.stringMatching(/^No speaker turns found between two people/) },
    ]);
  });

  it('refuses a README named on its own, saying why and how to fix it, naming the file once', async () => {
    const project = await newProject('readme-alone');
    const readme = join(dataDir, 'README.md');
    writeFileSync(readme, '# Notes\n\nNOTE: the recordings are in another folder.\n');
    const run = await cli('import', readme, '--project', project);
    expect(run.code).toBe(1);
    const line = run.stdout.split('\n').find((l) => l.includes('README.md')) ?? '';
    expect(line).toMatch(/README\.md: not imported: No speaker turns found between two people.*Label the other speaker's turns too/);
    expect(line.split('README.md')).toHaveLength(2);
  });

  it('ends by saying how many sessions now wait for personal-detail review, and says nothing of it when none do', async () => {
    const project = await newProject('pending-details');
    const named = join(dataDir, 'named.txt');
    writeFileSync(named, 'Therapist: Hello Maria, how was the week?\nClient: Hard. My sister Elena called from Portland again.\n');
    const run = await cli('import', named, '--redact', 'review', '--project', project);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /1 session imported from 1 of 1 file\.\n1 session of this import waits for personal-detail review: see `redaction list`/,
    );
    // The dataset preview counts it too: let in by the filters, held back by the privacy gate.
    const preview = await cli(
      'datasets',
      'create',
      'P',
      '--mix',
      'real-only',
      '--status',
      'draft,needs_review',
      '--preview',
      '--project',
      project,
    );
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/held back\s+1 session whose personal details await review \(see: redaction list\)/);
    const json = await cli('import', named, '--redact', 'review', '--project', project, '--json');
    // Nothing new landed (the file is already in), so the pending count is not repeated as news.
    expect(JSON.parse(json.stdout)).toMatchObject({ pendingDetails: 0 });
    const plain = join(dataDir, 'plain.txt');
    writeFileSync(plain, 'Therapist: How was the week?\nClient: Better, thanks.\n');
    const other = await newProject('no-pending');
    const clean = await cli('import', plain, '--redact', 'review', '--project', other);
    expect(clean.stdout).not.toMatch(/personal-detail review/);
  });

  it("imports HOPE's layout with --map T=assistant --map P=user, and a CSV it cannot guess with --columns", async () => {
    const project = await newProject('hope');
    const hope = join(dataDir, 'hope-1.csv');
    writeFileSync(
      hope,
      'ID,Type,Utterance,Dialog_Act\n1_0,T,Hi. How are you feeling today?,gt\n1_1,P,Not great; I barely slept.,id\n1_2,T,What kept you up?,yq\n1_3,P,Work.,id\n',
    );
    const run = await cli('import', hope, '--map', 'T=assistant', '--map', 'P=user', '--project', project, '--json');
    expect(run.code, run.stderr).toBe(0);
    const id = JSON.parse(run.stdout).result.reports[0].sessionIds[0];
    const shown = JSON.parse((await cli('sessions', 'show', id, '--project', project, '--json')).stdout);
    expect(shown.turns.map((t: { role: string }) => t.role)).toEqual(['assistant', 'user', 'assistant', 'user']);

    const odd = join(dataDir, 'odd.csv');
    writeFileSync(odd, 'conv,who,what was said,n\n7,B,I feel better.,2\n7,A,How was the week?,1\n');
    const refused = await cli('import', odd, '--project', project);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/odd\.csv: not imported: .*--columns speaker=COLUMN,text=COLUMN/);
    const mapped = await cli(
      'import',
      odd,
      '--columns',
      'session=conv,speaker=who,text=what was said,order=n',
      '--map',
      'A=assistant',
      '--map',
      'B=user',
      '--project',
      project,
      '--json',
    );
    expect(mapped.code, mapped.stderr).toBe(0);
    const session = JSON.parse(
      (await cli('sessions', 'show', JSON.parse(mapped.stdout).result.reports[0].sessionIds[0], '--project', project, '--json')).stdout,
    );
    expect(session.turns.map((t: { text: string }) => t.text)).toEqual(['How was the week?', 'I feel better.']);
  });

  it('prints the report with --json even when every file fails, and exits 1', async () => {
    const project = await newProject('failing');
    const page = join(dataDir, 'page.json');
    writeFileSync(page, '<!DOCTYPE html><html><body>Not found</body></html>');
    const run = await cli('import', page, join(dataDir, 'missing.txt'), '--project', project, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.result.failedFiles).toEqual([{ path: page, error: expect.stringMatching(/holds a web page \(HTML\), not JSON/) }]);
    // A path typed on the command line that is not there is listed as missing, not as passed over.
    expect(report.missingPaths).toEqual([{ path: join(dataDir, 'missing.txt'), reason: 'does not exist' }]);
    expect(report.skippedPaths).toEqual([]);
  });

  it('says a file named on its own with a name that is not a transcript format was read as plain text', async () => {
    const project = await newProject('script');
    const script = join(dataDir, 'convert.py');
    writeFileSync(script, 'import sys\nfor line in sys.stdin:\n    print(line.strip())\n');
    const run = await cli('import', script, '--project', project);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /convert\.py: not imported: .*\. Its name may say why: it has the extension \.py, which is not a transcript format .*, and a file named on its own is read as plain text\./,
    );
  });

  it('fails a run with a mistyped path even when the other files import, and says to check the path', async () => {
    const project = await newProject('typo');
    const good = join(dataDir, 'good.txt');
    writeFileSync(good, 'Therapist: How was the week?\nClient: Better, thanks.\n');
    const run = await cli('import', good, join(dataDir, 'goood.txt'), '--project', project);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${join(dataDir, 'goood.txt')}: not imported: it does not exist; check the path`);
    expect(run.stdout).toMatch(/1 session imported from 1 of 1 file\./);
  });
});

describe('CLI sessions list', { timeout: 120_000 }, () => {
  it('pages past 500 with --limit and --offset, and streams every session as JSON lines with --all', async () => {
    const project = await newProject('paging');
    const rows = ['conversation_id,speaker,text'];
    for (let i = 0; i < 620; i++) rows.push(`c${i},Therapist,How are you today number ${i}?`, `c${i},Client,Fine ${i} times over.`);
    const csv = join(dataDir, 'many.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const imported = await cli('import', csv, '--project', project);
    expect(imported.code, imported.stderr).toBe(0);

    const big = JSON.parse((await cli('sessions', 'list', '--limit', '600', '--project', project, '--json')).stdout);
    expect(big.rows).toHaveLength(600);
    expect(big.total).toBe(620);
    const rest = await cli('sessions', 'list', '--offset', '600', '--limit', '50', '--project', project);
    expect(rest.stdout).toMatch(/601–620 of 620 sessions/);
    const first = await cli('sessions', 'list', '--limit', '10', '--project', project);
    expect(first.stdout).toMatch(/1–10 of 620 sessions; next page: --offset 10/);

    const all = await cli('sessions', 'list', '--all', '--project', project);
    const lines = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines).toHaveLength(620);
    expect(new Set(lines.map((l) => l.id)).size).toBe(620);
    // A reader that stops early (`| head`) closes the pipe: the command stops quietly, with no stack trace.
    const early = await runCli(['sessions', 'list', '--all', '--project', project, '--data-dir', dataDir], { readFirstChunkOnly: true });
    expect(early.stderr).not.toMatch(/EPIPE|Error/);
    expect(early.code).toBe(0);
  });
});
