import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject, type AreaName } from './pages/AppShellPage';
import { LibraryPage } from './pages/LibraryPage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';

// Empty values joined with a space or a separator ("none none", "— —") read as a broken screen.
// Within one line of text: table cells side by side (each its own "—") are separated by tabs or new lines.
const DOUBLED = /\b(none|unknown|n\/a)[ \u00a0]+\1\b|—[ \u00a0]*[·,/]?[ \u00a0]*—/i;

async function visibleText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  return page.locator('main').innerText();
}

test('screens with empty data show no doubled placeholders', async ({ page, app }) => {
  const shell = new AppShellPage(page);
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create('Empty texts');
  await expect(shell.projectButton).toContainText('Empty texts');
  const providers = new ProvidersPage(page);
  await providers.goto();
  await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Local', baseUrl: app.fake.url });
  await expect(page.getByRole('article', { name: 'Local' })).toBeVisible();

  const seen: string[] = [];
  const areas: AreaName[] = [
    'Study',
    'Library',
    'Import',
    'Generate',
    'Review',
    'Personal details',
    'Datasets',
    'Fine-tune',
    'Evaluate',
    'Arena',
    'Calls',
  ];
  for (const area of areas) {
    await shell.go(area);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    seen.push(`${area}: ${await visibleText(page)}`);
  }
  await shell.go('Settings');
  for (const tab of ['Providers', 'Models', 'Prices', 'Speed test']) {
    await page.getByRole('tab', { name: tab }).click();
    seen.push(`Settings ${tab}: ${await visibleText(page)}`);
  }
  for (const text of seen) expect(text).not.toMatch(DOUBLED);
});

test("the sample project's sessions and metadata show no doubled placeholders", async ({ page }) => {
  await openSampleProject(page);
  const shell = new AppShellPage(page);
  await shell.go('Library');
  const library = new LibraryPage(page);
  await expect(library.sessionRows).toHaveCount(7);
  const texts = [await visibleText(page)];
  for (const title of [/Exam anxiety/, /Low mood/]) {
    await shell.go('Library');
    await library.openSession(title);
    texts.push(await visibleText(page));
  }
  for (const text of texts) expect(text).not.toMatch(DOUBLED);
});
