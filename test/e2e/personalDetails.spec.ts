import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { ImportPage } from './pages/ImportPage';
import { PersonalDetailsPage } from './pages/PersonalDetailsPage';
import { ProjectPage } from './pages/ProjectPage';

/** Five transcripts name the same person and town (the second time in lower case); three name nobody. */
function transcripts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hds-e2e-details-'));
  const opening = (n: number) => [
    `Counselor: Welcome back. What is on your mind this week, visit ${n}?`,
    'Client: I keep thinking my colleagues find me dull.',
  ];
  const closing = ['Counselor: What tells you that they think so?', 'Client: Nobody said it. I just feel it when the room goes quiet.'];
  for (let n = 1; n <= 5; n++) {
    const details = [
      'Client: My neighbour Ottilie Brannigan lives in Duluth and drove me to work.',
      'Counselor: It sounds like she is kind to you.',
      'Client: i told ottilie i would not go back to duluth.',
    ];
    writeFileSync(join(dir, `details-${n}.txt`), [...opening(n), ...details, ...closing].join('\n'));
  }
  for (let n = 6; n <= 8; n++) writeFileSync(join(dir, `plain-${n}.txt`), [...opening(n), ...closing].join('\n'));
  return dir;
}

test('sessions with pending personal details stay out of a dataset until they are cleared by entity', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShellPage(page);
  const wizard = new ImportPage(page);
  const datasets = new DatasetsPage(page);
  const details = new PersonalDetailsPage(page);

  await test.step('a project and an import with "Detect for review"', async () => {
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create(`Privacy study ${Date.now().toString(36)}`);
    await wizard.goto();
    await wizard.chooseFolder(transcripts());
    await wizard.next('Preview 8 files');
    await wizard.next('Next: cleaning and privacy');
    await wizard.setRedaction('Detect for review');
    await wizard.next('Next: import');
    await wizard.start();
    await expect(wizard.finished).toContainText('8 sessions imported from 8 files', { timeout: 30_000 });
  });

  await test.step('a dataset that allows "Needs review" leaves the five out, and says why', async () => {
    await datasets.goto();
    await page.getByRole('button', { name: 'New dataset' }).click();
    const form = page.getByRole('region', { name: 'New dataset' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Everything');
    await form.getByRole('radiogroup', { name: 'Mix' }).getByText('Real only', { exact: true }).click();
    await form.getByRole('checkbox', { name: 'Needs review' }).check();
    await form.getByRole('checkbox', { name: 'Draft' }).check();
    await form.getByRole('button', { name: 'Preview the mix' }).click();
    await expect(datasets.preview.getByText('5 sessions left out: personal details await review')).toBeVisible();
    await datasets.confirmNew();
    await datasets.freeze('before review');
    const stats = await datasets.tab(1, 'Statistics');
    await expect(stats.getByRole('group', { name: 'Examples' })).toContainText('3');
    await expect(stats.getByText('5 sessions left out: personal details await review')).toBeVisible();
    await expect(stats.getByRole('link', { name: 'Review them in Personal details' })).toBeVisible();
  });

  await test.step('the Personal details queue groups the details by entity; two actions clear all five sessions', async () => {
    await page.getByRole('link', { name: 'Review them in Personal details' }).click();
    await expect(page.getByRole('heading', { name: 'Personal details', level: 1 })).toBeVisible();
    await expect(details.entity('Ottilie Brannigan')).toContainText('5 sessions, 10 places');
    await expect(details.entity('Duluth')).toContainText('5 sessions, 10 places');
    await details.decide('Ottilie Brannigan', 'Replace');
    await expect(page.getByRole('status', { name: 'Last change' })).toContainText(
      'Replaced “Ottilie Brannigan” in 10 places of 5 sessions',
    );
    await details.decide('Duluth', 'Replace');
    await expect(page.getByRole('status', { name: 'Last change' })).toContainText('5 sessions cleared. No session awaits review any more.');
    await expect(page.getByText('No personal details await review')).toBeVisible();
  });

  await test.step('freezing again includes them, with the details replaced', async () => {
    await datasets.goto();
    await datasets.list.getByRole('link', { name: /Everything/ }).click();
    await datasets.freeze('after review');
    const stats = await datasets.tab(2, 'Statistics');
    await expect(stats.getByRole('group', { name: 'Examples' })).toContainText('8');
    await expect(stats.getByText(/left out: personal details await review/)).toHaveCount(0);
  });
});
