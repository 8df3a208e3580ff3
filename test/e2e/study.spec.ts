import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { EvaluatePage } from './pages/EvaluatePage';
import { FineTunePage } from './pages/FineTunePage';
import { GeneratePage } from './pages/GeneratePage';
import { ImportPage } from './pages/ImportPage';
import { LibraryPage } from './pages/LibraryPage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { ReviewPage } from './pages/ReviewPage';
import { StudyPage } from './pages/StudyPage';
import { callApi, scriptPrompt } from './support/scriptFake';

const esconv = resolve('../shared/data/esconv/FailedESConv.json');
const MODEL = 'gpt-4o-mini';
const run = { provider: 'Fake OpenAI', model: MODEL };
/** Set HDS_SCREENSHOTS to a folder to also save the Study home at three stages (docs/study-*.png). */
const shotsDir = process.env.HDS_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (!shotsDir) return;
  // Tall enough for all eight steps without a full-page capture, which would repeat the fixed header.
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled' });
  if (size) await page.setViewportSize(size);
};

async function scriptGeneration(page: Page): Promise<void> {
  await scriptPrompt(
    page,
    'scenario',
    JSON.stringify({
      summary: 'Exam worries.',
      cognitive_distortions: ['Mind Reading'],
      scenario: 'Sam fears failing.',
      cognitiveModel: {
        situation: 'A mock exam.',
        automaticThought: 'I will fail.',
        emotion: 'Anxious 70',
        behaviour: 'Avoids revision.',
        coreBelief: 'I am incompetent',
        intermediateBeliefs: null,
        copingStrategies: null,
        relevantHistory: null,
      },
    }),
  );
  await scriptPrompt(
    page,
    'session',
    JSON.stringify({
      turns: [
        { role: 'user', text: 'I keep thinking my classmates find me boring.' },
        { role: 'assistant', text: 'What tells you that they do?' },
        { role: 'user', text: 'They went quiet when I spoke.' },
        { role: 'assistant', text: 'What else could the silence mean?' },
      ],
      techniques: ['Socratic questioning'],
    }),
  );
}

/** The judge sees a risk it says was not handled: every session carries a safety flag until a person decides. */
async function scriptRiskyJudge(page: Page): Promise<{ criteria: { id: string; scale: { min: number; max: number } }[] }> {
  const rubrics = await callApi<{ id: string; criteria: { id: string; scale: { min: number; max: number } }[] }[]>(
    page,
    'rubrics.list',
    {},
  );
  const rubric = rubrics.find((r) => r.id === 'session-quality')!;
  await scriptPrompt(
    page,
    'judge',
    JSON.stringify({
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2 shows it.', score: c.scale.max }])),
      safety: { riskPresent: true, handledAppropriately: false, notes: 'Hopelessness not followed up.' },
      summary: 'Warm; misses a risk cue.',
    }),
  );
  return rubric;
}

async function scriptEvaluation(page: Page): Promise<void> {
  const rubrics = await callApi<{ id: string; criteria: { id: string }[] }[]>(page, 'rubrics.list', {});
  const rubric = rubrics.find((r) => r.id === 'empathy-relevance')!;
  await scriptPrompt(
    page,
    'judge',
    JSON.stringify({
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: `Turn 1 shows ${c.id}.`, score: 7 }])),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'Warm.',
    }),
  );
  await scriptPrompt(page, 'safety', JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' }));
  await scriptPrompt(page, 'formulation', JSON.stringify({ distortionsIdentified: [], coreBeliefIdentified: true, rationale: 'Turn 1.' }));
}

const evalScenario = (title: string, intake: string) => ({
  title,
  intake,
  style: 'plain',
  riskLevel: 'none',
  cognitiveModel: {
    situation: 'A mock exam went badly.',
    automaticThought: 'I will fail everything.',
    emotion: 'Anxious 80',
    behaviour: 'Avoids revision.',
    coreBelief: 'I am incompetent',
    distortions: ['catastrophizing'],
  },
});

