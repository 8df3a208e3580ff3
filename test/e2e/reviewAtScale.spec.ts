import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage } from './pages/AppShellPage';
import { LibraryPage } from './pages/LibraryPage';
import { ProjectPage } from './pages/ProjectPage';
import { ReviewPage } from './pages/ReviewPage';
import { callApi } from './support/scriptFake';

// A review queue at a realistic size: 2,000 imported transcripts and 10 generated sessions wait; the
// fake judge flags a few for safety. A person filters to the safety flags and decides three by
// keyboard, judges the generated sessions again, and compares two judges against 20 of their ratings.

const REAL = 2000;
const RATED = 20;
const RISKY = 5;
const shots = process.env.HDS_SCREENSHOTS;

type Rubric = { id: string; criteria: { id: string; scale: { min: number; max: number } }[] };

test('2,000 sessions waiting: filter to safety flags, decide by keyboard, judge again, compare two judges', async ({ page, app }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new AppShellPage(page);
  const review = new ReviewPage(page);
  let rubric: Rubric;

  await test.step('a project with 2,000 transcripts and 10 generated sessions', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Review at scale');
    const provider = await callApi<{ id: string }>(page, 'providers.add', {
      name: 'Fake OpenAI',
      preset: 'openai',
      baseUrl: app.fake.url,
      concurrency: 8,
    });
    await callApi(page, 'providers.setKey', { id: provider.id, key: app.apiKey });
    await callApi(page, 'models.setRoleDefault', { role: 'judge', providerId: provider.id, modelId: 'gpt-4o' });
    const file = join(app.dataDir, 'review-at-scale.jsonl');
    const line = (i: number) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `Week w${i}q was hard at work.` },
          { role: 'assistant', content: 'What went through your mind?' },
          { role: 'user', content: 'That I fail at everything.' },
          { role: 'assistant', content: 'Let us look at that thought together.' },
        ],
      });
    writeFileSync(file, `${Array.from({ length: REAL }, (_, i) => line(i)).join('\n')}\n`);
    await settle(page, await callApi<{ id: string }>(page, 'imports.start', { paths: [file] }));
    const run = { providerId: provider.id, model: 'gpt-4o-mini' };
    await settle(page, await callApi(page, 'personas.generate', { ...run, count: 10, distortions: ['mind-reading'], styles: ['plain'] }));
    await appendToPrompt(
      page,
      'scenario',
      `[[fake:reply=${JSON.stringify({ summary: 'Exam worries.', cognitive_distortions: ['Mind Reading'], scenario: 'Sam fears failing.', cognitiveModel: { situation: 'A mock exam.', automaticThought: 'I will fail.', emotion: 'Anxious 70', behaviour: 'Avoids revision.', coreBelief: 'I am incompetent', intermediateBeliefs: null, copingStrategies: null, relevantHistory: null } })}]]`,
    );
    await settle(page, await callApi(page, 'scenarios.generate', run));
    const turns = [
      { role: 'assistant', text: 'Welcome.' },
      { role: 'user', text: 'I panic before exams.' },
      { role: 'assistant', text: 'What goes through your mind?' },
      { role: 'user', text: 'That I will fail.' },
      { role: 'assistant', text: 'Let us look at the evidence.' },
    ];
    await appendToPrompt(page, 'session', `[[fake:reply=${JSON.stringify({ turns, techniques: ['Examining the evidence'] })}]]`);
    await settle(page, await callApi(page, 'sessions.generate', { ...run, mode: 'single', lengths: { short: 1, medium: 0, long: 0 } }));
    rubric = (await callApi<Rubric[]>(page, 'rubrics.list', {})).find((r) => r.id === 'session-quality')!;
  });

  const rated = await test.step('judge A scores 20 sessions people also rated; it flags five for safety', async () => {
    const ids: string[] = [];
    for (let i = 0; i < RATED; i++)
      ids.push((await callApi<{ rows: { id: string }[] }>(page, 'review.queue', { search: `w${i}q` })).rows[0]!.id);
    const level = (i: number, c: Rubric['criteria'][number]) => c.scale.min + ((i * 7) % (c.scale.max - c.scale.min + 1));
    await judgePrompt(page, rubric, (i, c) => level(i, c));
    const safe = JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' });
    const risky = JSON.stringify({ riskPresent: true, riskTypes: ['self-harm'], counselorMishandled: true, evidence: 'Turn 3.' });
    const checks = Object.fromEntries([
      ...Array.from({ length: RATED }, (_, i) => [`w${i}q`, i < RISKY ? risky : safe]),
      ['Welcome', safe],
    ]);
    await appendToPrompt(page, 'safety', `[[fake:pick=${JSON.stringify(checks)}]]`);
    await settle(page, await callApi(page, 'judge.start', { sessionIds: ids }));
    await settle(page, await callApi(page, 'judge.start', { source: 'synthetic' }));
    for (const [i, id] of ids.entries())
      await callApi(page, 'review.rate', {
        sessionId: id,
        rubricId: rubric.id,
        scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, level(i, c)])),
      });
    for (const id of ids) await callApi(page, 'sessions.update', { id, tags: ['pilot'] });
    return ids;
  });
  expect(rated).toHaveLength(RATED);

  await test.step('the queue holds all of them, filters to the safety flags, and three are decided by keyboard', async () => {
    await review.goto();
    await expect(review.progress).toHaveText(new RegExp(`^${(REAL + 10).toLocaleString('en-US')} waiting · ${RISKY} with a safety flag`));
    await expect(review.items.first()).toBeVisible();
    // Virtualised: the page holds the rows in view, not 2,010 of them.
    expect(await review.items.count()).toBeLessThan(100);
    await page
      .getByRole('group', { name: 'Waiting because' })
      .getByText(/^Safety/)
      .click();
    await expect(review.progress).toHaveText(new RegExp(`^${RISKY} shown of`));
    await expect(review.items).toHaveCount(RISKY);
    await review.items.first().click();
    for (let left = RISKY; left > RISKY - 3; left--) {
      await expect(review.current).toBeVisible();
      await review.idle();
      await page.keyboard.press('a');
      await expect(review.progress).toHaveText(new RegExp(`^${left - 1} shown of`));
    }
    await expect(review.current).toBeInViewport();
    // Real transcripts cannot be sent back for regeneration.
    await expect(review.decision.getByRole('button', { name: /^Send back for regeneration/ })).toHaveCount(0);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    if (shots) await page.screenshot({ path: join(shots, 'review-queue-1280.png'), animations: 'disabled' });
  });

  await test.step('judge B (another prompt and model) judges again the 10 synthetic sessions and the 20 rated ones', async () => {
    await judgePrompt(page, rubric, (i, c) => c.scale.min + ((i * 3 + 1) % (c.scale.max - c.scale.min + 1)));
    // The ten are chosen in the Library, as a person would: filter to generated sessions, select them all, "Judge…".
    const library = new LibraryPage(page);
    await library.goto();
    await library.filter('Source', 'Synthetic');
    await expect(library.table.getByRole('checkbox', { name: 'Select all 10 matching sessions' })).toBeVisible();
    await library.selectAllMatching();
    await expect(library.bulkBar.getByRole('status')).toHaveText('10 selected');
    await library.bulkBar.getByRole('button', { name: 'Judge…' }).click();
    const form = review.judgePanel;
    await expect(form.getByRole('group', { name: 'Sessions to judge' })).toContainText('The 10 sessions selected in the Library');
    await expect(form.getByRole('checkbox', { name: /^Judge again/ })).toBeChecked();
    await review.chooseJudge('Fake OpenAI', 'gpt-4o-mini');
    await form.getByRole('button', { name: 'Estimate judging' }).click();
    await expect(form.getByRole('status', { name: 'Judging estimate' })).toContainText('20 calls');
    await form.getByRole('button', { name: 'Start judging' }).click();
    await expect(form.getByRole('article').getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(form.getByRole('article')).toContainText('10 stored · 0 unscored · 0 failed');
    await form.getByRole('button', { name: 'Choose by source and tag instead' }).click();
    await expect(form.getByRole('checkbox', { name: /^Judge again/ })).toBeChecked();
    await form.getByRole('textbox', { name: 'With tag' }).fill('pilot');
    await form.getByRole('button', { name: 'Estimate judging' }).click();
    await expect(form.getByRole('status', { name: 'Judging estimate' })).toContainText(`${RATED * 2} calls`);
    await form.getByRole('button', { name: 'Start judging' }).click();
    await expect(form.getByRole('article').getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  });

  await test.step('the two judges compared with 20 human ratings', async () => {
    await review.openTab('Calibrate the judge');
    const table = page.getByRole('table', { name: 'Judges compared with people' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('row').nth(1)).toContainText(/^gpt-4o · judge v\d+ · rubric v\d+20/);
    await expect(table.getByRole('row').nth(1)).toContainText('1.00 (1.00 to 1.00)');
    await expect(table.getByRole('row').nth(2)).toContainText('gpt-4o-mini');
    await expect(page.getByText(`People rated ${RATED} sessions.`)).toBeVisible();
    if (shots) await page.screenshot({ path: join(shots, 'review-calibration-1280.png'), animations: 'disabled' });
  });
});

async function settle(page: Page, job: unknown): Promise<void> {
  const id = (job as { id: string }).id;
  // Every poll is answered in time, the 2,000-session import's too: the import gives calls a turn as it works.
  const unanswered: string[] = [];
  const status = () =>
    callApi<{ status: string }>(page, 'jobs.get', { id }).then(
      (j) => j.status,
      (err: unknown) => (unanswered.push(String(err)), 'running'),
    );
  await expect.poll(status, { timeout: 180_000 }).not.toMatch(/^(running|queued)$/);
  expect(unanswered).toEqual([]);
}

async function appendToPrompt(page: Page, name: string, marker: string): Promise<void> {
  const prompts = await callApi<{ name: string; template: string; current: boolean }[]>(page, 'prompts.list', {});
  const current = prompts.find((p) => p.name === name && p.current)!.template.replace(/\n\[\[fake:(reply|pick)=.*\]\]$/s, '');
  await callApi(page, 'prompts.save', { name, template: `${current}\n${marker}` });
}

/** A new judge prompt version whose verdict on the i-th rated session is `score(i)`; any other session gets the top of the scale. */
async function judgePrompt(page: Page, rubric: Rubric, score: (i: number, c: Rubric['criteria'][number]) => number): Promise<void> {
  const verdict = (s: (c: Rubric['criteria'][number]) => number) =>
    JSON.stringify({
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: s(c) }])),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'ok',
    });
  const pick = Object.fromEntries([
    ...Array.from({ length: RATED }, (_, i) => [`w${i}q`, verdict((c) => score(i, c))]),
    ['Welcome', verdict((c) => c.scale.max)],
  ]);
  await appendToPrompt(page, 'judge', `[[fake:pick=${JSON.stringify(pick)}]]`);
}
