import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { FineTunePage } from './pages/FineTunePage';
import { ProjectPage } from './pages/ProjectPage';
import { callApi, scriptPrompt } from './support/scriptFake';

const annomi = resolve('../shared/data/annomi/AnnoMI-simple.csv');
const esconv = resolve('../shared/data/esconv/FailedESConv.json');
const shotsDir = process.env.HDS_SCREENSHOTS;

async function settled(page: Page, id: string): Promise<{ status: string; done: number }> {
  let job = await callApi<{ status: string; done: number }>(page, 'jobs.get', { id });
  for (let i = 0; i < 600 && ['queued', 'running'].includes(job.status); i++) {
    await page.waitForTimeout(100);
    job = await callApi(page, 'jobs.get', { id });
  }
  return job;
}

/** Both real data sets and 24 generated sessions, all approved: set up through the app's own API, as a script would. */
async function library(page: Page, fakeUrl: string, key: string) {
  const provider = await callApi<{ id: string }>(page, 'providers.add', {
    name: 'Fake OpenAI',
    preset: 'openai',
    baseUrl: fakeUrl,
    concurrency: 8,
  });
  await callApi(page, 'providers.setKey', { id: provider.id, key });
  for (const file of [annomi, esconv])
    expect((await settled(page, (await callApi<{ id: string }>(page, 'imports.start', { paths: [file] })).id)).status).toBe('succeeded');
  const run = { providerId: provider.id, model: 'gpt-4o-mini' };
  await settled(
    page,
    (
      await callApi<{ id: string }>(page, 'personas.generate', {
        ...run,
        count: 24,
        distortions: ['mind-reading', 'catastrophizing', 'labeling'],
        styles: ['plain', 'upset'],
      })
    ).id,
  );
  await scriptPrompt(
    page,
    'scenario',
    JSON.stringify({
      summary: 'Exam worries.',
      cognitive_distortions: ['Mind Reading'],
      scenario: 'Sam fears failing.',
      cognitiveModel: {
        situation: 'A mock exam.',
        automaticThought: 'I will fail.',
        emotion: 'Anxious 70',
        behaviour: 'Avoids revision.',
        coreBelief: 'I am incompetent',
        intermediateBeliefs: null,
        copingStrategies: null,
        relevantHistory: null,
      },
    }),
  );
  await settled(page, (await callApi<{ id: string }>(page, 'scenarios.generate', run)).id);
  await scriptPrompt(
    page,
    'session',
    JSON.stringify({
      turns: [
        { role: 'user', text: 'They went quiet when I spoke.' },
        { role: 'assistant', text: 'What else could the silence mean?' },
        { role: 'user', text: 'Maybe they were tired.' },
        { role: 'assistant', text: 'How does that change how you feel?' },
      ],
      techniques: ['Socratic questioning'],
    }),
  );
  await settled(
    page,
    (await callApi<{ id: string }>(page, 'sessions.generate', { ...run, mode: 'single', lengths: { short: 1, medium: 0, long: 0 } })).id,
  );
  const ids = await callApi<string[]>(page, 'sessions.ids', {});
  await callApi(page, 'sessions.bulkUpdate', { ids, status: 'approved' });
  return ids.length;
}

