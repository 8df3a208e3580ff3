import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalResults } from '../../src/shared/api/evaluation';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';
import { runCli } from '../support/runCli';
import { startTestBackend } from '../support/testBackend';

const KEY = 'sk-cli-eval-0123456789abcdef';
let fake: FakeOpenAI;
let dataDir: string;
let project: string;
const cli = (...args: string[]) => runCli([...args, '--project', project, '--data-dir', dataDir], { env: { FAKE_KEY: KEY } });
const ok = async (...args: string[]) => {
  const run = await cli(...args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
};

/** Fixed judge answers, saved as prompt versions through the backend (the CLI edits no prompts). */
async function scriptJudging() {
  const t = await startTestBackend({ projectFile: project });
  try {
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
    const save = async (name: string, reply: unknown) => {
      const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
      await t.api.prompts.save({ name, template: `${current.template}\n[[fake:reply=${JSON.stringify(reply)}]]` });
    };
    await save('judge', {
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: 8 }])),
      safety: null,
      summary: 'Good.',
    });
    await save('safety', { riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' });
  } finally {
    await t.cleanup();
  }
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'hds-cli-eval-'));
  project = join(dataDir, 'eval.hds');
  await ok('projects', 'create', 'CLI eval', '--file', project);
  await ok('providers', 'add', '--name', 'Fake', '--preset', 'openai', '--base-url', fake.url, '--key-env', 'FAKE_KEY');
  await scriptJudging();
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

describe('the CLI for evaluation', { timeout: 120_000 }, () => {
  it('plans a run: scenarios needed for a difference of 0.3 on a 1–10 scale, with the assumptions and the Holm family named', async () => {
    const plan = await ok('eval', 'plan', '--difference', '0.3', '--sd', '1', '--correlation', '0.5', '--arms', '3', '--criteria', '2');
    expect(plan.stdout).toMatch(
      /To detect a difference of 0\.3 with the paired Wilcoxon test: \d+ scenarios reach \d+% power \(target 80%\)/,
    );
    expect(plan.stdout).toMatch(/SD 1\.00 and 1\.00 of the arms' scenario means, correlation 0\.50, so SD 1\.00 of the differences/);
    expect(plan.stdout).toMatch(/Holm family: all 6 comparisons of the run .*α\/m = 0\.0083/);
    const json = JSON.parse(
      (await ok('eval', 'plan', '--difference', '0.3', '--sd', '1', '--correlation', '0.5', '--arms', '3', '--criteria', '2', '--json'))
        .stdout,
    ) as { required: { n: number } };
    expect(json.required.n).toBe(Number(/: (\d+) scenarios/.exec(plan.stdout)![1]));
    const missing = await cli('eval', 'plan', '--sd', '1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Pass --difference D/);
  });

  it('with --seeds 2 on 50 scenarios pairs at most 50 scenarios per comparison, and names the Holm family', async () => {
    const csv = join(dataDir, 'fifty.csv');
    const row = (i: number) =>
      `Fifty ${i},"Worried about talk ${i}.",plain,none,Talk ${i} tomorrow,I will freeze,Fear 60,Over-prepares,I am incompetent,Catastrophizing`;
    writeFileSync(
      csv,
      `title,intake,style,risk_level,situation,automatic_thought,emotion,behaviour,core_belief,distortions\n${Array.from({ length: 50 }, (_, i) => row(i + 1)).join('\n')}\n`,
    );
    await ok('eval', 'create-set', 'Fifty', '--import', csv, '--freeze');
    const run = await ok(
      'eval',
      'run',
      'Fifty',
      '--arm',
      'Base=Fake:gpt-4o-mini',
      '--arm',
      'Other=Fake:gpt-4o',
      '--simulator',
      'Fake:gpt-4o',
      '--judge',
      'Fake:gpt-4o-mini',
      '--turns',
      '1',
      '--seeds',
      '2',
      '--holm',
      'criterion',
      '--json',
    );
    const { run: done, results } = JSON.parse(run.stdout) as { run: { conversations: { done: number } }; results: EvalResults };
    expect(done.conversations.done).toBe(200);
    expect(results.comparisons.length).toBeGreaterThan(0);
    for (const c of results.comparisons) expect(c.n).toBe(50);
    for (const m of results.models)
      expect(results.stats[m]!['empathy-relevance.empathy']).toMatchObject({ n: 50, conversations: 100, missing: 0 });
    expect(results.holm).toMatchObject({ family: 'criterion' });
  });

  it('makes a set from a CSV, runs two models against it, prints the table and writes the report', async () => {
    const csv = join(dataDir, 'scenarios.csv');
    const row = (i: number) =>
      `Scenario ${i},"Worried about exam ${i}.",plain,none,Exam ${i} tomorrow,I will fail,Fear 70,Avoids study,I am incompetent,Catastrophizing`;
    writeFileSync(
      csv,
      `title,intake,style,risk_level,situation,automatic_thought,emotion,behaviour,core_belief,distortions\n${[1, 2, 3, 4].map(row).join('\n')}\n`,
    );
    const made = await ok('eval', 'create-set', 'Exams', '--import', csv, '--freeze');
    expect(made.stdout).toMatch(/Exams: 4 scenarios; frozen as version 1/);

    const args = [
      'eval',
      'run',
      'Exams',
      '--arm',
      'Base=Fake:gpt-4o-mini',
      '--arm',
      'Other=Fake:gpt-4o',
      '--simulator',
      'Fake:gpt-4o',
      '--judge',
      'Fake:gpt-4o-mini',
      '--turns',
      '2',
    ];
    const estimate = await ok(...args, '--estimate', '--json');
    expect(JSON.parse(estimate.stdout)).toMatchObject({ conversations: 8, judgments: 16 });
    const run = await ok(...args);
    expect(run.stdout).toMatch(/conversations\s+8 done, 0 failed, 8 total/);
    expect(run.stdout).toMatch(/Base\s+8\.00 \[8\.00, 8\.00\]/);
    expect(run.stdout).toMatch(/No model is significantly better/);
    expect(run.stdout).toMatch(/Holm family: all 2 comparisons of the run/);
    expect(run.stdout).toMatch(/No pairwise comparison could be tested|No pairwise difference is significant/);

    const report = await ok('eval', 'report', '--out', dataDir);
    const html = report.stdout.match(/\S+report\.html/)?.[0];
    expect(html && existsSync(html)).toBe(true);

    const perCriterion = await cli(...args, '--holm', 'pairs');
    expect(perCriterion.code).toBe(2);
    expect(perCriterion.stderr).toMatch(/--holm must be "all" .* or "criterion"/);

    const wrong = await cli('eval', 'run', 'Exams', '--arm', 'Base=Nobody:gpt-4o', '--simulator', 'Fake:gpt-4o', '--judge', 'Fake:gpt-4o');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/No provider named "Nobody"\. Providers in this project: "Fake"/);
  });
});
