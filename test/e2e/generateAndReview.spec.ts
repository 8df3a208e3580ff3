import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { CallsPage } from './pages/CallsPage';
import { GeneratePage } from './pages/GeneratePage';
import { ProjectPage } from './pages/ProjectPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { ReviewPage } from './pages/ReviewPage';
import { SessionEditorPage } from './pages/SessionEditorPage';
import { callApi, scriptJudge, scriptPrompt } from './support/scriptFake';

const MODEL = 'gpt-4o-mini';
/** Set HDS_SCREENSHOTS to a folder to also save pictures of Generate and Review (see screenshots.spec.ts). */
const shotsDir = process.env.HDS_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled', fullPage: true });
};

const scenarioReply = JSON.stringify({
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
});

async function scriptScenarios(page: Page) {
  await scriptPrompt(page, 'scenario', scenarioReply);
}

const sessionReply = JSON.stringify({
  turns: [
    { role: 'user', text: 'I keep thinking my classmates find me boring.' },
    { role: 'assistant', text: 'What tells you that they do?' },
    { role: 'user', text: 'They went quiet when I spoke.' },
    { role: 'assistant', text: 'What else could the silence mean?' },
  ],
  techniques: ['Socratic questioning'],
});

/** Random turns from the fake can lack a counselor line and fail the checks; a fixed answer keeps the counts exact. */
async function scriptSessions(page: Page) {
  await scriptPrompt(page, 'session', sessionReply);
}

