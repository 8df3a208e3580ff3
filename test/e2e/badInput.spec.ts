import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';

// These specs leave the open project as they found it, so they can share a worker with any other.

test('a provider with a base URL that is not a URL is refused with a clear message', async ({ page }) => {
  const providers = new ProvidersPage(page);
  await providers.goto();
  await providers.add({ preset: 'Ollama', name: 'Typo', baseUrl: 'localhost 11434' });
  await expect(providers.addDialog.getByText('must be a URL such as http://127.0.0.1:11434/v1')).toBeVisible();
  await expect(providers.addDialog).toBeVisible();
  await providers.addDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('article', { name: 'Typo' })).toHaveCount(0);
});

test('opening a file that is not a project is refused and changes nothing', async ({ page, app }) => {
  const notes = join(app.dataDir, 'notes.txt');
  writeFileSync(notes, 'Session notes, not a project.\n');
  const shell = new AppShellPage(page);
  const before = await shell.projectButton.innerText();
  await shell.projectMenu('Open a project…');
  const projects = new ProjectPage(page);
  await projects.open(notes);
  await expect(projects.openError).toContainText('is not a Hybrid Data Studio project');
  await expect(projects.openError).toContainText('Nothing was changed');
  await expect(shell.projectButton).toHaveText(before);
});

test('browser mode without a valid access token says how to get in', async ({ page, app }) => {
  test.skip(app.host !== 'browser', 'Only browser mode uses an access token.');
  const browser = page.context().browser();
  if (!browser) throw new Error('the browser host always has a browser');
  const context = await browser.newContext();
  const stranger = await context.newPage();
  const origin = new URL(page.url()).origin;

  await stranger.goto(`${origin}/`);
  await expect(stranger.getByText('Open the address printed by')).toBeVisible();

  await stranger.goto(`${origin}/?token=not-the-token`);
  await expect(stranger.getByText('no longer works')).toBeVisible();
  expect(stranger.url()).not.toContain('not-the-token');
  await context.close();
});
