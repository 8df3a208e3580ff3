import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';

let dataDir: string;
const cli = (project: string, ...args: string[]) => runCli([...args, '--project', project, '--data-dir', dataDir]);

/** A client who names a person in full and a city, then repeats both in lower case. */
const session = (n: number) =>
  [
    `Counselor: Hello, thanks for coming in again. This is our meeting number ${n}.`,
    'Client: My neighbour Ottilie Brannigan drove me to the clinic in Duluth on Monday.',
    'Counselor: That sounds like a kind thing to do. How did it feel?',
    'Client: honestly i told ottilie i never want to see duluth again. OTTILIE laughed.',
    'Counselor: What makes you want to stay away?',
  ].join('\n');

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hds-cli-redaction-'));
  for (let i = 1; i <= 3; i++) writeFileSync(join(dataDir, `s${i}.txt`), session(i));
});

async function project(name: string): Promise<string> {
  const file = join(dataDir, `${name}.hds`);
  const created = await runCli(['projects', 'create', name, '--file', file, '--data-dir', dataDir]);
  expect(created.code, created.stderr).toBe(0);
  return file;
}

describe('personal details from the command line', { timeout: 90_000 }, () => {
  it('import --redact (apply) replaces lower-case and capitalised repeats of a detected name and city', async () => {
    const file = await project('apply');
    const run = await cli(file, 'import', join(dataDir, 's1.txt'), join(dataDir, 's2.txt'), '--redact');
    expect(run.code, run.stderr).toBe(0);
    const out = join(dataDir, 'applied.jsonl');
    expect((await cli(file, 'sessions', 'export', '--out', out)).code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written.trim().split('\n')).toHaveLength(2);
    expect(written).not.toMatch(/ottilie|brannigan|duluth/i);
  });

  it('import --redact review waits for a person; the gate, the pending filter and decisions by entity work from the CLI', async () => {
    const file = await project('review');
    const run = await cli(
      file,
      'import',
      join(dataDir, 's1.txt'),
      join(dataDir, 's2.txt'),
      join(dataDir, 's3.txt'),
      '--redact',
      'review',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).result.imported).toBe(3);

    const pending = await cli(file, 'sessions', 'list', '--pending-details', '--json');
    expect(JSON.parse(pending.stdout).total).toBe(3);
    const out = join(dataDir, 'reviewed.jsonl');
    const exported = await cli(file, 'sessions', 'export', '--out', out);
    expect(exported.stdout).toMatch(/Wrote 0 sessions[\s\S]*3 sessions left out: personal details await review/);
    expect(readFileSync(out, 'utf8')).toBe('');

    const listed = await cli(file, 'redaction', 'list');
    expect(listed.stdout).toMatch(/Ottilie Brannigan\s+name\s+3\s+9/);
    const kept = await cli(file, 'redaction', 'reject', '--entity', 'Duluth');
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/Kept “Duluth” in 6 places of 3 sessions; 0 sessions cleared, 3 still await review/);
    const replaced = await cli(file, 'redaction', 'accept', '--entity', 'Ottilie Brannigan');
    expect(replaced.stdout).toMatch(/3 sessions cleared, 0 still await review/);
    expect(JSON.parse((await cli(file, 'sessions', 'list', '--pending-details', '--json')).stdout).total).toBe(0);

    await cli(file, 'sessions', 'export', '--out', out);
    const written = readFileSync(out, 'utf8');
    expect(written.trim().split('\n')).toHaveLength(3);
    expect(written).not.toMatch(/ottilie|brannigan/i);
    expect(written).toMatch(/Duluth[\s\S]*duluth/);

    const unknown = await cli(file, 'redaction', 'accept', '--entity', 'Nobody Here');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No session awaiting review has “Nobody Here”/);
    const bad = await cli(file, 'import', join(dataDir, 's1.txt'), '--redact=sometimes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--redact must be one of: review, apply, off/);
  });
});
