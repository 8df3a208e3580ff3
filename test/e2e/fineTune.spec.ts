import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import { expect, test } from './fixtures';
import { AppShellPage, choose, openSampleProject } from './pages/AppShellPage';
import { FineTunePage } from './pages/FineTunePage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { callApi } from './support/scriptFake';

const esconv = resolve('../shared/data/esconv/FailedESConv.json');
const SNAPSHOT = 'gpt-4o-mini-2024-07-18';
/** Set HDS_SCREENSHOTS to a folder to also save pictures of the Fine-tune area. */
const shotsDir = process.env.HDS_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled', fullPage: true });
};

async function settled(page: Page, id: string): Promise<{ status: string }> {
  await expect
    .poll(async () => (await callApi<{ status: string }>(page, 'jobs.get', { id })).status, { timeout: 60_000 })
    .not.toMatch(/^(queued|running)$/);
  return callApi(page, 'jobs.get', { id });
}

/** 196 real ESConv dialogues, approved, and a frozen real-only version of 30: set up through the app's own API. */
async function frozenVersion(page: Page): Promise<{ version: number; examples: number }> {
  const job = await callApi<{ id: string }>(page, 'imports.start', { paths: [esconv] });
  expect((await settled(page, job.id)).status).toBe('succeeded');
  const ids = await callApi<string[]>(page, 'sessions.ids', {});
  expect(ids).toHaveLength(196);
  await callApi(page, 'sessions.bulkUpdate', { ids, status: 'approved' });
  const dataset = await callApi<{ id: string }>(page, 'datasets.create', {
    name: 'ESConv real',
    spec: { ...defaultDatasetSpec, mix: 'real-only', total: 30 },
  });
  return callApi(page, 'datasets.freeze', { id: dataset.id });
}

