import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';
import { runCli } from '../support/runCli';
import { startTestBackend } from '../support/testBackend';

const KEY = 'sk-cli-datasets-0123456789abcd';
const ESCONV = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'esconv');
let fake: FakeOpenAI;
/** Slow enough that a cancel lands while the training runs. */
let slowFake: FakeOpenAI;
let dataDir: string;
let project: string;
const cli = (...args: string[]) =>
  runCli([...args, '--project', project, '--data-dir', dataDir], { env: { FAKE_KEY: KEY, HDS_TRAINING_POLL_MS: '50' } });
const ok = async (...args: string[]) => {
  const run = await cli(...args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
};

/** The CLI has no bulk approve, so the test opens the project file with the backend to approve the imported sessions. */
async function withBackend<T>(fn: (api: Awaited<ReturnType<typeof startTestBackend>>['api']) => Promise<T>): Promise<T> {
  const t = await startTestBackend({ projectFile: project });
  try {
    return await fn(t.api);
  } finally {
    await t.cleanup();
  }
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY, fineTuneStepMs: 10 });
  slowFake = await startFakeOpenAI({ apiKey: KEY, fineTuneStepMs: 5_000 });
  dataDir = mkdtempSync(join(tmpdir(), 'hds-cli-datasets-'));
  project = join(dataDir, 'datasets.hds');
  await ok('projects', 'create', 'CLI datasets', '--file', project);
  await ok('providers', 'add', '--name', 'Fake', '--preset', 'openai', '--base-url', fake.url, '--key-env', 'FAKE_KEY');
  await ok('providers', 'add', '--name', 'Slow', '--preset', 'openai', '--base-url', slowFake.url, '--key-env', 'FAKE_KEY');
  const imported = await ok('import', ESCONV, '--tag', 'esconv');
  expect(imported.stdout).toMatch(/196 sessions imported/);
  await withBackend(async (api) => api.sessions.bulkUpdate({ ids: await api.sessions.ids({}), status: 'approved' }));
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await slowFake?.close();
});

