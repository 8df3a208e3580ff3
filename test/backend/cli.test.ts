import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';
import { runCli } from '../support/runCli';

const KEY = 'sk-cli-test-key-0123456789abcd';
let fake: FakeOpenAI;
let dataDir: string;
let project: string;
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env: { FAKE_KEY: KEY } });

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'hds-cli-'));
  project = join(dataDir, 'cli.hds');
});
afterAll(async () => {
  await fake.close();
});

describe('the CLI', { timeout: 60_000 }, () => {
  it('creates a project, adds a provider, tests it, runs a speed test and reads the ledger', async () => {
    const created = await cli('projects', 'create', 'CLI study', '--file', project, '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'CLI study', file: project });

    const added = await cli(
      'providers',
      'add',
      '--name',
      'Fake',
      '--preset',
      'openai',
      '--base-url',
      fake.url,
      '--key-env',
      'FAKE_KEY',
      '--project',
      project,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Added Fake/);

    const listed = await cli('providers', 'list', '--project', project);
    expect(listed.stdout).toMatch(/Fake\s+openai/);
    expect(listed.stdout).toMatch(/set \(env\) …abcd/);
    expect(listed.stdout).not.toContain(KEY);

    const tested = await cli('providers', 'test', 'Fake', '--project', project);
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/gpt-4o-mini/);

    const speed = await cli(
      'providers',
      'speed-test',
      'Fake',
      '--model',
      'gpt-4o-mini',
      '--calls',
      '6',
      '--concurrency',
      '2',
      '--project',
      project,
      '--json',
    );
    expect(speed.code, speed.stderr).toBe(0);
    const job = JSON.parse(speed.stdout);
    expect(job).toMatchObject({ status: 'succeeded', done: 6, result: { succeeded: 6 } });

    const jobs = await cli('jobs', 'list', '--project', project);
    expect(jobs.stdout).toMatch(/succeeded/);

    const calls = await cli('calls', 'list', '--project', project, '--json');
    expect(JSON.parse(calls.stdout).total).toBe(6);
    const totals = await cli('calls', 'totals', '--project', project);
    expect(totals.stdout).toMatch(/calls\s+6/);

    const info = await cli('projects', 'info', '--project', project, '--json');
    expect(JSON.parse(info.stdout)).toMatchObject({ counts: { providers: 1, jobs: 1, calls: 6 } });
  });

  it('reads a key from standard input, never from the command line', async () => {
    const stdinRun = await runCli(['providers', 'set-key', 'Fake', '--project', project, '--data-dir', dataDir], { stdin: `${KEY}\n` });
    expect(stdinRun.code, stdinRun.stderr).toBe(0);
    expect(stdinRun.stdout).toMatch(/Key stored for Fake \(file\)/);
    expect(stdinRun.stdout + stdinRun.stderr).not.toContain(KEY);
  });

  it('exits 2 on wrong usage and 1 on failure, with one clear sentence on stderr', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);

    const missing = await cli('providers', 'speed-test', 'Fake', '--project', project);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --model/);

    const badPreset = await cli('providers', 'add', '--name', 'X', '--preset', 'skynet', '--project', project);
    expect(badPreset.code).toBe(2);

    const notAProject = join(dataDir, 'notes.txt');
    writeFileSync(notAProject, 'just some notes, not a database, long enough to fill a header of one hundred bytes at least......');
    const refused = await cli('projects', 'info', '--project', notAProject);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^.*is not a Hybrid Data Studio project.*Nothing was changed\.$/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const noProvider = await cli('providers', 'test', 'Ghost', '--project', project);
    expect(noProvider.code).toBe(1);
    expect(noProvider.stderr).toMatch(/No provider named "Ghost"/);
  });

  it('prints usage with --help', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/projects create/);
    expect(help.stdout).toMatch(/providers speed-test/);
  });
});

