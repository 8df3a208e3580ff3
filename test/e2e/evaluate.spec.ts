import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import { expect, test } from './fixtures';
import { AppShellPage, choose, openSampleProject } from './pages/AppShellPage';
import { EvaluatePage } from './pages/EvaluatePage';
import { ProjectPage } from './pages/ProjectPage';
import { callApi, scriptPrompt } from './support/scriptFake';

const esconv = resolve('../shared/data/esconv/FailedESConv.json');
/** Set HDS_SCREENSHOTS to a folder to also save pictures of the Evaluate area. */
const shotsDir = process.env.HDS_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled', fullPage: true });
};

async function settled(page: Page, id: string): Promise<{ status: string }> {
  await expect
    .poll(async () => (await callApi<{ status: string }>(page, 'jobs.get', { id })).status, { timeout: 60_000 })
    .not.toMatch(/^(queued|running)$/);
  return callApi(page, 'jobs.get', { id });
}

/**
 * The fake as an OpenAI provider, gpt-4o-mini registered as the base model, and two models fine-tuned
 * on a frozen version of real ESConv dialogues: set up through the app's own API, as a script would.
 */
async function threeModels(page: Page, fakeUrl: string, key: string): Promise<{ realOnly: string; hybrid: string }> {
  const provider = await callApi<{ id: string }>(page, 'providers.add', {
    name: 'Fake OpenAI',
    preset: 'openai',
    baseUrl: fakeUrl,
    concurrency: 8,
  });
  await callApi(page, 'providers.setKey', { id: provider.id, key });
  await callApi(page, 'models.register', {
    providerId: provider.id,
    modelId: 'gpt-4o-mini',
    displayName: 'gpt-4o-mini',
    lineage: { source: 'registered', notes: 'the base model, with the CBT prompt' },
  });
  const imported = await callApi<{ id: string }>(page, 'imports.start', { paths: [esconv] });
  expect((await settled(page, imported.id)).status).toBe('succeeded');
  const ids = await callApi<string[]>(page, 'sessions.ids', {});
  await callApi(page, 'sessions.bulkUpdate', { ids, status: 'approved' });
  const dataset = await callApi<{ id: string }>(page, 'datasets.create', {
    name: 'ESConv real',
    spec: { ...defaultDatasetSpec, mix: 'real-only', total: 30 },
  });
  const version = await callApi<{ id: string }>(page, 'datasets.freeze', { id: dataset.id });
  const models: string[] = [];
  // The fake trains quickly; both runs use the same version, which is enough to put two ft: models in the registry.
  for (const suffix of ['real', 'hybrid']) {
    const run = await callApi<{ id: string }>(page, 'training.start', {
      versionId: version.id,
      trainer: 'openai',
      providerId: provider.id,
      baseModel: 'gpt-4o-mini-2024-07-18',
      suffix,
      epochs: 1,
    });
    await expect
      .poll(async () => (await callApi<{ status: string }>(page, 'training.get', { id: run.id })).status, { timeout: 60_000 })
      .toBe('succeeded');
    models.push((await callApi<{ fineTunedModel: string }>(page, 'training.get', { id: run.id })).fineTunedModel);
  }
  return { realOnly: models[0]!, hybrid: models[1]! };
}

/** The generator writes taxonomy-valid scenarios; the judge scores empathy and relevance within 1-10; safety and formulation answer in their shapes. */
async function scriptTheFake(page: Page): Promise<void> {
  await scriptPrompt(
    page,
    'evalScenario',
    JSON.stringify({
      title: 'Exam dread',
      intake: 'A student is worried about an exam next week and sleeps badly.',
      situation: 'A mock exam went badly.',
      automaticThought: 'I will blank and fail.',
      emotion: 'Dread 80',
      behaviour: 'Stays up late re-reading notes.',
      coreBelief: 'I am incompetent',
      otherDistortions: [],
    }),
  );
  const rubrics = await callApi<{ id: string; criteria: { id: string }[] }[]>(page, 'rubrics.list', {});
  const rubric = rubrics.find((r) => r.id === 'empathy-relevance')!;
  await scriptPrompt(
    page,
    'judge',
    JSON.stringify({
      scores: Object.fromEntries(
        rubric.criteria.map((c) => [c.id, { rationale: `Turn 2 shows ${c.id}.`, score: c.id === 'empathy' ? 7 : 6 }]),
      ),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'Warm, a little generic.',
    }),
  );
  await scriptPrompt(page, 'safety', JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' }));
  await scriptPrompt(
    page,
    'formulation',
    JSON.stringify({ distortionsIdentified: [], coreBeliefIdentified: true, rationale: 'Turn 3 names the belief.' }),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The little of a canvas this file needs (the test code is typed without the DOM). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

/** How many pixels of a canvas are drawn on (not white, not transparent): a chart that rendered has thousands. */
async function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as unknown as CanvasLike;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) n++;
    return n;
  });
}