describe('the CLI for datasets', { timeout: 120_000 }, () => {
  it('previews, creates, freezes, validates, exports and diffs a dataset', async () => {
    expect((await ok('datasets', 'list')).stdout).toMatch(/0 datasets/);

    const preview = await ok(
      'datasets',
      'create',
      'Real',
      '--mix',
      'real-only',
      '--total',
      '50',
      '--validation',
      '0.2',
      '--seed',
      '3',
      '--tag',
      'esconv',
      '--preview',
      '--json',
    );
    expect(JSON.parse(preview.stdout)).toMatchObject({
      pool: { real: 196, synthetic: 0 },
      stats: { examples: 50, train: 40, validation: 10, bySource: { real: 50, synthetic: 0 } },
    });
    const previewText = await ok(
      'datasets',
      'create',
      'Real',
      '--mix',
      'real-only',
      '--total',
      '50',
      '--validation',
      '0.2',
      '--seed',
      '3',
      '--preview',
    );
    expect(previewText.stdout).toMatch(/train \/ validation\s+40 \/ 10/);
    expect(previewText.stdout).toMatch(/Nothing was created/);
    expect((await ok('datasets', 'list')).stdout).toMatch(/0 datasets/);

    const created = await ok(
      'datasets',
      'create',
      'Real',
      '--mix',
      'real-only',
      '--total',
      '50',
      '--validation',
      '0.2',
      '--seed',
      '3',
      '--status',
      'approved,needs_review',
    );
    expect(created.stdout).toMatch(/Created dataset "Real"/);
    const duplicate = await cli('datasets', 'create', 'real', '--mix', 'real-only');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already a dataset called "real"/);

    // Names resolve case-insensitively.
    const frozen = await ok('datasets', 'freeze', 'REAL', '--note', 'first');
    expect(frozen.stdout).toMatch(/version\s+1\n/);
    expect(frozen.stdout).toMatch(/examples\s+50\n/);
    expect(frozen.stdout).toMatch(/train \/ validation\s+40 \/ 10/);
    expect(frozen.stdout).toMatch(/real \/ synthetic\s+50 \/ 0/);
    expect(frozen.stdout).toMatch(/content hash\s+[0-9a-f]{64}/);
    expect(frozen.stdout).toMatch(/leakage pairs\s+\d+/);
    expect(frozen.stdout).toMatch(/shortfall\s+none/);

    // "Same size as": the total comes from the other dataset's newest version.
    const same = await ok('datasets', 'create', 'Matched', '--mix', 'real-only', '--seed', '9', '--same-size-as', 'real', '--preview');
    expect(same.stdout).toMatch(/examples\s+50\n/);
    expect(same.stdout).toMatch(/Same size as "Real" v1: 50 examples\./);
    const both = await cli('datasets', 'create', 'Matched', '--total', '10', '--same-size-as', 'real');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/Pass --total or --same-size-as, not both/);

    const valid = await ok('datasets', 'validate', 'Real', '--model', 'gpt-4o-mini-2024-07-18', '--epochs', '2');
    expect(valid.stdout).toMatch(/examples\s+50/);
    expect(valid.stdout).toMatch(/passes the format checks/);
    expect(valid.stdout).toMatch(/errors\s+0/);
    expect(valid.stdout).toMatch(/training cost\s+\$\d+\.\d+ for \d+ training tokens on gpt-4o-mini-2024-07-18 \(.*× 2 epochs/);

    const out = join(dataDir, 'exports', 'nested');
    mkdirSync(out, { recursive: true }); // the folder to export into must exist (see the missing-folder case below)
    const exported = await ok('datasets', 'export', 'Real', '--format', 'openai-jsonl', '--out', out);
    expect(exported.stdout).toMatch(/Exported Real v1 as openai-jsonl: 50 sessions in 2 files/);
    const train = join(out, 'real-v1-openai-jsonl', 'train.jsonl');
    const validation = join(out, 'real-v1-openai-jsonl', 'validation.jsonl');
    expect(exported.stdout).toContain(train);
    expect(readFileSync(train, 'utf8').trim().split('\n')).toHaveLength(40);
    expect(readFileSync(validation, 'utf8').trim().split('\n')).toHaveLength(10);
    const bundle = await ok(
      'datasets',
      'export',
      'Real',
      '--version',
      '1',
      '--format',
      'bundle',
      '--out',
      out,
      '--base-model',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--json',
    );
    const files = JSON.parse(bundle.stdout).files as { path: string }[];
    expect(files.length).toBeGreaterThan(2);
    expect(files.every((f) => existsSync(f.path))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['real-v1-openai-jsonl', 'real-v1-training-bundle']);

    // Edit one frozen session, freeze again: v1 is untouched and the diff names the edit.
    const edited = await withBackend(async (api) => {
      const dataset = (await api.datasets.list()).find((d) => d.name === 'Real')!;
      const { rows } = await api.datasets.examples({ versionId: dataset.versions[0]!.id, split: 'train', limit: 1 });
      const session = await api.sessions.get({ id: rows[0]!.sessionId });
      await api.sessions.update({
        id: session.id,
        turns: session.turns.map((t, i) => (i === 0 ? { ...t, text: `${t.text} (edited)` } : t)),
      });
      return session;
    });
    expect((await ok('datasets', 'freeze', 'Real')).stdout).toMatch(/version\s+2\n/);
    const diff = await ok('datasets', 'diff', 'Real', '--from', '1', '--to', '2');
    expect(diff.stdout).toMatch(/Real v1 → v2: 0 added, 0 removed, 1 changed, 49 unchanged/);
    expect(diff.stdout).toContain(`(${edited.id}): content edited`);
    const diffJson = JSON.parse((await ok('datasets', 'diff', 'Real', '--from', '1', '--to', '2', '--json')).stdout);
    expect(diffJson).toMatchObject({ added: [], removed: [], changed: [{ sessionId: edited.id }], unchanged: 49 });

    const listed = await ok('datasets', 'list');
    expect(listed.stdout).toMatch(/Real\s+real-only\s+2\s+v2\s+50/);
  });

  it('fails validation of a too-small dataset with exit code 1, and names what exists on wrong usage', async () => {
    await ok('datasets', 'create', 'Tiny', '--mix', 'real-only', '--total', '5', '--validation', '0');
    await ok('datasets', 'freeze', 'Tiny');
    const bad = await cli('datasets', 'validate', 'Tiny');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/at least 10/);
    expect(bad.stdout).toMatch(/FAILS the format checks/);
    expect(JSON.parse((await cli('datasets', 'validate', 'Tiny', '--json')).stdout)).toMatchObject({ ok: false, examples: 5 });

    const ghost = await cli('datasets', 'validate', 'Ghost');
    expect(ghost.code).toBe(2);
    expect(ghost.stderr).toMatch(/No dataset named "Ghost"\. Datasets in this project: .*"Real".*"Tiny"/);
    const noVersion = await cli('datasets', 'validate', 'Real', '--version', '9');
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toMatch(/"Real" has no version 9\. Its versions: 1, 2\./);
    await ok('datasets', 'create', 'Unfrozen', '--mix', 'real-only');
    // Not ready is not wrong usage: exit 1, and the way forward without the --help hint.
    for (const run of [
      await cli('datasets', 'export', 'Unfrozen', '--format', 'sharegpt', '--out', dataDir),
      await cli('datasets', 'validate', 'Unfrozen'),
    ]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/"Unfrozen" has no frozen version yet\. Freeze one with: datasets freeze "Unfrozen"/);
      expect(run.stderr).not.toMatch(/--help/);
    }
    // A folder to export into is never made on the person's behalf: a typo would scatter files.
    const missing = join(dataDir, 'no-such-exports');
    const toMissing = await cli('datasets', 'export', 'Real', '--format', 'sharegpt', '--out', missing);
    expect(toMissing.code).toBe(1);
    expect(toMissing.stderr).toContain(
      `The folder ${missing} does not exist. Create it first (mkdir -p "${missing}") or choose another folder.`,
    );
    expect(existsSync(missing)).toBe(false);
    const badFormat = await cli('datasets', 'export', 'Real', '--format', 'parquet', '--out', dataDir);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be one of: openai-jsonl, sharegpt/);
    const badMix = await cli('datasets', 'create', 'X', '--mix', 'half');
    expect(badMix.code).toBe(2);
    const noRange = await cli('datasets', 'diff', 'Real', '--from', '1');
    expect(noRange.code).toBe(2);
    const tooSmallToTrain = await cli('train', 'start', 'Tiny', '--provider', 'Fake', '--base-model', 'gpt-4o-mini-2024-07-18');
    expect(tooSmallToTrain.code).toBe(1);
    expect(tooSmallToTrain.stderr).toMatch(/at least 10/);
  });
});

