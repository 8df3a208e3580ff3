import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { ImportPage } from './pages/ImportPage';
import { LibraryPage } from './pages/LibraryPage';
import { ProjectPage } from './pages/ProjectPage';

// Both public data sets through the wizard, in a project of its own; the sample is reopened at the end.
const annomi = resolve('../shared/data/annomi/AnnoMI-simple.csv');
const esconv = resolve('../shared/data/esconv/FailedESConv.json');

test('both real data sets import through the wizard with the right session counts and roles', async ({ page }) => {
  const shell = new AppShellPage(page);
  const wizard = new ImportPage(page);
  const tag = `real-${Date.now().toString(36)}`;

  await shell.projectMenu('New project…');
  await new ProjectPage(page).create(`Real data ${tag}`);
  await expect(shell.projectButton).toContainText('Real data');

  await wizard.goto();
  await wizard.chooseFiles([annomi, esconv]);
  await expect(wizard.chosenFiles).toHaveCount(2);
  await wizard.next('Preview 2 files');
  await expect(page.getByRole('status').filter({ hasText: /329 transcripts in 2 files/ })).toBeVisible({ timeout: 30_000 });
  const annomiCard = wizard.file('AnnoMI-simple.csv');
  await expect(annomiCard.getByRole('combobox', { name: 'Role of therapist in AnnoMI-simple.csv' })).toHaveValue('Counselor');
  await expect(annomiCard.getByRole('combobox', { name: 'Role of client in AnnoMI-simple.csv' })).toHaveValue('Client');
  await wizard.next('Next: cleaning and privacy');
  await wizard.setRedaction('Off');
  await wizard.addTag(tag);
  await wizard.next('Next: import');
  await wizard.start();
  await expect(wizard.finished).toContainText('329 sessions imported from 2 files', { timeout: 60_000 });
  await expect(wizard.fileReport('AnnoMI-simple.csv')).toContainText('133 sessions imported');
  await expect(wizard.fileReport('FailedESConv.json')).toContainText('196 sessions imported');

  await wizard.openInLibrary();
  const library = new LibraryPage(page);
  await library.search.fill('"drink alcohol at least four times"');
  const session = await library.openSession(/Barbara/);
  await expect(session.conversation).toContainText('Thanks for filling it out');
  await session.backToLibrary.click();
  await library.search.fill('');

  await openSampleProject(page);
});
