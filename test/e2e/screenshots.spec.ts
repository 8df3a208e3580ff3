import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage, choose } from './pages/AppShellPage';
import { CallsPage } from './pages/CallsPage';
import { JobsPanel } from './pages/JobsPanel';
import { LibraryPage } from './pages/LibraryPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { SpeedTestPage } from './pages/SpeedTestPage';

/*
 * Not a check but a camera: saves pictures of the main screens for people to look at (and for
 * docs/screenshot.png). Run alone on a fresh worker:
 *   HDS_SCREENSHOTS=/tmp/shots npx playwright test screenshots --project=browser
 */
const dir = process.env.HDS_SCREENSHOTS ?? 'test-results/screenshots';

test('screenshots of the main screens', async ({ page, app }) => {
  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', fullPage });
  const shell = new AppShellPage(page);
  const library = new LibraryPage(page);

  await expect(page.getByRole('list', { name: 'Study steps' })).toBeVisible();
  await shot('study');
  await shell.go('Library');
  await expect(library.sessionRows).toHaveCount(7); // the sample's 4 transcripts and 3 sessions written from its personas
  await shot('library');
  await library.openSession(/Exam anxiety/);
  await shot('session');

  await shell.projectMenu('Project details');
  await expect(page.getByRole('heading', { name: 'Sample project' })).toBeVisible();
  await shot('project', true);

  const providers = new ProvidersPage(page);
  await providers.goto();
  await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Fake', baseUrl: app.fake.url });
  await providers.add({ preset: 'Ollama', name: 'Local Ollama' });
  const card = providers.card('Fake');
  await card.setKey(app.apiKey);
  await card.testConnection();
  await expect(card.models).toBeVisible();
  await shot('settings-providers', true);

  await page.getByRole('button', { name: 'Add provider' }).first().click();
  await expect(providers.addDialog).toBeVisible();
  await shot('add-provider');
  await page.keyboard.press('Escape');

  const speed = new SpeedTestPage(page);
  await speed.goto();
  await speed.start({ model: 'gpt-4o-mini', calls: 12, concurrency: 2, maxTokens: 16 });
  const jobs = new JobsPanel(page);
  await expect(jobs.job(/12 calls/).status('Succeeded')).toBeVisible();
  await jobs.close();
  app.fake.addFault({ route: 'chat', kind: 'slow', delayMs: 150 });
  await speed.start({ model: 'gpt-4o-mini', calls: 40, concurrency: 2, maxTokens: 8 });
  const running = jobs.job(/40 calls/);
  await expect.poll(() => running.finished(), { timeout: 30_000 }).toBeGreaterThan(3);
  await expect(running.root).toContainText(/left/);
  await shot('jobs-running');
  await running.cancelButton.click();
  await expect(running.status('Cancelled')).toBeVisible();
  await shot('jobs-cancelled');
  await jobs.close();
  app.fake.clearFaults();
  await shot('settings-speed-test', true);

  // Failure states: a wrong key fails the connection test and every item of a speed test.
  await providers.goto();
  await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Wrong key', baseUrl: app.fake.url });
  const wrong = providers.card('Wrong key');
  await wrong.setKey('sk-this-key-is-wrong');
  await wrong.testConnection();
  await expect(wrong.root.getByRole('alert')).toBeVisible();
  await wrong.root.scrollIntoViewIfNeeded();
  await shot('provider-error');
  await speed.goto();
  await speed.start({ provider: 'Wrong key', model: 'gpt-4o-mini', calls: 3, concurrency: 1, maxTokens: 8 });
  const failedJob = jobs.job(/Wrong key/);
  await expect(failedJob.status('Failed')).toBeVisible();
  await failedJob.root.getByRole('button', { name: /failed item/ }).click();
  await expect(failedJob.root.getByRole('list')).toBeVisible();
  await shot('jobs-failed');
  await jobs.close();

  await page.getByRole('tab', { name: 'Models' }).click();
  await choose(page, page, 'Generator: provider', 'Fake');
  await choose(page, page, 'Generator: model', /^gpt-4o-mini$/);
  await expect(page.getByRole('button', { name: 'Clear the generator default' })).toBeEnabled();
  await shot('settings-models', true);
  await page.getByRole('tab', { name: 'Prices' }).click();
  await shot('settings-prices');

  const calls = new CallsPage(page);
  await calls.goto();
  await expect(calls.table).toBeVisible();
  await shot('calls');

  await page.setViewportSize({ width: 1024, height: 720 });
  await shot('calls-narrow');
  await shell.go('Library');
  await shot('library-narrow');
  await page.setViewportSize({ width: 1366, height: 860 });

  await shell.go('Evaluate');
  await shot('evaluate');

  await shell.projectMenu('Close project');
  await expect(page.getByRole('heading', { name: 'Welcome to Hybrid Data Studio' })).toBeVisible();
  await shot('welcome');
});