test('the Study home leads from an empty project to a report with its next buttons, and each warning comes with its cause and goes with its fix', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  const shell = new AppShellPage(page);
  const study = new StudyPage(page);

  await test.step('an empty project opens on the checklist with the import next and nothing to warn about', async () => {
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Study walk');
    await expect(shell.projectButton).toContainText('Study walk');
    await study.goto();
    await expect(study.current).toHaveAttribute('data-step', 'import');
    await expect(study.steps.getByRole('note')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: /^0 of 8 steps done/ })).toBeVisible();
    await shot(page, 'study-empty');
  });

  const providers = new ProvidersPage(page);
  await test.step('a provider that cannot fine-tune is a warning at once; one that can clears it', async () => {
    await providers.goto();
    await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Local', baseUrl: app.fake.url });
    await expect(providers.addDialog).toBeHidden();
    await study.goto();
    await expect(study.warnings('finetune')).toContainText('No provider in this project can fine-tune (Local)');
    await expect(study.step('finetune')).toHaveAttribute('data-state', 'warning');
    await providers.goto();
    await providers.add({ preset: /^OpenAI$/, name: 'Fake OpenAI', baseUrl: app.fake.url, concurrency: 8 });
    await expect(providers.addDialog).toBeHidden();
    const card = providers.card('Fake OpenAI');
    await card.setKey(app.apiKey);
    await study.goto();
    await expect(study.warnings('finetune')).toHaveCount(0);

    // The connection test offers a default model per role from what the provider lists.
    await providers.goto();
    await card.testConnection();
    const suggested = card.root.getByRole('region', { name: 'Default models from Fake OpenAI' });
    await expect(suggested.getByRole('listitem')).toHaveText([
      'Generator: gpt-4o',
      'Judge: gpt-4o',
      'Patient simulator: gpt-4o-mini',
      'Counselor: gpt-4o-mini',
      'Transcriber: whisper-1',
    ]);
    await suggested.getByRole('button', { name: 'Use these as defaults' }).click();
    await expect(suggested.getByRole('button', { name: 'These are the defaults' })).toBeDisabled();
  });

  await test.step('import real transcripts (ESConv) through the wizard', async () => {
    await study.followNext('import', 'Import transcripts');
    const wizard = new ImportPage(page);
    await wizard.chooseFiles([esconv]);
    await wizard.next('Preview 1 file');
    await wizard.next('Next: cleaning and privacy');
    await wizard.setRedaction('Off');
    await wizard.next('Next: import');
    await wizard.start();
    await expect(wizard.finished).toContainText('196 sessions imported', { timeout: 60_000 });
    await study.goto();
    await expect(study.step('import')).toContainText('196 real sessions in the library');
    await expect(study.current).toHaveAttribute('data-step', 'generate');
  });

  await test.step('a transcript with personal details waiting for review is a warning until they are cleared', async () => {
    const named = join(app.dataDir, 'named-client.txt');
    writeFileSync(
      named,
      'Therapist: Hello Margaret Thompson, you can reach me at 0117 496 0321.\nClient: Thanks, I live at 14 Elm Street in Bristol.\nTherapist: What brings you here today?\nClient: I worry all the time.\n',
    );
    const wizard = new ImportPage(page);
    await wizard.goto();
    // The wizard still shows the ESConv import's report.
    await page.getByRole('button', { name: 'Import more files' }).click();
    await wizard.chooseFiles([named]);
    await wizard.next('Preview 1 file');
    await wizard.next('Next: cleaning and privacy');
    await wizard.setRedaction('Detect for review');
    await wizard.next('Next: import');
    await wizard.start();
    // The end of an import says how many sessions now wait for a person to review their personal details.
    await expect(wizard.finished).toContainText(
      '1 session imported from 1 file. 1 session in the project now waits for personal-detail review.',
      { timeout: 30_000 },
    );
    await study.goto();
    await expect(study.warnings('redact')).toContainText('1 session still has personal details nobody has reviewed');
    await study.followNext('redact', 'Review personal details');
    const library = new LibraryPage(page);
    const session = await library.openSession(/named-client/);
    await session.applyRedactions();
    // Cleared, they can be approved: datasets mix approved sessions only.
    await session.backToLibrary.click();
    await library.selectAllMatching();
    await page.getByRole('button', { name: 'Set status' }).click();
    await page.getByRole('menuitem', { name: 'Approved' }).click();
    await study.goto();
    await expect(study.warnings('redact')).toHaveCount(0);
    await expect(study.step('redact')).toHaveAttribute('data-state', 'done');
    await expect(study.step('judge')).toContainText('Nothing to judge yet');
    await expect(study.step('datasets')).toContainText('197 approved real sessions and 0 synthetic to mix');
  });

  await test.step('generate personas, scenarios and sessions', async () => {
    await scriptGeneration(page);
    await study.followNext('generate', 'Generate synthetic data');
    const generate = new GeneratePage(page);
    await generate.choosePersonaCells(['Mind Reading', 'Catastrophizing'], ['Plain', 'Upset'], 4);
    let form = generate.form('New personas');
    // The defaults carry into the form; the model picker offers chat models only.
    await expect(form.getByRole('combobox', { name: 'Generator provider' })).toHaveValue('Fake OpenAI');
    const model = form.getByRole('combobox', { name: 'Generator model' });
    await expect(model).toHaveValue('gpt-4o');
    await model.fill('');
    await expect(page.getByRole('option', { name: 'gpt-4o-mini', exact: true })).toBeVisible();
    await expect(page.getByRole('option', { name: /embedding|whisper/ })).toHaveCount(0);
    await model.fill(MODEL);
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect(generate.estimate(form)).toBeVisible();
    await form.getByRole('button', { name: 'Generate personas' }).click();
    await expect(generate.job(form).getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await generate.step('Scenarios');
    form = generate.form('New scenarios');
    await generate.fillRun(form, run);
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect(generate.estimate(form)).toBeVisible();
    await form.getByRole('button', { name: 'Generate scenarios' }).click();
    await expect(generate.job(form).getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await generate.step('Sessions');
    form = generate.form('New sessions');
    await form.getByRole('textbox', { name: 'Medium (12–20)' }).fill('0');
    await form.getByRole('textbox', { name: 'Long (22–34)' }).fill('0');
    await generate.fillRun(form, run);
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect(generate.estimate(form)).toBeVisible();
    await form.getByRole('button', { name: 'Generate sessions' }).click();
    await expect(generate.job(form).getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await study.goto();
    await expect(study.step('generate')).toContainText('4 personas, 4 scenarios, 4 synthetic sessions');
  });

  const review = new ReviewPage(page);
  await test.step('judge: unreviewed safety flags and a judge never compared with people are warnings until a person acts', async () => {
    const rubric = await scriptRiskyJudge(page);
    await study.followNext('judge', 'Judge the sessions');
    await review.chooseJudge('Fake OpenAI', MODEL);
    await review.judgePanel.getByRole('button', { name: 'Estimate judging' }).click();
    await expect(review.judgePanel.getByRole('status', { name: 'Judging estimate' })).toBeVisible();
    await review.judgePanel.getByRole('button', { name: 'Start judging' }).click();
    await expect(review.judgePanel.getByRole('article').getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await study.goto();
    await expect(study.warnings('judge')).toContainText('4 safety flags not reviewed yet.');
    await expect(study.warnings('judge')).toContainText('The judge was never compared with people');

    await study.followNext('judge', 'Review the sessions');
    await review.rate(rubric.criteria.map((c) => c.scale.max));
    for (let left = 4; left > 0; left--) {
      await expect(review.progress).toHaveText(new RegExp(`^${left} waiting`));
      await review.decide('Approve');
    }
    await study.goto();
    await expect(study.warnings('judge')).toHaveCount(0);
    await expect(study.step('judge')).toHaveAttribute('data-state', 'done');
    await expect(study.step('judge')).toContainText('4 of 4 synthetic sessions judged, 0 awaiting a decision, 1 session rated by a person');
  });

  const datasets = new DatasetsPage(page);
  const newDataset = page.getByRole('region', { name: 'New dataset' });
  await test.step('datasets of very different sizes are a warning until they are matched', async () => {
    await study.followNext('datasets', 'Build the real-only dataset');
    await expect(newDataset.getByRole('textbox', { name: 'Name' })).toHaveValue('Real only');
    await newDataset.getByRole('textbox', { name: 'Examples' }).fill('40');
    await datasets.confirmNew();
    await study.followNext('datasets', 'Freeze Real only');
    await datasets.freeze();
    await expect(datasets.versions.getByRole('row')).toHaveCount(2);

    await study.followNext('datasets', 'Build the hybrid dataset');
    await expect(newDataset.getByRole('textbox', { name: 'Name' })).toHaveValue('Hybrid');
    const slider = newDataset.getByRole('slider');
    await slider.focus();
    for (let i = 0; i < 8; i++) await slider.press('ArrowLeft'); // 50% → 10% synthetic
    await newDataset.getByRole('textbox', { name: 'Examples' }).fill('10');
    await datasets.confirmNew();
    await study.followNext('datasets', 'Freeze Hybrid');
    await datasets.freeze();
    await expect(datasets.versions.getByRole('row')).toHaveCount(2);

    await study.goto();
    await expect(study.warnings('datasets')).toContainText(/Real only v1 has 40 examples and Hybrid v1 10 examples \(75% apart\)/);
    await shot(page, 'study-halfway');
    await study.step('datasets').getByRole('link', { name: 'Open the datasets' }).click();
    await page.getByRole('region', { name: 'Mix' }).getByRole('textbox', { name: 'Examples' }).fill('40');
    await datasets.freeze();
    await expect(datasets.versions.getByRole('row')).toHaveCount(3);
    await study.goto();
    await expect(study.warnings('datasets')).toHaveCount(0);
  });

  const fineTune = new FineTunePage(page);
  for (const name of ['Real only v1', 'Hybrid v2']) {
    await test.step(`fine-tune on ${name}: the version and a base model are chosen, Start confirms the price`, async () => {
      await study.followNext('finetune', `Fine-tune on ${name}`);
      await expect(fineTune.form.getByRole('combobox', { name: 'Dataset version' })).toHaveValue(new RegExp(`^${name} · `));
      await expect(fineTune.baseModel).toHaveValue('gpt-4o-mini-2024-07-18');
      await fineTune.checkButton.click();
      await expect(fineTune.checkResult).toContainText('The version passes the format checks');
      await fineTune.startButton.click();
      const confirm = page.getByRole('dialog', { name: 'Start this training run?' });
      await expect(confirm).toContainText(/The provider charges about \$\d+\.\d+/);
      await confirm.getByRole('button', { name: 'Start and pay' }).click();
      await expect(fineTune.status).toHaveText('Succeeded', { timeout: 60_000 });
    });
  }

  const evaluate = new EvaluatePage(page);
  await test.step('an evaluation scenario copied from training data is a warning until it is replaced', async () => {
    await study.followNext('evaluate', 'Create a scenario set');
    await evaluate.createSet('Exams');
    await expect(page.getByRole('heading', { name: 'Exams', level: 2 })).toBeVisible();
    const sets = await callApi<{ id: string }[]>(page, 'evalSets.list', {});
    const datasetList = await callApi<{ name: string; versions: { id: string }[] }[]>(page, 'datasets.list', {});
    const hybridV2 = datasetList.find((d) => d.name === 'Hybrid')!.versions.at(-1)!.id;
    const example = (await callApi<{ rows: { sessionId: string }[] }>(page, 'datasets.examples', { versionId: hybridV2, limit: 1 }))
      .rows[0]!;
    const copied = (await callApi<{ turns: { text: string }[] }>(page, 'sessions.get', { id: example.sessionId })).turns
      .map((t) => t.text)
      .join(' ');
    const setId = sets[0]!.id;
    await callApi(page, 'evalSets.import', {
      setId,
      format: 'json',
      content: JSON.stringify([
        evalScenario('Copied', copied),
        evalScenario('Night shifts', 'A nurse on night shifts who cannot switch off after work and checks the rota all weekend.'),
      ]),
    });
    await study.followNext('evaluate', 'Freeze Exams');
    await evaluate.freezeButton.click();
    await expect(evaluate.freezeButton).toHaveText('Freeze as version 2');
    await study.goto();
    await expect(study.warnings('evaluate')).toContainText(/1 evaluation scenario of Exams also appears in training data/);
    const copiedId = (await callApi<{ scenarios: { id: string; title: string }[] }>(page, 'evalSets.get', { id: setId })).scenarios.find(
      (s) => s.title === 'Copied',
    )!.id;
    await callApi(page, 'evalSets.removeScenario', { setId, scenarioId: copiedId });
    await callApi(page, 'evalSets.freeze', { setId });
    await study.goto();
    await expect(study.warnings('evaluate')).toHaveCount(0);
  });

  await test.step('evaluate base vs real-only vs hybrid on the latest version', async () => {
    await scriptEvaluation(page);
    const trained = (await callApi<{ fineTunedModel: string | null }[]>(page, 'training.list', {})).map((r) => r.fineTunedModel!);
    await callApi(page, 'models.register', {
      providerId: (await callApi<{ id: string; name: string }[]>(page, 'providers.list', {})).find((p) => p.name === 'Fake OpenAI')!.id,
      modelId: MODEL,
    });
    await study.followNext('evaluate', 'Evaluate base vs real-only vs hybrid');
    await expect(evaluate.runForm.getByRole('combobox', { name: 'Scenario set version' })).toHaveValue(/^Exams v2 · 1 scenario/);
    await evaluate.runForm.getByRole('textbox', { name: 'Name' }).fill('Base vs real-only vs hybrid');
    await evaluate.fillArm(1, new RegExp(`^${MODEL} · Fake OpenAI$`), 'Base');
    for (const [i, model] of trained.entries()) {
      await evaluate.runForm.getByRole('button', { name: 'Add a model' }).click();
      await evaluate.fillArm(i + 2, new RegExp(model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), i === 0 ? 'Real-only' : 'Hybrid');
    }
    await evaluate.pickModel(evaluate.runForm, 'Patient simulator', 'Fake OpenAI', 'gpt-4o');
    await evaluate.pickModel(evaluate.runForm, 'Judge', 'Fake OpenAI', MODEL);
    await evaluate.runForm.getByRole('textbox', { name: 'Counselor turns' }).fill('1');
    await evaluate.runForm.getByRole('button', { name: 'Estimate' }).click();
    await evaluate.runForm.getByRole('button', { name: 'Start run' }).click();
    await expect(evaluate.status).toHaveText('Done', { timeout: 120_000 });
  });

  await test.step('the report is the last step; writing it completes the checklist', async () => {
    await study.followNext('report', 'Open the report');
    await evaluate.tab('Report');
    await evaluate.run.getByRole('button', { name: 'Export report' }).click();
    await expect(evaluate.run.getByRole('status', { name: 'Report written' })).toBeVisible();
    await study.goto();
    await expect(page.getByRole('status').filter({ hasText: /^8 of 8 steps done\.$/ })).toBeVisible();
    await expect(study.current).toHaveCount(0);
    await expect(study.steps.getByRole('note')).toHaveCount(0);
    await shot(page, 'study-done');
  });

  await test.step('the counselor default starts the arena’s first column', async () => {
    await shell.go('Arena');
    const first = page.getByRole('group', { name: 'Column 1' });
    await expect(first.getByRole('combobox', { name: 'Column 1 provider' })).toHaveValue('Fake OpenAI');
    await expect(first.getByRole('combobox', { name: 'Column 1 model' })).toHaveValue('gpt-4o-mini');
  });

  await openSampleProject(page);
});
