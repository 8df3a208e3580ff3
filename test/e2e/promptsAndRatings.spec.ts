import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { GeneratePage } from './pages/GeneratePage';
import { ImportPage } from './pages/ImportPage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { ReviewPage } from './pages/ReviewPage';
import { scriptJudge } from './support/scriptFake';

const MODEL = 'gpt-4o-mini';
const folder = resolve('test/fixtures/import-e2e');

test('preview the persona prompt, edit it and save version 2', async ({ page }) => {
  const shell = new AppShellPage(page);
  await test.step('a new project', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Prompt study');
    await expect(shell.projectButton).toContainText('Prompt study');
  });

  const generate = new GeneratePage(page);
  const versions = page.getByRole('list', { name: 'Version list' });
  const template = page.getByRole('textbox', { name: /Template/ });
  await test.step('the persona prompt, previewed on one item', async () => {
    await generate.goto();
    await page.getByRole('tab', { name: 'Prompts' }).click();
    await expect(page.getByRole('combobox', { name: 'Prompt' })).toHaveValue('persona');
    await expect(versions.getByRole('listitem')).toHaveCount(1);
    await expect(versions.getByRole('listitem').first()).toContainText('Current');
    await page.getByRole('button', { name: 'Preview on one item' }).click();
    const preview = page.getByRole('region', { name: 'Prompt preview' });
    await expect(preview).toContainText('Filled in for');
    await expect(preview.locator('pre')).not.toBeEmpty();
  });

  await test.step('a missing placeholder is reported', async () => {
    const original = await template.inputValue();
    await template.fill(`${original}\n{{noSuchPlaceholder}}`);
    await page.getByRole('button', { name: 'Preview on one item' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await template.fill(original);
  });

  await test.step('an edited template saved as version 2 becomes current', async () => {
    await template.fill(`${await template.inputValue()}\nKeep every field short.`);
    await page.getByRole('textbox', { name: 'Note (optional)' }).fill('Shorter fields');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await expect(versions.getByRole('listitem')).toHaveCount(2);
    const newest = versions.getByRole('listitem').first();
    await expect(newest).toContainText('Version 2');
    await expect(newest).toContainText('Current');
    await expect(newest).toContainText('Shorter fields');
    await expect(page.getByRole('button', { name: 'Save as version 3' })).toBeVisible();
  });

  await test.step('saving it unchanged is refused with the message', async () => {
    await page.getByRole('button', { name: 'Save as version 3' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(versions.getByRole('listitem')).toHaveCount(2);
  });
});

test('rate a judged session and see the agreement with the judge', async ({ page, app }) => {
  test.setTimeout(120_000);
  const shell = new AppShellPage(page);
  await test.step('a new project with the fake provider and imported transcripts', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Rating study');
    await expect(shell.projectButton).toContainText('Rating study');
    const providers = new ProvidersPage(page);
    await providers.goto();
    await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Fake', baseUrl: app.fake.url, concurrency: 8 });
    await expect(providers.addDialog).toBeHidden();
    await providers.card('Fake').setKey(app.apiKey);

    const wizard = new ImportPage(page);
    await wizard.goto();
    await wizard.chooseFolder(folder);
    await expect(wizard.chosenFiles).toHaveCount(5);
    await wizard.next('Preview 5 files');
    await wizard.mapCsv('import-e2e/group-notes.csv', { speaker: 'who', text: 'said', transcriptId: 'conversation', order: 'line_no' });
    await wizard.next('Next: cleaning and privacy');
    await wizard.next('Next: import');
    await wizard.start();
    await expect(wizard.finished).toContainText('5 sessions imported from 5 files', { timeout: 30_000 });
  });

  const review = new ReviewPage(page);
  const rubric = await test.step('the judge scores every session', async () => {
    const scripted = await scriptJudge(page);
    await review.goto();
    await review.chooseJudge('Fake', MODEL);
    await review.judgePanel.getByRole('button', { name: 'Estimate judging' }).click();
    await review.judgePanel.getByRole('button', { name: 'Start judging' }).click();
    await expect(review.judgePanel.getByRole('article').getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await review.openTab('Queue');
    await expect(review.rationales.getByRole('table', { name: 'Scores and rationales' }).first()).toContainText('Turn 2 shows it.');
    return scripted;
  });

  await test.step('a rating of one session counts in the agreement', async () => {
    const agreement = page.getByRole('table', { name: 'Agreement by criterion' });
    await expect(page.getByRole('region', { name: 'Agreement with the judge' })).toContainText('No session has both your rating');
    await expect(agreement).toBeHidden();
    await review.rate(rubric.criteria.map((c) => c.scale.max));
    await expect(agreement.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('1');
    await expect(agreement.getByRole('row', { name: /Overall/ })).toBeVisible();
  });
});