test('mix real and synthetic sessions, freeze, validate, compare, export, and fine-tune on each mix', async ({ page, app }) => {
  test.setTimeout(240_000);
  const shell = new AppShellPage(page);
  await expect(shell.projectButton).toBeVisible();
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create('Hybrid study');
  const datasets = new DatasetsPage(page);

  await test.step('an empty project says what to do first', async () => {
    await datasets.goto();
    await expect(page.getByText('No dataset yet')).toBeVisible();
  });

  // A persona too close to another is refused, so a few of the 24 may be missing: enough remain for the mix below.
  const synthetic = (await library(page, app.fake.url, app.apiKey)) - 133 - 196;
  expect(synthetic).toBeGreaterThanOrEqual(15);

  await test.step('a real-only dataset of every approved transcript', async () => {
    await datasets.goto();
    await datasets.startNew('Real only', 'Real only');
    await expect(datasets.preview.getByRole('group', { name: 'Real' })).toContainText('329');
    await datasets.confirmNew();
    await expect(page.getByRole('heading', { name: 'Real only', level: 2 })).toBeVisible();
    await datasets.freeze('all real transcripts');
    await expect(datasets.versions.getByRole('row')).toHaveCount(2);
    await expect(datasets.versions).toContainText('all real transcripts');
    const stats = await datasets.tab(1, 'Statistics');
    await expect(stats.getByRole('group', { name: 'Examples' })).toContainText('329');
    await expect(stats.getByRole('group', { name: 'Synthetic' })).toContainText('0');
    await expect(stats.getByRole('img', { name: /^Turns per example: 329 examples/ })).toBeVisible();
  });

  await test.step('a hybrid dataset, half synthetic, with its statistics', async () => {
    await datasets.startNew('Hybrid 50', 'Hybrid', { total: 30, share: 50 });
    await expect(datasets.preview.getByRole('group', { name: 'Synthetic' })).toContainText('15');
    // 30 against the real-only 329: the builder says the comparison would be about size.
    const form = page.getByRole('region', { name: 'New dataset' });
    await expect(form.getByRole('status').filter({ hasText: 'Sizes differ' })).toContainText(
      /differ by 91%: This dataset has 30 examples, "Real only" v1 329/,
    );
    await expect(form.getByRole('combobox', { name: 'Same size as…' })).toBeVisible();
    await datasets.confirmNew();
    await datasets.freeze();
    const stats = await datasets.tab(1, 'Statistics');
    await expect(stats.getByRole('group', { name: 'Examples' })).toContainText('30');
    await expect(stats.getByRole('group', { name: 'Real' })).toContainText('15');
    await expect(stats.getByRole('table', { name: 'Label coverage' })).toContainText('mind reading');
    if (shotsDir) await page.screenshot({ path: join(shotsDir, 'datasets.png'), fullPage: true, animations: 'disabled' });
  });

  await test.step('validation passes and prices the training', async () => {
    const region = await datasets.tab(1, 'Validate');
    await region.getByRole('button', { name: 'Check the format' }).click();
    await expect(region.getByRole('region', { name: 'Validation report' })).toContainText('Ready to train');
    await expect(region.getByRole('status', { name: 'Training cost' })).toContainText(/About \$[\d.]+/);
  });

  await test.step('export as OpenAI JSONL into the app’s exports folder', async () => {
    const region = await datasets.tab(1, 'Export');
    await region.getByRole('radio', { name: /OpenAI fine-tuning/ }).check();
    await region.getByRole('button', { name: 'Export 30 examples' }).click();
    const written = region.getByRole('status', { name: 'Written' });
    await expect(written).toContainText('train.jsonl');
    const folder = (await written.locator('.mantine-Text-root').first().innerText()).trim();
    const train = readFileSync(join(folder, 'train.jsonl'), 'utf8').trim().split('\n');
    expect(train).toHaveLength(27);
    expect(JSON.parse(train[0]!)).toHaveProperty('messages');
    expect(existsSync(join(folder, 'validation.jsonl'))).toBe(true);
  });

  await test.step('another seed freezes version 2, and the comparison lists what changed', async () => {
    const mix = page.getByRole('region', { name: 'Mix' });
    await mix.getByRole('textbox', { name: 'Seed' }).fill('2');
    await expect(mix.getByText('Unsaved changes')).toBeVisible();
    await datasets.freeze('seed 2');
    const region = await datasets.tab(2, 'Compare versions');
    await region.getByRole('button', { name: 'Compare' }).click();
    const differences = region.getByRole('region', { name: 'Differences' });
    await expect(differences).toContainText(/v1 → v2: \d+ added, \d+ removed/);
    await expect(differences.getByRole('region', { name: 'Added' })).toBeVisible();
  });

  await test.step('fine-tune a model on each dataset until both are in the registry with their loss curves', async () => {
    const fineTune = new FineTunePage(page);
    for (const [dataset, suffix] of [
      ['Real only', 'real'],
      ['Hybrid 50', 'hybrid'],
    ] as const) {
      await fineTune.goto();
      await fineTune.fillRun({
        version: new RegExp(`^${dataset} v1 `),
        trainer: 'OpenAI',
        provider: 'Fake OpenAI',
        baseModel: 'gpt-4o-mini-2024-07-18',
        suffix,
      });
      await fineTune.checkButton.click();
      await expect(fineTune.startButton).toBeEnabled();
      await fineTune.start();
      await expect(fineTune.status).toHaveText('Succeeded', { timeout: 60_000 });
      await expect(fineTune.lossChart).toHaveAttribute('aria-label', /^Loss over \d+ steps: training loss from/);
      await expect(fineTune.monitor.getByRole('region', { name: 'Fine-tuned model' })).toContainText(`:${suffix}:`);
    }
    // One click from the trained model to an evaluation run that starts with it, and to a chat beside its base model.
    await fineTune.monitor.getByRole('link', { name: 'Add to an evaluation' }).click();
    await expect(page).toHaveURL(/#\/evaluate\/add(:|%3A)/);
    await expect(page.getByRole('region', { name: 'New run' })).toBeVisible();
    await page.goBack();
    await fineTune.monitor.getByRole('button', { name: 'Chat with it beside its base model' }).click();
    await expect(page).toHaveURL(/#\/arena\/[\w-]+$/);
    // The list shows the names people read (the registry's name for the trained model); the columns keep the model ids.
    const chats = await callApi<{ id: string; models: string[] }[]>(page, 'arena.list', {});
    expect(chats[0]!.models).toEqual(['Hybrid 50 v1 (gpt-4o-mini-2024-07-18)', 'gpt-4o-mini-2024-07-18']);
    const chat = await callApi<{ columns: { model: string }[] }>(page, 'arena.get', { id: chats[0]!.id });
    expect(chat.columns.map((c) => c.model)).toEqual([
      expect.stringMatching(/^ft:gpt-4o-mini-2024-07-18:fake-org:hybrid:/),
      'gpt-4o-mini-2024-07-18',
    ]);
    await fineTune.goto();
    for (const suffix of ['real', 'hybrid'])
      await expect(fineTune.models).toContainText(new RegExp(`ft:gpt-4o-mini-2024-07-18:fake-org:${suffix}:`));
    await expect(fineTune.models).toContainText('Real only v1');
    await expect(fineTune.models).toContainText('Hybrid 50 v1');
  });
});
