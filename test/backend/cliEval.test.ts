import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    await save('judge', { scores: rubric.criteria.map((c) => ({ criterion: c.id, rationale: 'Turn 2.', score: 8 })), safety: null, summary: 'Good.' });
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
  it('makes a set from a CSV, runs two models against it, prints the table and writes the report', async () => {
    const csv = join(dataDir, 'scenarios.csv');
    const row = (i: number) => `Scenario ${i},"Worried about exam ${i}.",plain,none,Exam ${i} tomorrow,I will fail,Fear 70,Avoids study,I am incompetent,Catastrophizing`;
    writeFileSync(csv, `title,intake,style,risk_level,situation,automatic_thought,emotion,behaviour,core_belief,distortions\n${[1, 2, 3, 4].map(row).join('\n')}\n`);
    const made = await ok('eval', 'create-set', 'Exams', '--import', csv, '--freeze');
    expect(made.stdout).toMatch(/Exams: 4 scenarios; frozen as version 1/);

    const args = ['eval', 'run', 'Exams', '--arm', 'Base=Fake:gpt-4o-mini', '--arm', 'Other=Fake:gpt-4o', '--simulator', 'Fake:gpt-4o', '--judge', 'Fake:gpt-4o-mini', '--turns', '2'];
    const estimate = await ok(...args, '--estimate', '--json');
    expect(JSON.parse(estimate.stdout)).toMatchObject({ conversations: 8, judgments: 16 });
    const run = await ok(...args);
    expect(run.stdout).toMatch(/conversations\s+8 done, 0 failed, 8 total/);
    expect(run.stdout).toMatch(/Base\s+8\.00 \[8\.00, 8\.00\]/);
    expect(run.stdout).toMatch(/No model is significantly better/);

    const report = await ok('eval', 'report', '--out', dataDir);
    const html = report.stdout.match(/\S+report\.html/)?.[0];
    expect(html && existsSync(html)).toBe(true);

    const wrong = await cli('eval', 'run', 'Exams', '--arm', 'Base=Nobody:gpt-4o', '--simulator', 'Fake:gpt-4o', '--judge', 'Fake:gpt-4o');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/No provider named "Nobody"\. Providers in this project: "Fake"/);
  });
});
