import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { ProjectPage } from './pages/ProjectPage';
import { callApi } from './support/scriptFake';

interface Job {
  id: string;
  title: string;
  status: string;
  failed: number;
}

test('Resume after the prompt changed asks which version the rest uses, naming both', async ({ page, app }) => {
  const shell = new AppShellPage(page);
  await shell.projectMenu('New project…');
  await new ProjectPage(page).create('Resume study');
  await expect(shell.projectButton).toContainText('Resume study');

  // A persona job with failed items (server errors, no retries), then an edit of the persona prompt.
  const provider = await callApi<{ id: string }>(page, 'providers.add', { name: 'Fake', preset: 'custom', baseUrl: app.fake.url });
  await callApi(page, 'providers.setKey', { id: provider.id, key: app.apiKey });
  await callApi(page, 'providers.update', { id: provider.id, maxRetries: 0 });
  app.fake.addFault({ route: 'chat', kind: 'status500', every: 2 });
  const started = await callApi<Job>(page, 'personas.generate', {
    providerId: provider.id,
    model: 'gpt-4o-mini',
    count: 4,
    distortions: ['mind-reading'],
    styles: ['plain'],
  });
  await expect
    .poll(async () => (await callApi<Job>(page, 'jobs.get', { id: started.id })).status, { timeout: 30_000 })
    .toMatch(/problems|failed/);
  app.fake.clearFaults();
  const prompts = await callApi<{ name: string; template: string; current: boolean }[]>(page, 'prompts.list', {});
  const persona = prompts.find((p) => p.name === 'persona' && p.current)!;
  await callApi(page, 'prompts.save', { name: 'persona', template: `${persona.template}\nName one hobby.` });

  const jobs = await shell.openJobs();
  const card = jobs.job(started.title);
  await card.resumeButton.click();
  const dialog = page.getByRole('dialog', { name: 'The prompt changed since this job started' });
  await expect(dialog).toContainText('The persona prompt was version 1 when');
  await expect(dialog).toContainText('it is version 2 now');
  await expect(dialog.getByRole('button', { name: 'Resume with v1 (as started)' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Resume with v2 (new)' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.status('Succeeded')).toBeVisible({ timeout: 30_000 });
  expect(await callApi(page, 'jobs.promptChanges', { id: started.id })).toEqual([]);
});
