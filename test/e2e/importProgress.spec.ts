import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { ImportPage } from './pages/ImportPage';
import { ProjectPage } from './pages/ProjectPage';

// A real file of many sessions, its details detected for review, in a project of its own; the sample is reopened at the end.
const esconv = resolve('../shared/data/esconv/FailedESConv.json');

test("the import's progress bar counts a file's sessions as they are read, and the end says how many wait for review", async ({ page }) => {
  const shell = new AppShellPage(page);
  const wizard = new ImportPage(page);
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create(`Progress ${Date.now().toString(36)}`);
  await expect(shell.projectButton).toContainText('Progress');

  await wizard.goto();
  await wizard.chooseFiles([esconv]);
  await wizard.next('Preview 1 file');
  await expect(page.getByRole('status').filter({ hasText: /196 transcripts in 1 file/ })).toBeVisible({ timeout: 30_000 });
  await wizard.next('Next: cleaning and privacy');
  await wizard.setRedaction('Detect for review');
  await wizard.next('Next: import');
  await wizard.start();

  // One file: before, the bar stood at 0 of 1 until the whole file was stored.
  const bar = page.getByRole('progressbar', { name: 'Progress of the import of 1 file' });
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ of 196 sessions read and checked; 0 of 1 files done$/, { timeout: 30_000 });
  const moved = Number((await bar.getAttribute('aria-valuetext'))!.split(' ')[0]);
  expect(moved).toBeLessThan(196);

  await expect(wizard.finished).toContainText('196 sessions imported from 1 file', { timeout: 90_000 });
  await expect(wizard.finished).toContainText(/\d+ sessions? in the project now waits? for personal-detail review\./);
  await expect(bar).toHaveAttribute('aria-valuetext', '1 of 1 files done');

  await openSampleProject(page);
});
