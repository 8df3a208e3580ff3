import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArenaColumn, ArenaConversation } from '../../src/shared/api/arena';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';
import { whileAsking } from '../support/whileAsking';

const KEY = 'sk-arena-test-0123456789abcd';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Arena' });
  providerId = await addFakeProvider(t, fake.url, KEY, 8);
});
afterEach(async () => {
  await t.cleanup();
});

const col = (model: string, systemPrompt: string | null = null): ArenaColumn => ({
  providerId,
  model,
  systemPrompt,
  temperature: null,
  maxTokens: null,
});

/** Waits until no answer of the conversation is still being written. */
const settled = (id: string) =>
  waitFor(async () => {
    const c = await t.api.arena.get({ id });
    return c.messages.some((m) => m.status === 'streaming') ? null : c;
  }, 20_000);

const heads = (c: ArenaConversation) => c.heads.map((h) => c.messages.find((m) => m.id === h)!);

describe('side-by-side chat', () => {
  it('sends one turn to three models, streams each answer, stops one and regenerates another', async () => {
    const c = await t.api.arena.create({
      mode: 'named',
      sharedSystemPrompt: 'You are a CBT counselor.',
      columns: [col('gpt-4o-mini'), col('gpt-4o', 'Be brief.'), col('gpt-4o-mini-2024-07-18')],
    });
    expect(c.columns.map((x) => x.label)).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini-2024-07-18']);
    await t.api.arena.send({ id: c.id, text: 'I keep thinking everyone at work is judging me.' });
    const first = await settled(c.id);
    expect(heads(first).map((m) => m.status)).toEqual(['done', 'done', 'done']);
    // The answers arrived token by token, as events, and add up to what was stored.
    for (const m of heads(first)) {
      const deltas = t.events
        .filter((e) => e.name === 'arena.delta' && e.payload.messageId === m.id)
        .map((e) => (e.payload as { delta: string }).delta);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe(m.text);
    }
    // Each column read its own system prompt, or the shared one.
    const systems = fake.requests
      .filter((r) => r.path === '/v1/chat/completions')
      .map((r) => (r.body as { messages: { role: string; content: string }[] }).messages[0]!.content);
    expect(systems.sort()).toEqual(['Be brief.', 'You are a CBT counselor.', 'You are a CBT counselor.']);

    fake.addFault({ route: 'chat', kind: 'slow', delayMs: 150, times: 1 });
    await t.api.arena.send({ id: c.id, text: 'What should I do?' });
    await t.api.arena.stop({ id: c.id, column: 0 });
    const second = await settled(c.id);
    expect(heads(second).map((m) => m.status)).toEqual(['stopped', 'done', 'done']);

    const before = heads(second)[1]!;
    await t.api.arena.regenerate({ id: c.id, column: 1 });
    const third = await settled(c.id);
    const again = heads(third)[1]!;
    expect(again.id).not.toBe(before.id);
    expect(again.parentId).toBe(before.parentId); // a sibling: the old answer stays as a branch
    expect(third.messages.find((m) => m.id === before.id)).toBeDefined();
    await expect(t.api.arena.regenerate({ id: c.id, column: 3 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('edits an earlier turn in every column, leaving the later turns on the old branch', async () => {
    const c = await t.api.arena.create({ mode: 'named', sharedSystemPrompt: null, columns: [col('gpt-4o-mini'), col('gpt-4o')] });
    await t.api.arena.send({ id: c.id, text: 'First question.' });
    await settled(c.id);
    await t.api.arena.send({ id: c.id, text: 'Second question.' });
    const two = await settled(c.id);
    const firstTurn = two.messages.find((m) => m.text === 'First question.' && m.column === 0)!;
    await t.api.arena.edit({ id: c.id, messageId: firstTurn.id, text: 'A better first question.' });
    const edited = await settled(c.id);
    expect(edited.messages.filter((m) => m.text === 'Second question.')).toHaveLength(2); // kept
    for (const head of heads(edited)) {
      const user = edited.messages.find((m) => m.id === head.parentId)!;
      expect(user.text).toBe('A better first question.');
      expect(user.parentId).toBeNull();
    }
    const search = await t.api.arena.list({ search: 'better first' });
    expect(search.map((s) => s.id)).toEqual([c.id]);
    expect(await t.api.arena.list({ search: 'nothing like this' })).toEqual([]);
  });

  it('saves one column to the library as a session tagged human-authored chat', async () => {
    const c = await t.api.arena.create({
      mode: 'named',
      sharedSystemPrompt: 'You are a CBT counselor.',
      columns: [col('gpt-4o-mini'), col('gpt-4o')],
    });
    await t.api.arena.send({ id: c.id, text: 'I cannot sleep before exams.' });
    await settled(c.id);
    const { sessionId } = await t.api.arena.saveToLibrary({ id: c.id, column: 1 });
    const s = await t.api.sessions.get({ id: sessionId });
    expect(s).toMatchObject({ tags: ['human-authored-chat'], status: 'needs_review', systemPrompt: 'You are a CBT counselor.' });
    expect(s.turns.map((x) => x.role)).toEqual(['user', 'assistant']);
    expect(s.turns[0]!.text).toBe('I cannot sleep before exams.');
    expect(s.tokenCount).toBeGreaterThan(0);
  });

  it('hides the models in blind mode until the vote, then reveals them; votes build the leaderboard', async () => {
    for (let i = 0; i < 10; i++) {
      const c = await t.api.arena.create({ mode: 'blind', sharedSystemPrompt: null, columns: [col('gpt-4o-mini'), col('gpt-4o')] });
      expect(c.columns.map((x) => [x.label, x.model, x.providerId])).toEqual([
        ['Model A', 'hidden until you vote', ''],
        ['Model B', 'hidden until you vote', ''],
      ]);
      expect(JSON.stringify((await t.api.arena.list({})).find((x) => x.id === c.id))).not.toMatch(/gpt-4o/);
      await t.api.arena.send({ id: c.id, text: `Question ${i}` });
      await settled(c.id);
      const revealedOrder = (await t.api.arena.vote({ id: c.id, verdict: 'a' })).columns.map((x) => x.model);
      // "A" was drawn at random: gpt-4o wins whenever it was A.
      expect(revealedOrder.sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
      await expect(t.api.arena.vote({ id: c.id, verdict: 'b' })).rejects.toMatchObject({ code: 'CONFLICT' });
      if (i === 0) {
        const mine = (await t.api.arena.get({ id: c.id })).messages.find((m) => m.role === 'user')!;
        await expect(t.api.arena.edit({ id: c.id, messageId: mine.id, text: 'Changed my mind' })).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/voted on/),
        });
      }
    }
    // The ratings' bootstrap refits run on the worker pool: this thread keeps answering meanwhile.
    const asked = await whileAsking(t, () => t.api.arena.leaderboard({ resamples: 100_000 }));
    expect(asked.busy).toBeLessThan(0.5);
    expect(asked.answered).toBeGreaterThan(2);
    expect(asked.value.votes).toBe(10);
    const board = await t.api.arena.leaderboard({ resamples: 300 });
    expect(board.votes).toBe(10);
    const total = board.rows.reduce((s, r) => s + r.wins, 0);
    expect(total).toBe(10);
    for (const r of board.rows) {
      expect(r.battles).toBe(10);
      expect(r.winRate).toBeCloseTo(r.wins / 10, 10);
      expect(r.ratingCi!.low).toBeLessThanOrEqual(r.rating!);
      expect(r.ratingCi!.high).toBeGreaterThanOrEqual(r.rating!);
    }
    expect(board.rows[0]!.wins).toBeGreaterThanOrEqual(board.rows[1]!.wins);
    expect(board.judgeAgreement).toMatchObject({ pairs: 0, rate: null });

    // A fixed judgment scores both columns alike, which decides nothing (the agreement arithmetic is unit-tested).
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
    const judge = (await t.api.prompts.list()).find((p) => p.name === 'judge' && p.current)!;
    await t.api.prompts.save({
      name: 'judge',
      template: `${judge.template}\n[[fake:reply=${JSON.stringify({ scores: Object.fromEntries(rubric.criteria.map((k) => [k.id, { rationale: 'ok', score: 7 }])), safety: null, summary: 'ok' })}]]`,
    });
    const job = await t.api.arena.judgeVotes({ providerId, model: 'gpt-4o' });
    expect(await settledJob(t, job.id)).toMatchObject({ status: 'succeeded', done: 20 });
    const judged = await t.api.arena.leaderboard({ resamples: 100 });
    // Equal judge scores on both sides decide nothing, so no pair counts.
    expect(judged.judgeAgreement).toMatchObject({
      pairs: 0,
      rate: null,
      note: expect.stringMatching(/alike in all \d+ judged decisive votes/),
    });
    await expect(t.api.arena.judgeVotes({ providerId, model: 'gpt-4o' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a blind comparison of more than two models and a vote on a named chat', async () => {
    await expect(
      t.api.arena.create({ mode: 'blind', sharedSystemPrompt: null, columns: [col('gpt-4o-mini'), col('gpt-4o'), col('gpt-4o')] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/exactly two/) });
    const named = await t.api.arena.create({ mode: 'named', sharedSystemPrompt: null, columns: [col('gpt-4o-mini'), col('gpt-4o')] });
    await expect(t.api.arena.vote({ id: named.id, verdict: 'a' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