describe('the CLI with transcripts', { timeout: 120_000 }, () => {
  const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
  it('imports both real data sets, lists, shows and exports sessions', async () => {
    const file = join(dataDir, 'transcripts.hds');
    expect((await cli('projects', 'create', 'Transcripts', '--file', file)).code).toBe(0);
    const annomi = await cli('import', join(data, 'annomi', 'AnnoMI-simple.csv'), '--project', file, '--tag', 'annomi');
    expect(annomi.code, annomi.stderr).toBe(0);
    expect(annomi.stdout).toMatch(/AnnoMI-simple\.csv: 133 imported/);
    const esconv = await cli('import', join(data, 'esconv'), '--project', file, '--tag', 'esconv');
    expect(esconv.code, esconv.stderr).toBe(0);
    expect(esconv.stdout).toMatch(/196 sessions imported/);

    const listed = await cli('sessions', 'list', '--project', file, '--tag', 'annomi', '--limit', '5', '--json');
    const page = JSON.parse(listed.stdout);
    expect(page.total).toBe(133);
    const shown = await cli('sessions', 'show', page.rows[0].id, '--project', file);
    expect(shown.stdout).toMatch(/Counselor: /);
    expect(shown.stdout).toMatch(/Client: /);

    const out = join(dataDir, 'esconv.jsonl');
    const exported = await cli('sessions', 'export', '--out', out, '--tag', 'esconv', '--project', file);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(196);
    const first = JSON.parse(lines[0]!);
    expect(first.messages[0].role).toBe('system');
    expect(
      first.messages
        .slice(1)
        .every((m: { role: string; content: string }) => ['user', 'assistant'].includes(m.role) && m.content.length > 0),
    ).toBe(true);

    // The exported file imports back (round trip) and is recognised as already in the library.
    const again = await cli('import', out, '--project', file);
    expect(again.stdout).toMatch(/0 imported, 196 skipped/);
  });

  it('maps speakers and redacts from the command line', async () => {
    const file = join(dataDir, 'mapped.hds');
    await cli('projects', 'create', 'Mapped', '--file', file);
    const transcript = join(dataDir, 'pair.txt');
    writeFileSync(
      transcript,
      'Ann: Hi Bob, my number is 07700 900456.\nBob: Thanks Ann. What would you like to talk about today?\nAnn: My sleep.\nBob: Tell me more about your sleep.',
    );
    const run = await cli('import', transcript, '--map', 'Ann=user', '--map', 'Bob=assistant', '--redact', '--project', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    const id = JSON.parse(run.stdout).result.reports[0].sessionIds[0];
    const shown = await cli('sessions', 'show', id, '--project', file, '--json');
    const session = JSON.parse(shown.stdout);
    expect(session.turns[0]).toMatchObject({ role: 'user' });
    expect(session.turns[0].content ?? session.turns[0].text).not.toContain('07700 900456');
    const bad = await cli('import', transcript, '--map', 'Ann=client', '--project', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--map takes speaker=role/);
  });
});

describe('the CLI for synthetic data', { timeout: 120_000 }, () => {
  it('estimates and runs persona, scenario and session generation', async () => {
    const file = join(dataDir, 'synthetic.hds');
    await cli('projects', 'create', 'Synthetic', '--file', file);
    await cli(
      'providers',
      'add',
      '--name',
      'Fake',
      '--preset',
      'openai',
      '--base-url',
      fake.url,
      '--key-env',
      'FAKE_KEY',
      '--project',
      file,
    );
    const estimate = await cli(
      'personas',
      'generate',
      '--distortions',
      'mind-reading,labeling',
      '--styles',
      'plain',
      '--count',
      '4',
      '--provider',
      'Fake',
      '--model',
      'gpt-4o-mini',
      '--estimate',
      '--project',
      file,
      '--json',
    );
    expect(estimate.code, estimate.stderr).toBe(0);
    expect(JSON.parse(estimate.stdout)).toMatchObject({ calls: 4, costUsd: expect.any(Number) });
    const personas = await cli(
      'personas',
      'generate',
      '--distortions',
      'mind-reading,labeling',
      '--styles',
      'plain',
      '--count',
      '4',
      '--provider',
      'Fake',
      '--model',
      'gpt-4o-mini',
      '--project',
      file,
    );
    expect(personas.code, personas.stderr).toBe(0);
    expect(personas.stdout).toMatch(/status\s+Succeeded/);
    const bad = await cli(
      'personas',
      'generate',
      '--distortions',
      'telepathy',
      '--styles',
      'plain',
      '--provider',
      'Fake',
      '--model',
      'gpt-4o-mini',
      '--project',
      file,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Not in the project's domain pack: distortion "telepathy"/);
    const noModel = await cli('scenarios', 'generate', '--project', file);
    expect(noModel.code).toBe(2);
  });
});

describe('the CLI judge and review queue', { timeout: 120_000 }, () => {
  it('estimates and runs the judge, then lists the review queue', async () => {
    const file = join(dataDir, 'judged.hds');
    await cli('projects', 'create', 'Judged', '--file', file);
    await cli(
      'providers',
      'add',
      '--name',
      'Fake',
      '--preset',
      'openai',
      '--base-url',
      fake.url,
      '--key-env',
      'FAKE_KEY',
      '--project',
      file,
    );
    const transcript = join(dataDir, 'judge-me.txt');
    writeFileSync(
      transcript,
      'Therapist: What brings you in?\nClient: I keep failing at everything.\nTherapist: Everything? Tell me about this week.\nClient: Well, mostly work.',
    );
    await cli('import', transcript, '--project', file);
    const estimate = await cli('judge', '--provider', 'Fake', '--model', 'gpt-4o', '--estimate', '--project', file, '--json');
    expect(estimate.code, estimate.stderr).toBe(0);
    const direct = JSON.parse(estimate.stdout) as { calls: number; costUsd: number };
    expect(direct).toMatchObject({ calls: 2 });
    const batched = await cli('judge', '--provider', 'Fake', '--model', 'gpt-4o', '--batch', '--estimate', '--project', file, '--json');
    expect(JSON.parse(batched.stdout).costUsd).toBeCloseTo(direct.costUsd / 2, 10);
    const judged = await cli('judge', '--provider', 'Fake', '--model', 'gpt-4o', '--project', file);
    expect(judged.code, judged.stderr).toBe(0);
    expect(judged.stdout).toMatch(/status\s+Succeeded/);
    expect(judged.stdout).toMatch(/stored\s+1\n\s*unscored\s+0\n\s*failed\s+0/);
    const queue = await cli('review', 'list', '--project', file);
    expect(queue.code, queue.stderr).toBe(0);
    expect(queue.stdout).toMatch(/judge-me/);
    expect(queue.stdout).toMatch(/1 of 1 sessions waiting for review/);
  });
});

describe('the CLI domain pack', { timeout: 60_000 }, () => {
  it('exports the pack, takes an edited one back, and refuses a broken one', async () => {
    const file = join(dataDir, 'pack.hds');
    await cli('projects', 'create', 'Pack', '--file', file);
    const packFile = join(dataDir, 'pack.json');
    expect((await cli('domain', 'export', '--out', packFile, '--project', file)).code).toBe(0);
    const pack = JSON.parse(readFileSync(packFile, 'utf8'));
    pack.name = 'Customer support';
    pack.styles[0].label = 'Calm caller';
    writeFileSync(packFile, JSON.stringify(pack));
    const imported = await cli('domain', 'import', packFile, '--project', file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Customer support/);
    writeFileSync(packFile, JSON.stringify({ ...pack, distortions: [] }));
    const broken = await cli('domain', 'import', packFile, '--project', file);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/distortions/);
  });
});