test('train on a frozen version at OpenAI, follow the loss, meet a refusal, and register a model of your own', async ({ page, app }) => {
  test.setTimeout(180_000);
  const shell = new AppShellPage(page);
  const fineTune = new FineTunePage(page);

  await test.step('a new project: the Fine-tune area says what to do first', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Fine-tune study');
    await expect(shell.projectButton).toContainText('Fine-tune study');
    await fineTune.goto();
    await expect(page.getByText('No frozen dataset version yet')).toBeVisible();
    await expect(page.getByText('No training runs yet')).toBeVisible();
    await expect(page.getByText('No provider yet')).toBeVisible();
    await expect(page.getByText('No trained or registered models yet')).toBeVisible();
  });

  await test.step('the fake server as an OpenAI provider', async () => {
    const providers = new ProvidersPage(page);
    await providers.goto();
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    const dialog = providers.addDialog;
    await choose(page, dialog, 'Kind of provider', /^OpenAI$/);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Fake OpenAI');
    await dialog.getByRole('textbox', { name: 'Base URL' }).fill(app.fake.url);
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await expect(dialog).toBeHidden();
    await providers.card('Fake OpenAI').setKey(app.apiKey);
  });

  const frozen = await test.step('an approved library and a frozen version, through the API', () => frozenVersion(page));
  expect(frozen).toMatchObject({ version: 1, examples: 30 });
  const versionOption = /^ESConv real v1 · 30 examples · hash [0-9a-f]{7}…$/;

  await test.step('an alias is refused with the reason; a dated snapshot passes the check with its cost', async () => {
    await fineTune.goto();
    await fineTune.fillRun({ version: versionOption, trainer: 'OpenAI', provider: 'Fake OpenAI', baseModel: 'gpt-4o-mini' });
    await expect(fineTune.form).toContainText(`“gpt-4o-mini” is an alias, and OpenAI fine-tunes dated snapshots only: use ${SNAPSHOT}.`);
    await expect(fineTune.checkButton).toBeDisabled();
    await fineTune.baseModel.fill(SNAPSHOT);
    await expect(fineTune.startButton).toBeDisabled();
    await fineTune.checkButton.click();
    await expect(fineTune.checkResult).toContainText('The version passes the format checks');
    await expect(fineTune.checkResult).toContainText(/30 examples · 0 errors · \d+ warnings?/);
    await expect(fineTune.checkResult).toContainText(
      /Training cost: about \$\d+\.\d+ for [\d,]+ trained tokens \(3 epochs of gpt-4o-mini-2024-07-18\)/,
    );
    await expect(fineTune.checkResult).toContainText(/training tokens × 3 epochs × \$3 per million \(gpt-4o-mini training price\)/);
    await expect(fineTune.startButton).toBeEnabled();
    await shot(page, 'finetune-check');
  });

  let modelId = '';
  await test.step('the run starts, trains and succeeds; the monitor shows the loss, events, checkpoints and the model', async () => {
    await fineTune.start();
    await expect(page).toHaveURL(/#\/finetune\/[\w-]+$/);
    await expect(fineTune.monitor.getByRole('heading', { name: `${SNAPSHOT} on ESConv real v1` })).toBeFocused();
    await expect(fineTune.status).toHaveText('Succeeded', { timeout: 60_000 });
    await expect(fineTune.fact('Elapsed')).toHaveText(/^\d+ s$/);
    await expect(fineTune.fact('Trained tokens')).toHaveText(/^[\d,]+$/);
    await expect(fineTune.fact('Cost')).toHaveText(/^\$\d+\.\d+$/);
    await expect(fineTune.fact('Provider job id')).toContainText(/ftjob-/);
    const model = fineTune.monitor.getByRole('region', { name: 'Fine-tuned model' });
    await expect(model).toContainText(new RegExp(`ft:${SNAPSHOT}:fake-org:custom:\\w+`));
    modelId = (await model.innerText()).match(/ft:\S+/)?.[0] ?? '';
    expect(modelId).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:custom:\w+$/);
    await expect(model.getByRole('link', { name: 'Settings › Models' })).toHaveAttribute('href', '#/settings/models');
    await expect(model.getByRole('button', { name: 'Copy the model id' })).toBeVisible();

    await expect(fineTune.lossChart).toHaveAttribute(
      'aria-label',
      /^Loss over \d+ steps: training loss from \d\.\d{3} at step 1 to \d\.\d{3} at step \d+; validation loss from/,
    );
    const steps = Number((await fineTune.lossChart.getAttribute('aria-label'))!.match(/over (\d+) steps/)![1]);
    expect(steps).toBeGreaterThan(5);
    await fineTune.monitor.getByText('Show the loss points as a table').click();
    await expect(fineTune.monitor.getByRole('table', { name: 'Loss by step' }).getByRole('row')).toHaveCount(steps + 1);
    const download = page.waitForEvent('download');
    await fineTune.monitor.getByRole('button', { name: 'Save chart as PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^loss-ft_gpt-4o-mini-2024-07-18_fake-org_custom_\w+\.png$/);
    const png = readFileSync(await file.path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);

    await expect(fineTune.events).toContainText('The job has successfully completed');
    await expect(fineTune.events).toContainText(/Uploaded \d+ examples and started ftjob-/);
    // OpenAI keeps a checkpoint for each of the last three epochs: three rows under the header.
    await expect(fineTune.monitor.getByRole('table', { name: 'Checkpoints' }).getByRole('row')).toHaveCount(4);
    await expect(fineTune.monitor.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
    await expect(fineTune.runs.getByRole('row')).toHaveCount(2);
    await expect(fineTune.runs.getByRole('row').nth(1)).toContainText('Succeeded');
    await shot(page, 'finetune-succeeded');
  });

  await test.step('OpenAI refuses a second run: the error is said plainly, with the other routes', async () => {
    await fineTune.form.getByRole('textbox', { name: 'Suffix (optional)' }).fill('refuse');
    await expect(fineTune.startButton).toBeEnabled();
    await fineTune.start();
    await expect(fineTune.status).toHaveText('Failed', { timeout: 30_000 });
    const alert = fineTune.monitor.getByRole('alert');
    await expect(alert).toContainText('OpenAI would not start this fine-tune');
    await expect(alert).toContainText('OpenAI no longer accepts new fine-tuning jobs for this account.');
    await expect(alert).toContainText('not allowed to create new fine-tuning jobs');
    const routes = alert.getByRole('list', { name: 'Other ways to train' });
    await expect(routes.getByRole('link', { name: 'Settings › Providers' })).toHaveAttribute('href', '#/settings/providers');
    await expect(routes.getByRole('link', { name: 'Datasets' })).toHaveAttribute('href', '#/datasets');
    await expect(fineTune.runs.getByRole('row')).toHaveCount(3);
    await expect(fineTune.runs.getByRole('row').nth(1)).toContainText('Failed');
    await expect(fineTune.runs.getByRole('row').nth(2)).toContainText('Succeeded');
    await shot(page, 'finetune-refused');
    await routes.getByRole('button', { name: 'register it below' }).click();
    await expect(fineTune.registerForm.getByRole('textbox', { name: 'Model id' })).toBeFocused();
  });

  await test.step('a model trained elsewhere is registered with its lineage, next to the fine-tuned one', async () => {
    await fineTune.register({
      provider: 'Fake OpenAI',
      id: 'esconv-lora-8b',
      displayName: 'ESConv LoRA (Unsloth)',
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      version: versionOption,
      notes: 'Unsloth, rank 16, 2 epochs',
    });
    await expect(fineTune.registerForm.getByRole('status')).toHaveText('Registered esconv-lora-8b.');
    const own = fineTune.models.getByRole('row').filter({ hasText: 'esconv-lora-8b' });
    await expect(own).toContainText('ESConv LoRA (Unsloth)');
    await expect(own).toContainText('registered');
    await expect(own).toContainText(/from meta-llama\/Llama-3\.1-8B-Instruct on ESConv real v1 \(hash [0-9a-f]{7}…\)/);
    await expect(own).toContainText('Unsloth, rank 16, 2 epochs');
    const trained = fineTune.models.getByRole('row').filter({ hasText: modelId });
    await expect(trained).toContainText('fine-tuned');
    await expect(trained).toContainText(`from ${SNAPSHOT} on ESConv real v1`);
    await trained.getByRole('link', { name: 'Open its training run' }).click();
    await expect(fineTune.status).toHaveText('Succeeded');
    await shot(page, 'finetune-byo');
  });

  await openSampleProject(page);
});
