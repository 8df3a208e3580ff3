import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { EvaluatePage } from './pages/EvaluatePage';
import { ProjectPage } from './pages/ProjectPage';
import { callApi, scriptPrompt } from './support/scriptFake';

const esconv = resolve('../shared/data/esconv/FailedESConv.json');

async function settled(page: Page, id: string): Promise<void> {
  await expect
    .poll(async () => (await callApi<{ status: string }>(page, 'jobs.get', { id })).status, { timeout: 60_000 })
    .toBe('succeeded');
}

/** The fake as a provider, ESConv approved, a frozen real-only dataset and a finished two-model run: through the API, as a script would. */
async function studyThroughTheApi(page: Page, fakeUrl: string, key: string): Promise<{ datasetId: string; runId: string }> {
  const provider = await callApi<{ id: string }>(page, 'providers.add', {
    name: 'Fake OpenAI',
    preset: 'openai',
    baseUrl: fakeUrl,
    concurrency: 8,
  });
  await callApi(page, 'providers.setKey', { id: provider.id, key });
  await settled(page, (await callApi<{ id: string }>(page, 'imports.start', { paths: [esconv] })).id);
  await callApi(page, 'sessions.bulkUpdate', { ids: await callApi<string[]>(page, 'sessions.ids', {}), status: 'approved' });
  const dataset = await callApi<{ id: string }>(page, 'datasets.create', {
    name: 'ESConv real',
    spec: { ...defaultDatasetSpec, mix: 'real-only', total: 20 },
  });
  await callApi(page, 'datasets.freeze', { id: dataset.id });
  const set = await callApi<{ id: string }>(page, 'evalSets.create', { name: 'Exams' });
  const scenario = {
    title: 'Exam dread',
    intake: 'A student worried about an exam next week.',
    style: 'plain',
    riskLevel: 'none',
    cognitiveModel: {
      situation: 'A mock exam went badly.',
      automaticThought: 'I will fail.',
      emotion: 'Anxious 80',
      behaviour: 'Avoids revision.',
      coreBelief: 'I am incompetent',
      distortions: ['catastrophizing'],
    },
  };
  await callApi(page, 'evalSets.import', { setId: set.id, format: 'json', content: JSON.stringify([scenario]) });
  const version = await callApi<{ id: string }>(page, 'evalSets.freeze', { setId: set.id });
  const rubric = (await callApi<{ id: string; criteria: { id: string }[] }[]>(page, 'rubrics.list', {})).find(
    (r) => r.id === 'empathy-relevance',
  )!;
  await scriptPrompt(
    page,
    'judge',
    JSON.stringify({
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 1.', score: 7 }])),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'Warm.',
    }),
  );
  await scriptPrompt(page, 'safety', JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' }));
  const arm = (label: string, model: string) => ({ label, providerId: provider.id, model, systemPrompt: null, temperature: null });
  const run = await callApi<{ id: string }>(page, 'evalRuns.start', {
    spec: {
      name: 'Two models',
      setVersionId: version.id,
      arms: [arm('Mini', 'gpt-4o-mini'), arm('Full', 'gpt-4o')],
      sharedSystemPrompt: 'You are a counselor.',
      simulator: { providerId: provider.id, model: 'gpt-4o', temperature: 0.8 },
      judge: { providerId: provider.id, model: 'gpt-4o-mini' },
      rubricIds: ['empathy-relevance'],
      formulation: false,
      turns: 1,
      seeds: 1,
      judgeRepeats: 1,
      useBatchForScoring: false,
      budgetUsd: null,
    },
  });
  await expect
    .poll(async () => (await callApi<{ status: string }>(page, 'evalRuns.get', { id: run.id })).status, { timeout: 60_000 })
    .toBe('done');
  return { datasetId: dataset.id, runId: run.id };
}

test('browser mode: an export and a report are downloaded through the page and open', async ({ page, app }) => {
  test.skip(app.host !== 'browser', 'The desktop app writes files where the person can open them; downloads are for browser mode.');
  test.setTimeout(180_000);
  const shell = new AppShellPage(page);
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create('Downloads');
  await expect(shell.projectButton).toContainText('Downloads');
  const { datasetId, runId } = await studyThroughTheApi(page, app.fake.url, app.apiKey);

  await test.step('a dataset export (a folder) comes down as a zip holding its JSONL files', async () => {
    await page.goto(new URL(`#/datasets/${datasetId}`, page.url()).href);
    const datasets = new DatasetsPage(page);
    const region = await datasets.tab(1, 'Export');
    await region.getByRole('radio', { name: /OpenAI fine-tuning/ }).check();
    await region.getByRole('button', { name: 'Export 20 examples' }).click();
    const written = region.getByRole('status', { name: 'Written' });
    await expect(written).toContainText('train.jsonl');
    const downloading = page.waitForEvent('download');
    await written.getByRole('button', { name: 'Download (zip)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('esconv-real-v1-openai-jsonl.zip');
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const train = (await zip.file('esconv-real-v1-openai-jsonl/train.jsonl')!.async('string')).trim().split('\n');
    expect(train.length).toBeGreaterThan(10);
    expect(JSON.parse(train[0]!)).toHaveProperty('messages');
    expect(zip.file('esconv-real-v1-openai-jsonl/validation.jsonl')).not.toBeNull();
  });

  await test.step('the report comes down as one HTML file that opens with its table, and as a zip of all three files', async () => {
    await page.goto(new URL(`#/evaluate/run:${runId}`, page.url()).href);
    const evaluate = new EvaluatePage(page);
    await evaluate.tab('Report');
    await evaluate.run.getByRole('button', { name: 'Export report' }).click();
    const written = evaluate.run.getByRole('status', { name: 'Report written' });
    let downloading = page.waitForEvent('download');
    await written.getByRole('button', { name: 'Download the report' }).click();
    const html = await downloading;
    expect(html.suggestedFilename()).toBe('report.html');
    // Saved under its own name, as a browser would, so it opens as a web page.
    const saved = join(app.dataDir, 'downloaded', 'report.html');
    await html.saveAs(saved);
    const report = await page.context().newPage();
    await report.goto(pathToFileURL(saved).href);
    await expect(report.locator('#results-table tbody tr')).toHaveCount(2);
    await expect(report.locator('#results-table')).toContainText('Mini');
    await report.close();

    downloading = page.waitForEvent('download');
    await written.getByRole('button', { name: 'Download all three (zip)' }).click();
    const all = await downloading;
    expect(all.suggestedFilename()).toMatch(/\.zip$/);
    const zip = await JSZip.loadAsync(readFileSync(await all.path()));
    expect(
      Object.keys(zip.files)
        .filter((n) => !zip.files[n]!.dir)
        .map((n) => n.split('/').pop())
        .sort(),
    ).toEqual(['manifest.json', 'report.html', 'scores.csv']);
  });

  await openSampleProject(page);
});