test('generate personas, scenarios and sessions, judge them, and decide in review', async ({ page, app }) => {
  test.setTimeout(180_000);
  const shell = new AppShellPage(page);
  const run = { provider: 'Fake', model: MODEL };

  await test.step('a new project with the fake provider', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Synthetic study');
    await expect(shell.projectButton).toContainText('Synthetic study');
    const generate = new GeneratePage(page);
    await generate.goto();
    await expect(page.getByText('Add a provider in')).toBeVisible();
    const providers = new ProvidersPage(page);
    await providers.goto();
    await providers.add({ preset: 'Other OpenAI-compatible endpoint', name: 'Fake', baseUrl: app.fake.url, concurrency: 8 });
    await expect(providers.addDialog).toBeHidden();
    await providers.card('Fake').setKey(app.apiKey);
  });

  const generate = new GeneratePage(page);
  await test.step('20 personas over 5 distortions × 4 styles fill the coverage grid', async () => {
    await generate.goto();
    await generate.choosePersonaCells(
      ['Mind Reading', 'Catastrophizing', 'Labeling', 'Fortune Telling', 'Should Statements'],
      ['Plain', 'Reserved', 'Upset', 'Verbose'],
      20,
    );
    await expect(generate.gaps()).toHaveCount(20);
    const form = generate.form('New personas');
    await generate.fillRun(form, run);
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect(generate.estimate(form)).toContainText('20 calls');
    await form.getByRole('button', { name: 'Generate personas' }).click();
    await expect(generate.job(form).getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(generate.job(form)).toContainText('20 done');
    await expect(generate.job(form)).toContainText('cost so far');
    await expect(generate.gaps()).toHaveCount(0);
    await expect(generate.coverageSummary).toHaveText('Every one of the 20 cells has a persona.');
    await expect(generate.personaList.getByRole('heading', { name: 'Personas (20)' })).toBeVisible();
    await shot(page, 'generate-personas');
  });

  await test.step('scenarios for every persona', async () => {
    await scriptScenarios(page);
    await generate.step('Scenarios');
    const form = generate.form('New scenarios');
    await generate.fillRun(form, run);
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect(generate.estimate(form)).toContainText('20 calls');
    await form.getByRole('button', { name: 'Generate scenarios' }).click();
    await expect(generate.job(form).getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(generate.job(form)).toContainText('cost so far');
    await expect(generate.scenarioList.getByRole('listitem')).toHaveCount(20);
    await expect(generate.scenarioList.getByRole('listitem').first()).toContainText('Mind Reading');
  });

  let sessions = 0;
  await test.step('one short session per scenario', async () => {
    await scriptSessions(page);
    await generate.step('Sessions');
    const form = generate.form('New sessions');
    await form.getByRole('textbox', { name: 'Medium (12–20)' }).fill('0');
    await form.getByRole('textbox', { name: 'Long (22–34)' }).fill('0');
    await generate.fillRun(form, run);
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect(generate.estimate(form)).toContainText('20 calls');
    await form.getByRole('button', { name: 'Generate sessions' }).click();
    await expect(generate.job(form).getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 90_000 });
    sessions = Number((await generate.job(form).innerText()).match(/(\d+) done/)?.[1]);
    expect(sessions).toBe(20);
    await expect(generate.job(form)).toContainText('cost so far');
    await expect(form.getByRole('link', { name: 'Library' })).toBeVisible();
  });

  const review = new ReviewPage(page);
  await test.step('judge every session', async () => {
    await scriptJudge(page);
    await review.goto();
    await review.chooseJudge('Fake', MODEL);
    await review.judgePanel.getByRole('button', { name: 'Estimate judging' }).click();
    await expect(review.judgePanel.getByRole('status', { name: 'Judging estimate' })).toContainText(`${sessions * 2} calls`);
    await review.judgePanel.getByRole('button', { name: 'Start judging' }).click();
    const job = review.judgePanel.getByRole('article');
    await expect(job.getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 90_000 });
    await expect(job).toContainText('cost so far');
    await review.openTab('Queue');
    await expect(review.rationales.getByRole('table', { name: 'Scores and rationales' }).first()).toContainText('Turn 2 shows it.');
    await shot(page, 'review-selected');
  });

  await test.step('edit one in place, beside its scenario, then approve it', async () => {
    await expect(review.progress).toHaveText(new RegExp(`^${sessions} waiting`));
    const scenario = page.getByRole('region', { name: 'Scenario' });
    await expect(scenario).toContainText('Exam worries.');
    await expect(scenario.getByRole('table', { name: 'Hidden cognitive model' })).toContainText('I will fail.');
    await page.keyboard.press('e');
    const editor = new SessionEditorPage(page);
    await expect(page.getByRole('region', { name: 'Edit the session' })).toBeVisible();
    // Letters typed while editing belong to the editor, not to the queue's shortcuts.
    await editor.editTurn(2, 'What tells you that they find you boring, and what else might it mean?');
    await expect(editor.saved).toBeVisible();
    await shot(page, 'review-editing');
    await expect(review.progress).toHaveText(new RegExp(`^${sessions} waiting`));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Edit the session' })).toBeHidden();
    await expect(page.getByRole('log', { name: 'Session' })).toContainText('what else might it mean?');
    await page.keyboard.press('a');
    await expect(review.progress).toHaveText(new RegExp(`^${sessions - 1} waiting`));
  });

  await test.step('approve one, reject one with a reason, send one back', async () => {
    await expect(review.current).toBeVisible();
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('Send back for regeneration');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('table', { name: 'Keyboard shortcuts' })).toBeHidden();
    const first = (await review.current.textContent()) ?? '';
    await page.keyboard.press('j');
    await expect(review.current).not.toHaveText(first);
    await page.keyboard.press('k');
    await expect(review.current).toHaveText(first);
    await review.decide('Approve');
    await expect(review.progress).toHaveText(new RegExp(`^${sessions - 2} waiting`));

    await review.decide('Reject');
    await expect(review.decision.getByText('Say why, in a few words.')).toBeVisible();
    await review.decide('Reject', 'The counselor lectures instead of asking.');
    await expect(review.progress).toHaveText(new RegExp(`^${sessions - 3} waiting`));

    await review.decide('Send back for regeneration', 'Too short to be useful.');
    // The session leaves the queue; its replacement, written again from the same scenario, arrives when the new job finishes.
    await expect
      .poll(async () => (await callApi<{ total: number }>(page, 'sessions.list', { source: 'synthetic' })).total, { timeout: 30_000 })
      .toBe(sessions + 1);
    await expect(review.progress).toHaveText(new RegExp(`^${sessions - 3} waiting`));
    await expect(review.current).toBeVisible();
  });

  await test.step('clear the rest of the queue with the keyboard', async () => {
    // The regenerated session is among them: written again from the same scenario.
    for (let left = await review.waiting(); left > 0; left--) {
      await review.idle();
      await page.keyboard.press('a');
      await expect(review.progress).toHaveText(new RegExp(`^${left - 1} waiting`));
    }
    await expect(page.getByText('Nothing waits for review.')).toBeVisible();
  });

  await test.step('the ledger shows what every step cost', async () => {
    const calls = new CallsPage(page);
    await calls.goto();
    await expect(calls.table).toBeVisible();
    // At least one call per persona, scenario and session, and a judgment plus a safety check per judged session.
    await expect.poll(() => calls.total('Calls')).toBeGreaterThanOrEqual(60 + sessions * 2);
    const steps = page.getByRole('table', { name: 'Cost by step' });
    await expect(steps).toBeVisible();
    await shot(page, 'calls-by-step');
    for (const [step, count] of [
      ['Personas', 20],
      ['Scenarios', 20],
      ['Sessions', 21],
      ['Judging', sessions],
      ['Safety checks', sessions],
    ] as const) {
      const row = steps.getByRole('row', { name: new RegExp(`^${step} `) });
      await expect(row.getByRole('cell').first()).toHaveText(String(count));
      await expect(row.getByRole('cell').last()).toHaveText(/^<?\$\d/);
    }
  });
});
