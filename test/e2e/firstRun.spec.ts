import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { CallsPage } from './pages/CallsPage';
import { JobsPanel } from './pages/JobsPanel';
import { LibraryPage } from './pages/LibraryPage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { SpeedTestPage } from './pages/SpeedTestPage';

test('a new user: the sample, a project of their own, a provider, speed tests and the call ledger', async ({ page, app }) => {
  const shell = new AppShellPage(page);
  const keyNeverShown = async () => expect(await page.content()).not.toContain(app.apiKey);

  await test.step('the first launch opens the sample project with the first half of the study done', async () => {
    await expect(shell.projectButton).toContainText('Sample project');
    await expect(page.getByRole('heading', { name: 'Study', level: 1 })).toBeVisible();
    const welcome = page.getByRole('region', { name: 'Welcome' });
    await expect(welcome).toContainText('A research tool, not a clinical service');
    const steps = page.getByRole('list', { name: 'Study steps' });
    await expect(steps).toBeVisible();
    // The sample carries the first half of the experiment, so the checklist starts half done, at the datasets.
    for (const name of [/Import real transcripts/, /Clear personal details/, /Generate personas/, /Judge and review/])
      await expect(steps.getByRole('listitem', { name })).toHaveAttribute('data-state', 'done');
    await expect(steps.getByRole('listitem', { name: /Build matched/ })).toHaveAttribute('aria-current', 'step');
    await page.screenshot({ path: test.info().outputPath('sample-study-home.png'), fullPage: true });
    await welcome.getByRole('button', { name: 'Start with the checklist' }).click();
    await expect(welcome).toBeHidden();
    await page.reload();
    await expect(page.getByRole('list', { name: 'Study steps' })).toBeVisible();
    await expect(welcome).toBeHidden();
    await shell.go('Library');
    const library = new LibraryPage(page);
    await expect(library.sessionRows).toHaveCount(7);
    const session = await library.openSession(/Exam anxiety/);
    await expect(session.turnsBy('Client').first()).toBeVisible();
    await expect(session.turnsBy('Counselor').first()).toBeVisible();
    await expect(session.systemPrompt).toHaveAttribute('aria-expanded', 'false');
  });

  await test.step('create a project of their own', async () => {
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Spring study');
    await expect(shell.projectButton).toContainText('Spring study');
    await shell.go('Library');
    await expect(new LibraryPage(page).emptyState).toBeVisible();
  });

  const providers = new ProvidersPage(page);
  await test.step('add a provider and give it a key', async () => {
    await providers.goto();
    await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Fake', baseUrl: app.fake.url });
    await expect(providers.addDialog).toBeHidden();
    const card = providers.card('Fake');
    await expect(card.keyStatus).toHaveText(/^No key/);
    await card.setKey(app.apiKey);
    await expect(card.keyStatus).toHaveText(new RegExp(`^Key set, ends in ${app.apiKey.slice(-4)}`));
    await keyNeverShown();
  });

  await test.step('test the connection and see the models', async () => {
    const card = providers.card('Fake');
    await card.testConnection();
    await expect(card.root.getByText(/^Connected to Fake/)).toBeVisible();
    await expect(card.models.getByText('gpt-4o-mini', { exact: true })).toBeVisible();
    await card.root.getByRole('textbox', { name: 'Search models' }).fill('embedding');
    await expect(card.models.getByText('gpt-4o-mini', { exact: true })).toBeHidden();
    await expect(card.models.getByText('text-embedding-3-small')).toBeVisible();
  });

  const speed = new SpeedTestPage(page);
  // Starting a speed test opens the jobs panel by itself.
  const jobs = new JobsPanel(page);
  await test.step('run a speed test and see its figures', async () => {
    await speed.goto();
    await speed.start({ model: 'gpt-4o-mini', calls: 12, concurrency: 2, maxTokens: 16 });
    const job = jobs.job('Speed test: Fake gpt-4o-mini (12 calls × 2)');
    await expect(job.status('Succeeded')).toBeVisible();
    await expect(job.progress).toHaveAttribute('aria-valuenow', '12');
    await expect(job.figures).toContainText('Latency p50');
    await jobs.close();
    await expect(speed.results.getByRole('row')).toHaveCount(2);
  });

  await test.step('cancel a slow speed test, then resume it to the end', async () => {
    // Every chat answer now streams slowly, so the job takes long enough to stop halfway.
    app.fake.addFault({ route: 'chat', kind: 'slow', delayMs: 100 });
    await speed.start({ model: 'gpt-4o-mini', calls: 20, concurrency: 2, maxTokens: 8 });
    const job = jobs.job('Speed test: Fake gpt-4o-mini (20 calls × 2)');
    await expect(job.status('Running')).toBeVisible();
    await expect.poll(() => job.finished(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(job.root).toContainText(/left/);
    await job.cancelButton.click();
    await expect(job.status('Cancelled')).toBeVisible();
    await expect(job.root).toContainText(/Cancelled with \d+ of 20 items unfinished/);
    expect(await job.finished()).toBeLessThan(20);

    app.fake.clearFaults();
    await job.resumeButton.click();
    await expect(job.status('Succeeded')).toBeVisible({ timeout: 30_000 });
    await expect(job.progress).toHaveAttribute('aria-valuenow', '20');
    await expect(shell.jobsButton).toHaveAccessibleName('Jobs: none running');
    await jobs.close();
  });

  await test.step('the call ledger lists every call with totals', async () => {
    const calls = new CallsPage(page);
    await calls.goto();
    await expect(calls.table).toBeVisible();
    expect(await calls.total('Calls')).toBeGreaterThanOrEqual(32);
    await expect(calls.rows.first()).toContainText('Speed tests');
    await expect(calls.rows.first()).toContainText('gpt-4o-mini');
    expect(await calls.total('Tokens out')).toBeGreaterThan(0);
    await keyNeverShown();
  });
});
