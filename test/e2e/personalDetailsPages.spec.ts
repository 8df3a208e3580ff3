import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { ImportPage } from './pages/ImportPage';
import { PersonalDetailsPage } from './pages/PersonalDetailsPage';
import { ProjectPage } from './pages/ProjectPage';

// 70 different addresses in one transcript: more detected details than one page holds. A project of its own; the sample is reopened at the end.
const COUNT = 70;

function transcript(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hds-e2e-detail-pages-'));
  const lines = ['Counselor: Who did you write to this week?'];
  for (let n = 1; n <= COUNT; n++) lines.push(`Client: I wrote to casey.${n}@mailbox.net about it.`, 'Counselor: And then?');
  const file = join(dir, 'many-addresses.txt');
  writeFileSync(file, lines.join('\n'));
  return file;
}

test('the Personal details queue comes in pages, each one a slice of every detected detail', async ({ page }) => {
  const shell = new AppShellPage(page);
  const wizard = new ImportPage(page);
  const details = new PersonalDetailsPage(page);
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create(`Detail pages ${Date.now().toString(36)}`);
  await wizard.goto();
  await wizard.chooseFiles([transcript()]);
  await wizard.next('Preview 1 file');
  await wizard.next('Next: cleaning and privacy');
  await wizard.setRedaction('Detect for review');
  await wizard.next('Next: import');
  await wizard.start();
  await expect(wizard.finished).toContainText('1 session imported from 1 file', { timeout: 30_000 });

  await details.goto();
  const rows = details.table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(page.getByText(`Showing 1–50 of ${COUNT}`)).toBeVisible();
  const pages = page.getByLabel('Pages of detected details');
  await pages.getByRole('button', { name: 'Page 2' }).click();
  await expect(rows).toHaveCount(COUNT - 50);
  await expect(page.getByText(`Showing 51–${COUNT} of ${COUNT}`)).toBeVisible();

  // A search starts again at its first page.
  await page.getByRole('searchbox', { name: 'Find a detail' }).fill('casey.7');
  await expect(rows).toHaveCount(2); // casey.7 and casey.70
  await expect(pages).toBeHidden();

  await openSampleProject(page);
});
