import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { ImportPage } from './pages/ImportPage';
import { ProjectPage } from './pages/ProjectPage';

// A chosen folder holds a README and notes beside its transcripts: they are skipped with their reason, in
// grey, not reported as failed imports. Works in a project of its own; the sample is reopened at the end.
// With HDS_SCREENSHOTS set it saves pictures of the preview and the report.
const shots = process.env.HDS_SCREENSHOTS;

test('a folder with a README and notes beside its transcripts imports the transcripts and lists the others as skipped', async ({
  page,
  app,
}) => {
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled', fullPage: true });
  };
  const folder = join(mkdtempSync(join(app.dataDir, 'folder-skips-')), 'pilot-study');
  mkdirSync(folder);
  writeFileSync(join(folder, 'intake.txt'), 'Counselor: What brings you in today?\nClient: I have not been sleeping.\n');
  writeFileSync(join(folder, 'follow-up.txt'), 'Therapist: How did the week go?\nClient: Better than the last one.\n');
  writeFileSync(join(folder, 'README.md'), '# Pilot study\n\nTwo sessions, shared with consent.\n\nNOTE: names were changed.\n');
  writeFileSync(join(folder, 'notes.txt'), 'The sessions were recorded in spring.\nEach one lasted about an hour.\n');

  const shell = new AppShellPage(page);
  const wizard = new ImportPage(page);
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create(`Folder skips ${Date.now().toString(36)}`);
  await expect(shell.projectButton).toContainText('Folder skips');

  await wizard.goto();
  await wizard.chooseFolder(folder);
  await expect(wizard.chosenFiles).toHaveCount(4);
  await wizard.next('Preview 4 files');
  const readme = wizard.file('pilot-study/README.md');
  await expect(readme.getByRole('status')).toContainText('Skipped, not a transcript: No speaker turns found between two people');
  await expect(readme.getByRole('alert')).toHaveCount(0);
  await shot('folder-skips-1-preview');
  await wizard.next('Next: cleaning and privacy');
  await wizard.next('Next: import');
  await expect(page.getByText(/Ready to import 2 transcripts from 2 files \(2 files skipped \(not transcripts\)\)/)).toBeVisible();
  await wizard.start();

  await expect(wizard.finished).toContainText('2 sessions imported from 2 files; 2 files skipped (not transcripts).', { timeout: 30_000 });
  await expect(wizard.finished).not.toContainText('not imported');
  const skipped = wizard.fileReport('pilot-study/notes.txt');
  await expect(skipped.getByText('Skipped', { exact: true })).toBeVisible();
  await expect(skipped).toContainText('No speaker turns found: no line starts with a speaker label');
  await expect(skipped.getByText('Not imported')).toHaveCount(0);
  await expect(wizard.fileReport('intake.txt')).toContainText('1 session imported');
  await shot('folder-skips-2-report');

  // Chosen on its own, the same README is not skipped quietly: it will not be imported, and it says why.
  await page.getByRole('button', { name: 'Import more files' }).click();
  await wizard.chooseFiles([join(folder, 'README.md')]);
  await wizard.next('Preview 1 file');
  await expect(page.getByRole('alert')).toContainText('Will not be imported: No speaker turns found between two people');
  await expect(page.getByRole('alert')).toContainText("Label the other speaker's turns too");
  await expect(page.getByRole('button', { name: 'Next: cleaning and privacy' })).toBeDisabled();

  await openSampleProject(page);
});
