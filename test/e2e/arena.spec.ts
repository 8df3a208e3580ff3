import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShellPage, choose, openSampleProject } from './pages/AppShellPage';
import { ArenaPage, type Verdict } from './pages/ArenaPage';
import { ProjectPage } from './pages/ProjectPage';
import { SessionEditorPage } from './pages/SessionEditorPage';
import { callApi, scriptPrompt } from './support/scriptFake';

// Works in a project it creates and opens the sample again at the end.

/** Set HDS_SCREENSHOTS to a folder to also save pictures of the Arena. */
const shotsDir = process.env.HDS_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled', fullPage: true });
};

const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini-2024-07-18'];
/** The fake answers a last user message ending in this marker with exactly the markdown inside it. */
const MARKDOWN_REPLY = [
  '**bold** and _calm_ text with a [link](http://tracker.invalid/follow) <img src=http://tracker.invalid/y.png> <script>alert(1)</script>',
  '<img src="http://tracker.invalid/quoted.png" onerror="alert(2)"> <iframe src="http://tracker.invalid/frame"></iframe> [run](javascript:alert(3))',
  '',
  '![pixel](http://tracker.invalid/pixel.png)',
  '',
  '```',
  `const long = '${'x'.repeat(240)}';`,
  '```',
].join('\n');