describe('the CLI for training', { timeout: 120_000 }, () => {
  it('trains with --wait until the fine-tuned model is printed, then shows the run', async () => {
    const run = await ok(
      'train',
      'start',
      'Real',
      '--trainer',
      'openai',
      '--provider',
      'Fake',
      '--base-model',
      'gpt-4o-mini-2024-07-18',
      '--suffix',
      'cli',
      '--epochs',
      '2',
      '--seed',
      '5',
      '--wait',
    );
    expect(run.stdout).toMatch(/status\s+succeeded/);
    expect(run.stdout).toMatch(/Trained model: ft:gpt-4o-mini-2024-07-18:[^:]+:cli:/);
    expect(run.stdout).toMatch(/dataset\s+Real v2/);
    const runId = /run\s+(\S+)/.exec(run.stdout)![1]!;

    const all = await ok('train', 'status');
    expect(all.stdout).toMatch(new RegExp(`${runId}\\s+succeeded\\s+Real v2\\s+gpt-4o-mini-2024-07-18\\s+ft:`));
    const one = await ok('train', 'status', runId, '--json');
    const view = JSON.parse(one.stdout);
    expect(view).toMatchObject({ id: runId, status: 'succeeded', hyperparameters: { epochs: 2, seed: 5 } });
    expect(view.metrics.length).toBeGreaterThan(0);
    expect((await ok('train', 'status', runId)).stdout).toMatch(/last loss\s+step \d+: train \d+\.\d{4}/);
  });

  it('says plainly when OpenAI refuses the job, with a non-zero exit', async () => {
    const refused = await cli(
      'train',
      'start',
      'Real',
      '--provider',
      'Fake',
      '--base-model',
      'gpt-4o-mini-2024-07-18',
      '--suffix',
      'refuse',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/OpenAI no longer accepts new fine-tuning jobs for this account/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(refused.stdout).toBe('');
    // The run and its job both end as failed, so the next open does not send the refused request again.
    const runs = JSON.parse((await ok('train', 'status', '--json')).stdout) as { status: string; error: string | null; jobId: string }[];
    const failed = runs.find((r) => r.error?.includes('no longer accepts'))!;
    expect(failed.status).toBe('failed');
    expect(JSON.parse((await ok('jobs', 'show', failed.jobId, '--json')).stdout).status).not.toMatch(/running|queued|interrupted/);
  });

  it('starts without waiting, then cancels at the provider', async () => {
    const started = await ok('train', 'start', 'Real', '--provider', 'Slow', '--base-model', 'gpt-4o-mini-2024-07-18', '--json');
    const run = JSON.parse(started.stdout);
    expect(run.providerJobId).toMatch(/^ftjob-/);
    expect(['validating', 'queued', 'running']).toContain(run.status);
    const cancelled = await ok('train', 'cancel', run.id);
    expect(cancelled.stdout).toMatch(new RegExp(`Training run ${run.id} is cancelled \\(${run.providerJobId} cancelled at Slow\\)`));
    const again = await cli('train', 'cancel', run.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already cancelled/);
    const missing = await cli('train', 'start', 'Real', '--base-model', 'gpt-4o-mini-2024-07-18');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --provider NAME\. Providers in this project: "Fake", "Slow"/);
  });
});