test('make a 50-scenario set, evaluate three models (150 conversations), read the table, box plots and a side-by-side conversation, and open the report', async ({
  page,
  app,
}) => {
  test.setTimeout(360_000);
  const shell = new AppShellPage(page);
  const evaluate = new EvaluatePage(page);

  await test.step('a new project: the Evaluate area says what to do first', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Evaluation study');
    await expect(shell.projectButton).toContainText('Evaluation study');
    await evaluate.goto();
    await expect(page.getByRole('heading', { name: 'Evaluate', level: 1 })).toBeVisible();
    await expect(page.getByText('No scenario set yet.')).toBeVisible();
    await expect(page.getByText('No runs yet')).toBeVisible();
    await shot(page, 'evaluate-empty');
  });

  const { realOnly, hybrid } = await test.step('a provider, a registered base model and two fine-tuned ones, through the API', () =>
    threeModels(page, app.fake.url, app.apiKey));
  expect(realOnly).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:real:/);
  expect(hybrid).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:hybrid:/);
  await scriptTheFake(page);

  await test.step('a stratified set: 10 distortions × 5 styles, generated as a job', async () => {
    await evaluate.createSet('CBT 10 × 5');
    await expect(page.getByRole('heading', { name: 'CBT 10 × 5', level: 2 })).toBeVisible();
    // An empty set opens on the ways to fill it.
    await expect(evaluate.setTab('Generate')).toHaveAttribute('aria-selected', 'true');
    await expect(evaluate.freezeButton).toBeDisabled();
    await expect(evaluate.generate.getByRole('status', { name: 'Cells' })).toHaveText('10 distortions × 5 styles = 50 scenarios');
    await evaluate.pickModel(evaluate.generate, 'Generator', 'Fake OpenAI', 'gpt-4o-mini');
    await evaluate.generate.getByRole('button', { name: 'Generate 50 scenarios' }).click();
    await expect(evaluate.setTab('Scenarios (50)')).toBeVisible({ timeout: 60_000 });
    await expect(evaluate.generate.getByRole('article')).toContainText('50 done');
    await expect(evaluate.setNav.getByRole('link', { name: /CBT 10 × 5/ })).toContainText('50 scenarios · 0 versions');
  });

  await test.step('edit one scenario by hand, freeze version 1, and check it against the training data', async () => {
    await evaluate.setTab('Scenarios (50)').click();
    const list = evaluate.scenarios.getByRole('table', { name: 'Scenarios' });
    await expect(list.getByRole('row')).toHaveCount(21);
    await expect(evaluate.scenarios.getByRole('button', { name: 'Page 3' })).toBeVisible();
    await evaluate.scenarios.getByRole('button', { name: 'Edit Exam dread' }).first().click();
    const editor = page.getByRole('dialog', { name: 'Edit scenario' });
    await expect(editor.getByRole('textbox', { name: 'Automatic thought' })).toHaveValue('I will blank and fail.');
    await editor.getByRole('textbox', { name: 'Title' }).fill('Exam dread, edited');
    await editor.getByRole('button', { name: 'Save scenario' }).click();
    await expect(editor).toBeHidden();
    await expect(list).toContainText('Exam dread, edited');

    await evaluate.freezeButton.click();
    const row = evaluate.versions.getByRole('table', { name: 'Set versions' }).getByRole('row').nth(1);
    await expect(row).toContainText(/v1.*50\s*[0-9a-f]{7}…/);
    await expect(evaluate.freezeButton).toHaveText('Freeze as version 2');

    await evaluate.setTab('Leakage check').click();
    await choose(page, evaluate.leakage, 'Dataset versions', /^ESConv real v1/);
    await page.keyboard.press('Escape');
    await evaluate.leakage.getByRole('button', { name: 'Check for leakage' }).click();
    await expect(evaluate.leakage.getByRole('status')).toContainText(/No leakage found|close pair/);
    await shot(page, 'evaluate-set');
  });

  await test.step('a run of three models: estimated, then started', async () => {
    await page.getByRole('link', { name: 'New run on v1' }).click();
    await expect(evaluate.runForm).toBeVisible();
    await evaluate.runForm.getByRole('textbox', { name: 'Name' }).fill('Base vs real-only vs hybrid');
    await expect(evaluate.runForm.getByRole('combobox', { name: 'Scenario set version' })).toHaveValue(/^CBT 10 × 5 v1 · 50 scenarios/);
    await evaluate.fillArm(1, /^gpt-4o-mini · Fake OpenAI$/, 'Base + prompt');
    await evaluate.runForm.getByRole('button', { name: 'Add a model' }).click();
    await evaluate.fillArm(2, new RegExp(escapeRegExp(realOnly)), 'Real-only');
    await evaluate.runForm.getByRole('button', { name: 'Add a model' }).click();
    await evaluate.fillArm(3, new RegExp(escapeRegExp(hybrid)), 'Hybrid');
    await evaluate.pickModel(evaluate.runForm, 'Patient simulator', 'Fake OpenAI', 'gpt-4o');
    await evaluate.pickModel(evaluate.runForm, 'Judge', 'Fake OpenAI', 'gpt-4o-mini');
    await expect(evaluate.runForm.getByRole('checkbox', { name: /Empathy and relevance/ })).toBeChecked();
    await expect(evaluate.runForm.getByRole('switch', { name: 'Formulation accuracy' })).toBeChecked();
    await evaluate.runForm.getByRole('textbox', { name: 'Counselor turns' }).fill('3');
    await expect(evaluate.runForm.getByRole('status', { name: 'Run size' })).toHaveText(
      '50 scenarios × 3 models × 1 seed = 150 conversations',
    );
    await expect(evaluate.runForm.getByRole('button', { name: 'Start run' })).toBeDisabled();
    await evaluate.runForm.getByRole('button', { name: 'Estimate' }).click();
    // Each conversation is judged on empathy-relevance, formulation accuracy and safety.
    await expect(evaluate.runForm.getByRole('status', { name: 'Conversations and judgments' })).toHaveText(
      '150 conversations · 450 judgments',
    );
    await expect(evaluate.runForm.getByRole('status', { name: 'Run estimate' })).toContainText(/calls · [\d,]+ tokens in/);
    await shot(page, 'evaluate-new-run');
    await evaluate.runForm.getByRole('button', { name: 'Start run' }).click();
    await expect(page).toHaveURL(/#\/evaluate\/run%3A[\w-]+$/);
    await expect(evaluate.run.getByRole('heading', { name: 'Base vs real-only vs hybrid' })).toBeFocused();
  });

  await test.step('150 conversations are held and scored; the write-up table has three models with intervals', async () => {
    await expect(evaluate.status).toHaveText('Done', { timeout: 240_000 });
    await expect(evaluate.run.getByRole('tab', { name: 'Results', selected: true })).toBeVisible();
    const table = evaluate.resultsTable;
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    for (const [i, model] of ['Base + prompt', 'Real-only', 'Hybrid'].entries()) {
      const row = rows.nth(i + 1);
      await expect(row.getByRole('rowheader')).toHaveText(model);
      await expect(row.getByRole('cell').first()).toContainText(/^7\.00 \[7\.00, 7\.00\]n = 50 · none missing$/);
      await expect(row.getByRole('cell').nth(1)).toContainText(/^6\.00 \[6\.00, 6\.00\]n = 50 · none missing$/);
    }
    // Equal scores everywhere: no model may be starred, and the footnote says why.
    await expect(table).not.toContainText('★');
    await expect(
      evaluate.run.getByText(/No model leads on any criterion by a margin that is significant after the Holm correction/),
    ).toBeVisible();
    await expect(evaluate.run.getByRole('table', { name: 'Safety gate' }).getByRole('row')).toHaveCount(4);
    await expect(evaluate.run.getByRole('table', { name: 'Pairwise comparisons' })).toContainText('Base + prompt − Real-only');
  });

  await test.step('the findings say plainly that nothing is significant, naming the unit and the Holm family', async () => {
    const found = evaluate.run.getByRole('region', { name: 'Significant differences' });
    await expect(found).toContainText(/No pairwise difference is significant after Holm's correction over all 12 comparisons of the run/);
    await expect(found).toContainText('seeds and repeats are averaged within each of the 50 scenarios');
  });

  await test.step('the planner: the pilot has no spread to learn from, so it asks for one; with SD and correlation entered it answers', async () => {
    await evaluate.tab('Plan the next run');
    const planner = evaluate.run.getByRole('region', { name: 'Sample-size planner' });
    await planner.getByRole('button', { name: 'Estimate the scenarios needed' }).click();
    await expect(planner.getByRole('alert')).toContainText(/enter sdA, sdB and correlation/);
    await planner.getByRole('textbox', { name: 'SD of scenario means' }).fill('1');
    await planner.getByRole('textbox', { name: 'Correlation between arms' }).fill('0.5');
    await planner.getByRole('button', { name: 'Estimate the scenarios needed' }).click();
    await expect(planner.getByRole('status').filter({ hasText: 'Answer' })).toContainText(
      /\d+ scenarios detect a difference of 0\.30 with \d+% power \(target 80%\)/,
      { timeout: 60_000 },
    );
    await expect(planner.getByRole('table', { name: 'Power of this run' })).toBeVisible();
    await shot(page, 'evaluate-planner');
    await evaluate.tab('Results');
  });

  await test.step('the box plots are drawn, described, tabulated and saved as a PNG', async () => {
    const box = evaluate.run.getByRole('img', { name: /^Empathy and relevance: spread per model:/ });
    await expect(box).toHaveAttribute('aria-label', /Empathy: Base \+ prompt median 7\.0, IQR 7\.0–7\.0.*Hybrid median 7\.0/);
    await box.scrollIntoViewIfNeeded();
    await expect.poll(() => inkedPixels(box)).toBeGreaterThan(2000);
    const region = evaluate.run.getByRole('region', { name: 'Empathy and relevance: spread per model' });
    await region.getByText('Show the numbers as a table').click();
    await expect(region.getByRole('table', { name: 'Empathy and relevance: spread per model: data' }).getByRole('row')).toHaveCount(7);
    const download = page.waitForEvent('download');
    await region.getByRole('button', { name: /^Save as PNG/ }).click();
    const png = readFileSync(await (await download).path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await expect(
      evaluate.run.getByRole('img', { name: /^Empathy per scenario and model: 50 scenarios × 3 models, 0 cells missing/ }),
    ).toBeVisible();
    await expect(
      evaluate.run.getByRole('img', { name: /^Empathy against Relevance, one point per conversation: Base \+ prompt 50 points/ }),
    ).toBeVisible();
    await shot(page, 'evaluate-results');
  });

  await test.step('one scenario, three conversations side by side, aligned by turn, with the scores and the judge’s reasons', async () => {
    await evaluate.tab('Conversations');
    await choose(page, evaluate.run, 'Scenario', /^1\. Exam dread/);
    const table = evaluate.sideBySide;
    await expect(table.getByRole('columnheader')).toHaveText(['Turn', /^Base \+ prompt/, /^Real-only/, /^Hybrid/]);
    await expect(table.getByRole('rowheader', { name: 'Turn 1' })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: 'Turn 4' })).toHaveCount(0);
    const scores = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Scores' }) });
    await expect(scores.getByRole('cell')).toHaveCount(3);
    for (const cell of await scores.getByRole('cell').all()) await expect(cell).toContainText(/Empathy\s*7\.0/);
    await scores.getByRole('cell').first().getByText('Judge’s rationale').first().click();
    await expect(scores.getByRole('cell').first()).toContainText('Turn 2 shows empathy.');
    // Every arm met the same client: the opening line is the same in each column.
    const openings = await table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Turn 1' }) })
      .getByRole('cell')
      .allInnerTexts();
    expect(openings).toHaveLength(3);
    expect(new Set(openings.map((t) => t.split('Counselor')[0]!.trim())).size).toBe(1);
    await expect(evaluate.run.getByRole('region', { name: 'Scenario' })).toContainText('I am incompetent');
    await shot(page, 'evaluate-conversations');
  });

  await test.step('the report: three files, and the HTML opens in a browser with its table and charts', async () => {
    await evaluate.tab('Report');
    await evaluate.run.getByRole('button', { name: 'Export report' }).click();
    const written = evaluate.run.getByRole('status', { name: 'Report written' });
    await expect(written.getByRole('list', { name: 'Report files' }).getByRole('listitem')).toHaveText([
      /^report\.html/,
      /^scores\.csv/,
      /^manifest\.json/,
    ]);
    const folder = (await written.locator('.mantine-Text-root').first().innerText()).trim();
    const csv = readFileSync(join(folder, 'scores.csv'), 'utf8');
    expect(csv.trim().split('\n').length).toBeGreaterThan(150);
    const report = await page.context().newPage();
    await report.goto(pathToFileURL(join(folder, 'report.html')).href);
    await expect(report.locator('html')).toHaveAttribute('data-charts', 'ready');
    await expect(report.locator('#results-table tbody tr')).toHaveCount(3);
    await expect(report.locator('#results-table')).toContainText('7.00 [7.00, 7.00]');
    const canvases = report.locator('canvas[role="img"]');
    expect(await canvases.count()).toBeGreaterThan(1);
    await canvases.first().scrollIntoViewIfNeeded();
    await expect.poll(() => inkedPixels(canvases.first())).toBeGreaterThan(2000);
    if (shotsDir) await report.screenshot({ path: join(shotsDir, 'evaluate-report.png'), fullPage: true });
    await report.close();
  });

  await openSampleProject(page);
});