test('chat with three models at once, stop one, regenerate another, save a column to the library; ten blind votes make a leaderboard that holds back intervals until a pair has ten decided votes', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  const shell = new AppShellPage(page);
  const arena = new ArenaPage(page);
  const remote: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url().includes('tracker.invalid')) remote.push(request.url());
  });

  await test.step('a new project: the Arena says what to do first', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Arena study');
    await expect(shell.projectButton).toContainText('Arena study');
    await shell.go('Arena');
    await expect(page.getByRole('heading', { name: 'Arena', level: 1 })).toBeVisible();
    await expect(page.getByText('It is not built yet')).toBeHidden();
    await expect(arena.savedChats).toContainText('No saved chat yet.');
    await expect(page.getByRole('status').filter({ hasText: 'No provider yet' })).toBeVisible();
  });

  await test.step('a provider through the API appears in the form', async () => {
    const provider = await callApi<{ id: string }>(page, 'providers.add', {
      name: 'Fake OpenAI',
      preset: 'openai',
      baseUrl: app.fake.url,
      concurrency: 8,
    });
    await callApi(page, 'providers.setKey', { id: provider.id, key: app.apiKey });
    await expect(arena.newChat).toBeVisible();
  });

  await test.step('three models side by side', async () => {
    await arena.newChat.getByRole('button', { name: 'Add a column' }).click();
    for (const [i, model] of MODELS.entries()) await arena.pickModel(`Column ${i + 1}`, 'Fake OpenAI', model);
    await arena.formColumn('Column 2').getByRole('textbox', { name: 'Temperature' }).fill('0.3');
    await shot(page, 'arena-new-chat');
    await arena.newChat.getByRole('button', { name: 'Start the chat' }).click();
    await expect(page.getByRole('heading', { name: MODELS.join(' vs '), level: 2 })).toBeVisible();
    for (const [i, model] of MODELS.entries()) await expect(arena.column(i + 1).getByRole('heading', { level: 3 })).toHaveText(model);
    await expect(arena.column(2)).toContainText('temperature 0.3');
    await expect(arena.messages(1)).toContainText('Nothing asked yet.');
    // A new chat puts the cursor in the message box.
    await expect(arena.messageBox).toBeFocused();
  });

  await test.step('one message to all three; markdown is rendered, and nothing in it runs or loads', async () => {
    await arena.send(`Please answer in markdown. [[fake:reply=${MARKDOWN_REPLY}]]`);
    for (let n = 1; n <= 3; n++) await expect(arena.status(n)).toHaveText('Answered');
    const answer = arena.answers(1).last();
    await expect(answer.locator('strong')).toHaveText('bold');
    await expect(answer.locator('em')).toHaveText('calm');
    await expect(answer.locator('pre code')).toContainText("const long = 'xxx");
    await expect(answer).toContainText('link (http://tracker.invalid/follow)');
    await expect(answer).toContainText('[image not shown: pixel (http://tracker.invalid/pixel.png)]');
    // Raw HTML is dropped; links are text; no image, script or frame reaches the page.
    await expect(arena.messages(1).locator('a')).toHaveCount(0);
    await expect(page.locator('main img, main script, main iframe')).toHaveCount(0);
    // Raw HTML is dropped, not shown; what is left between two tags is inert text.
    await expect(answer).not.toContainText('onerror');
    await expect(answer).not.toContainText('<iframe');
    // An unsafe link keeps its text and loses its address.
    await expect(answer).toContainText('run');
    await expect(answer).not.toContainText('javascript:');
    expect(dialogs).toEqual([]);
    // The long code line scrolls or wraps inside its column instead of widening it.
    const widths = await arena.messages(1).evaluate((el) => ({ log: el.clientWidth, content: el.scrollWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.log + 1);
    expect(remote).toEqual([]);
    await shot(page, 'arena-three-columns');
  });

  let stopped = 0;
  await test.step('a slow answer streams word by word and is stopped; the others finish', async () => {
    app.fake.addFault({ route: 'chat', kind: 'slow', delayMs: 500, times: 1 });
    const before = app.fake.countRequests('chat');
    await arena.send('Tell me more about that.');
    // The fast columns finish at once; the slow one is the only one left writing.
    const stopButtons = page.getByRole('button', { name: /^Stop column/ });
    await expect(stopButtons).toHaveCount(1);
    stopped = Number(/^Stop column (\d)/.exec((await stopButtons.getAttribute('aria-label')) ?? '')?.[1]);
    expect([1, 2, 3]).toContain(stopped);
    await expect(arena.status(stopped)).toHaveText('Writing…');
    await expect(page.getByRole('button', { name: 'Stop all' })).toBeVisible();
    await expect(arena.sendButton).toBeDisabled();
    // Words arrive before the answer is done.
    const live = arena.messages(stopped).locator('[aria-busy="true"]');
    await expect(live).not.toContainText('Waiting for the first words');
    await shot(page, 'arena-streaming');
    await arena
      .column(stopped)
      .getByRole('button', { name: /^Stop column/ })
      .click();
    await expect(arena.status(stopped)).toHaveText('Stopped');
    await expect(arena.messages(stopped)).toContainText('Answer · stopped');
    for (let n = 1; n <= 3; n++) if (n !== stopped) await expect(arena.status(n)).toHaveText('Answered');
    // Each column scrolls on its own and follows its answer down to the end.
    for (let n = 1; n <= 3; n++) {
      await expect
        .poll(() =>
          arena.messages(n).evaluate((el) => ({
            overflows: el.scrollHeight > el.clientHeight + 50,
            fromBottom: Math.round(el.scrollHeight - el.scrollTop - el.clientHeight),
          })),
        )
        .toEqual({ overflows: true, fromBottom: 0 });
    }
    expect(app.fake.countRequests('chat') - before).toBe(3);
    expect(app.fake.requests.filter((r) => r.fault === 'slow')).toHaveLength(1);
    await expect(page.getByRole('button', { name: 'Stop all' })).toBeHidden();
  });

  const regenerated = stopped === 1 ? 2 : 1;
  await test.step('another column writes its answer again; the first stays as a branch', async () => {
    const before = app.fake.countRequests('chat');
    await arena
      .column(regenerated)
      .getByRole('button', { name: /^Regenerate column/ })
      .click();
    await expect(arena.messages(regenerated)).toContainText('1 earlier answer kept');
    await expect(arena.status(regenerated)).toHaveText('Answered');
    expect(app.fake.countRequests('chat') - before).toBe(1);
    // Only that column asked again; the stopped one still says so.
    await expect(arena.status(stopped)).toHaveText('Stopped');
  });

  const saved = 3;
  await test.step('a column is saved to the library and opens there', async () => {
    const column = arena.column(saved);
    await column.getByRole('button', { name: /^Save column/ }).click();
    const link = column.getByRole('link', { name: 'Saved: open in the library' });
    await expect(link).toBeVisible();
    await shot(page, 'arena-saved');
    await link.click();
    await expect(page).toHaveURL(/#\/library\/[^/]+$/);
    const session = new SessionEditorPage(page);
    await expect(session.title).toHaveValue(`${MODELS.join(' vs ')} (${MODELS[saved - 1]})`);
    await expect(session.turns).toHaveCount(4);
    await expect(session.turn(1)).toContainText('Please answer in markdown.');
    await expect(session.turn(3)).toContainText('Tell me more about that.');
    await page.goBack();
    await expect(arena.column(saved)).toBeVisible();
  });

  await test.step('an earlier message is edited and sent again; every column branches', async () => {
    await arena.messages(1).getByRole('button', { name: 'Edit this message' }).first().click();
    const editor = page.getByRole('textbox', { name: 'Your message, edited' });
    await expect(editor).toBeFocused();
    await editor.fill('Say it plainly instead. [[fake:reply=A plain answer.]]');
    await editor.press('Control+Enter');
    for (let n = 1; n <= 3; n++) {
      await expect(arena.status(n)).toHaveText('Answered');
      await expect(arena.messages(n)).toContainText('A plain answer.');
      await expect(arena.messages(n)).toContainText('edited (the earlier version is kept as a branch)');
      // The later turn stays on the old branch.
      await expect(arena.messages(n)).not.toContainText('Tell me more about that.');
    }
  });

  await test.step('the chat is saved: found by search and reopened', async () => {
    await page.getByRole('link', { name: 'All chats and a new one' }).click();
    await arena.savedChats.getByRole('searchbox', { name: 'Search the chats' }).fill('vs gpt-4o vs');
    const entry = arena.savedChats.getByRole('link', { name: new RegExp(MODELS.join(' vs ')) });
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(arena.messages(2)).toContainText('A plain answer.');
  });

  await test.step('a column whose model fails says why, and the other still answers', async () => {
    await page.getByRole('link', { name: 'All chats and a new one' }).click();
    await arena.pickModel('Column 1', 'Fake OpenAI', MODELS[0]!);
    await arena.pickModel('Column 2', 'Fake OpenAI', 'gpt-no-such-model');
    await arena.newChat.getByRole('textbox', { name: 'Title (optional)' }).fill('A model that is not there');
    await arena.newChat.getByRole('button', { name: 'Start the chat' }).click();
    await arena.send('Hello?');
    await expect(arena.status(1)).toHaveText('Answered');
    await expect(arena.status(2)).toHaveText('Failed');
    const failure = arena.column(2).getByRole('alert');
    await expect(failure).toContainText('This answer failed');
    await expect(failure).toContainText('gpt-no-such-model');
    await expect(arena.column(2).getByRole('button', { name: /^Regenerate column/ })).toBeEnabled();
    await shot(page, 'arena-column-error');
  });

  const plan: Verdict[] = [
    'A is better',
    'B is better',
    'A is better',
    'Tie',
    'A is better',
    'Both are bad',
    'B is better',
    'A is better',
    'B is better',
    'Tie',
  ];
  const tally = new Map(MODELS.slice(0, 2).map((m) => [m, { battles: 0, wins: 0, losses: 0, ties: 0, bothBad: 0 }]));
  await test.step('ten blind votes: the names stay hidden until each vote, then are revealed', async () => {
    await page.getByRole('link', { name: 'All chats and a new one' }).click();
    await arena.mode('Blind');
    await expect(arena.newChat.getByRole('button', { name: 'Add a column' })).toBeHidden();
    await arena.pickModel('Model 1', 'Fake OpenAI', MODELS[0]!);
    await arena.pickModel('Model 2', 'Fake OpenAI', MODELS[1]!);
    await arena.newChat.getByRole('button', { name: 'Start a blind comparison' }).click();
    for (const [round, verdict] of plan.entries()) {
      await expect(arena.column(1).getByRole('heading', { level: 3 })).toHaveText('Model A');
      await expect(arena.column(2).getByRole('heading', { level: 3 })).toHaveText('Model B');
      await expect(arena.verdictButton('A is better')).toBeDisabled();
      await arena.send(`Round ${round + 1}: how would you answer someone who cannot sleep before an exam?`);
      await expect(arena.status(1)).toHaveText('Answered');
      await expect(arena.status(2)).toHaveText('Answered');
      await expect(page.getByRole('main')).not.toContainText('gpt-4o');
      if (round === 0) await shot(page, 'arena-blind-before-vote');
      if (round === 2) await arena.voteSection.getByRole('textbox', { name: 'Reason (optional)' }).fill('More concrete.');
      await arena.verdictButton(verdict).click();
      const yours = page.getByRole('region', { name: 'Your vote' });
      await expect(yours).toContainText(`You voted: ${verdict}`);
      if (round === 2) await expect(yours).toContainText('Your reason: More concrete.');
      const who = (await yours.getByLabel('Who was who').innerText()).match(/^Model A was (\S+); Model B was (\S+)\.$/);
      expect(who).not.toBeNull();
      const [a, b] = [who![1]!, who![2]!];
      expect([a, b].sort()).toEqual([MODELS[0], MODELS[1]].sort());
      await expect(arena.column(1).getByRole('heading', { level: 3 })).toHaveText(`Model A: ${a}`);
      await expect(arena.messageBox).toBeDisabled();
      for (const m of [a, b]) tally.get(m)!.battles++;
      if (verdict === 'Tie') for (const m of [a, b]) tally.get(m)!.ties++;
      else if (verdict === 'Both are bad') for (const m of [a, b]) tally.get(m)!.bothBad++;
      else {
        const [winner, loser] = verdict === 'A is better' ? [a, b] : [b, a];
        tally.get(winner)!.wins++;
        tally.get(loser)!.losses++;
      }
      if (round === 0) await shot(page, 'arena-blind-revealed');
      if (round < plan.length - 1) await yours.getByRole('button', { name: 'Another round with the same two models' }).click();
    }
  });

  await test.step('the leaderboard: both models with their counts and ratings; below 10 decided votes a pair says "too few votes" and shows no interval', async () => {
    await page.getByRole('link', { name: 'Leaderboard', exact: true }).click();
    await expect(arena.leaderboard).toBeVisible();
    await expect(page.getByLabel('Votes', { exact: true })).toHaveText('10 votes');
    await expect(page.getByLabel('Judge agreement')).toContainText('No decisive vote has both answers judged yet');
    const rows = arena.leaderboard.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    let decidedVotes = 0;
    for (const [model, t] of tally) {
      const cells = rows.filter({ has: page.getByRole('rowheader', { name: model, exact: true }) }).getByRole('cell');
      // #, rating, interval, battles, wins, losses, ties, both bad, win rate
      await expect(cells).toHaveCount(9);
      const [rating, interval, ...counts] = (await cells.allInnerTexts()).slice(1, 8);
      expect(Number(rating)).toBeGreaterThan(0);
      expect(counts.map(Number)).toEqual([t.battles, t.wins, t.losses, t.ties, t.bothBad]);
      const decided = t.wins + t.losses + t.ties;
      decidedVotes = decided;
      // One "both bad" among the ten leaves nine decided votes: too few for an interval.
      if (decided < 10) expect(interval).toBe('too few votes');
      else expect(interval).toMatch(/^\d+ – \d+$/);
      expect(await cells.nth(8).innerText()).toBe(`${Math.round(((t.wins + t.ties / 2) / decided) * 100)}%`);
    }
    const headToHead = page.getByRole('table', { name: 'Head to head' });
    await expect(headToHead.getByRole('row')).toHaveCount(2);
    if (decidedVotes < 10) await expect(headToHead).toContainText(`too few votes (${decidedVotes} of 10)`);
    const chart = page.getByRole('region', { name: 'Ratings with their 95% intervals' });
    await expect(chart.getByRole('img')).toHaveAttribute(
      'aria-label',
      decidedVotes < 10 ? /gpt-4o-mini \d+ \(too few votes\)/ : /gpt-4o-mini \d+ \(\d+ – \d+\)/,
    );
    if (decidedVotes < 10)
      await expect(page.getByText(/^Too few votes: some pairs of models have fewer than 10 decided votes/)).toBeVisible();
    await shot(page, 'arena-leaderboard');
  });

  await test.step('a judge scores the voted answers; the agreement with the votes is reported', async () => {
    // The fake answers every judgment alike when scripted, so the judge prefers neither answer: the note says so.
    const rubric = (await callApi<{ id: string; criteria: { id: string }[] }[]>(page, 'rubrics.list', {})).find(
      (r) => r.id === 'empathy-relevance',
    )!;
    await scriptPrompt(
      page,
      'judge',
      JSON.stringify({
        scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'ok', score: 7 }])),
        safety: null,
        summary: 'ok',
      }),
    );
    const judging = page.getByRole('region', { name: 'Judge the voted comparisons' });
    await choose(page, judging, 'Judge provider', /Fake/);
    await judging.getByRole('combobox', { name: 'Judge model' }).fill('gpt-4o');
    await judging.getByRole('button', { name: 'Judge the voted comparisons' }).click();
    await expect(judging.getByRole('article').getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(judging.getByRole('article')).toContainText('20 done');
    await expect(page.getByLabel('Judge agreement')).toContainText(/alike in all \d+ judged decisive votes/);
  });

  await test.step('a conversation from an evaluation run continues in the arena', async () => {
    const providerId = (await callApi<{ id: string; name: string }[]>(page, 'providers.list', {})).find(
      (p) => p.name === 'Fake OpenAI',
    )!.id;
    const pack = await callApi<{ styles: { id: string }[]; distortions: { id: string }[]; riskLevels: { id: string }[] }>(
      page,
      'domain.pack',
      {},
    );
    const set = await callApi<{ id: string }>(page, 'evalSets.create', { name: 'Arena hand-off' });
    await callApi(page, 'evalSets.saveScenario', {
      setId: set.id,
      scenario: {
        title: 'Exam dread',
        intake: 'A student is worried about an exam next week and sleeps badly.',
        style: pack.styles[0]!.id,
        riskLevel: pack.riskLevels[0]!.id,
        cognitiveModel: {
          situation: 'A mock exam went badly.',
          automaticThought: 'I will blank and fail.',
          emotion: 'Dread 80',
          behaviour: 'Stays up late.',
          coreBelief: 'I am incompetent',
          distortions: [pack.distortions[0]!.id],
        },
      },
    });
    const version = await callApi<{ id: string }>(page, 'evalSets.freeze', { setId: set.id });
    const arm = { label: 'Base', providerId, model: MODELS[1]!, systemPrompt: 'You are a CBT counselor.', temperature: null };
    const run = await callApi<{ id: string }>(page, 'evalRuns.start', {
      spec: {
        name: 'Hand-off',
        setVersionId: version.id,
        arms: [arm],
        sharedSystemPrompt: null,
        simulator: { providerId, model: MODELS[0]!, temperature: 0.7 },
        judge: { providerId, model: MODELS[0]! },
        rubricIds: ['empathy-relevance'],
        formulation: false,
        turns: 1,
        seeds: 1,
        judgeRepeats: 1,
        useBatchForScoring: false,
        budgetUsd: null,
      },
    });
    await expect
      .poll(async () => (await callApi<{ status: string }>(page, 'evalRuns.get', { id: run.id })).status, { timeout: 60_000 })
      .not.toBe('conversing');
    await page.evaluate(`window.location.hash = '#/evaluate/run:${run.id}'`);
    await page.getByRole('tab', { name: 'Conversations' }).click();
    await page.getByRole('button', { name: 'Open the conversation of Base in the arena' }).click();
    await expect(page).toHaveURL(/#\/arena\/[^/]+$/);
    await expect(page.getByRole('heading', { name: 'Exam dread (Base)', level: 2 })).toBeVisible();
    await expect(page.getByText('Continues a conversation from')).toBeVisible();
    await expect(arena.column(1).getByRole('heading', { level: 3 })).toHaveText(MODELS[1]!);
    await expect(arena.column(2)).toHaveCount(0);
    await expect(arena.answers(1)).toHaveCount(1);
    await arena.send('Can we go on from here? [[fake:reply=Yes, let us go on.]]');
    await expect(arena.status(1)).toHaveText('Answered');
    await expect(arena.answers(1).last()).toHaveText(/Yes, let us go on\.$/);
    await expect(arena.answers(1)).toHaveCount(2);
  });

  await openSampleProject(page);
});
