import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArenaColumn } from '../../../src/shared/api/arena';
import { AnswerStreams } from '../../../src/main/core/arena/answerStreams';
import { arenaApi, type ArenaParts } from '../../../src/main/core/arena/arenaApi';
import { createConversation } from '../../../src/main/core/arena/conversations';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fakeOpenAI';
import { addProvider, bareProject, onlyParts } from '../../support/projectParts';
import { WorkerPool } from '../../../src/main/core/workers/workerPool';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({});
});
const workers = new WorkerPool();
afterAll(async () => {
  await fake.close();
  await workers.close();
});

const parts: ArenaParts[] = [
  'file',
  'arena',
  'models',
  'providers',
  'gateway',
  'sessions',
  'evaluation',
  'jobs',
  'meta',
  'prompts',
  'judgments',
];
const col = (model: string): ArenaColumn => ({ providerId: 'p', model, systemPrompt: null, temperature: null, maxTokens: null });

/** Polls until `check` gives a value: answers stream in the background. */
async function until<T>(check: () => T | null | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('arenaApi over the parts it names', () => {
  it('holds a blind comparison, streams both answers and reveals the models only after the vote', async () => {
    const { project } = bareProject();
    addProvider(project, 'p', fake.url);
    const events: { name: string }[] = [];
    const seen = onlyParts(project, parts);
    const api = arenaApi({ project: () => seen, events: { emit: (name) => events.push({ name }) }, isOpen: (p) => p === seen, workers });
    const c = await api['arena.create']({ mode: 'blind', sharedSystemPrompt: null, columns: [col('gpt-4o'), col('gpt-4o-mini')] });
    expect(c.columns.map((x) => x.label)).toEqual(['Model A', 'Model B']);
    expect(c.columns.every((x) => !x.revealed && x.providerId === '')).toBe(true);
    await api['arena.send']({ id: c.id, text: 'I cannot stop worrying about work.' });
    const done = await until(() => {
      const messages = project.arena.messages(c.id);
      return messages.filter((m) => m.role === 'assistant' && m.status === 'done').length === 2 ? messages : null;
    });
    expect(done.filter((m) => m.role === 'assistant').every((m) => m.text.length > 0)).toBe(true);
    expect(events.some((e) => e.name === 'arena.delta')).toBe(true);
    const voted = await api['arena.vote']({ id: c.id, verdict: 'a' });
    expect(voted.columns.every((x) => x.revealed)).toBe(true);
    expect(voted.columns.map((x) => x.label.startsWith('Model A:') || x.label.startsWith('Model B:'))).toEqual([true, true]);
    await project.close();
  });
});

describe('the answer stream registry', () => {
  it('knows which answers are being written, refuses a second turn meanwhile, and stops one on request', async () => {
    const { project } = bareProject();
    addProvider(project, 'p', fake.url);
    fake.setLatency(400);
    const streams = new AnswerStreams({ emit: () => {} }, (p) => p === project);
    const c = createConversation(project, { mode: 'named', sharedSystemPrompt: null, columns: [col('gpt-4o'), col('gpt-4o-mini')] });
    streams.sendTurn(project, c, [0, 1], [null, null], 'Hello');
    expect(streams.streaming(c.id, 0) && streams.streaming(c.id, 1)).toBe(true);
    expect(() => streams.refuseWhileStreaming(c, [1])).toThrow(/still being written/);
    streams.stop(c.id, 0);
    const answers = await until(() => {
      const a = project.arena.messages(c.id).filter((m) => m.role === 'assistant');
      return a.every((m) => m.status !== 'streaming') ? a : null;
    });
    expect(answers.map((m) => [m.column, m.status])).toEqual([
      [0, 'stopped'],
      [1, 'done'],
    ]);
    expect(streams.streaming(c.id, 0) || streams.streaming(c.id, 1)).toBe(false);
    expect(() => streams.refuseWhileStreaming(c, [0, 1])).not.toThrow();
    fake.setLatency(0);
    await project.close();
  });

  it('writes nothing into a project that was closed while an answer streamed', async () => {
    const { project } = bareProject();
    addProvider(project, 'p', fake.url);
    fake.setLatency(300);
    let open = true;
    const streams = new AnswerStreams({ emit: () => {} }, () => open);
    const c = createConversation(project, { mode: 'named', sharedSystemPrompt: null, columns: [col('gpt-4o')] });
    streams.sendTurn(project, c, [0], [null], 'Hello');
    open = false;
    await until(() => !streams.streaming(c.id, 0));
    expect(project.arena.messages(c.id).find((m) => m.role === 'assistant')).toMatchObject({ status: 'streaming', text: '' });
    fake.setLatency(0);
    await project.close();
  });
});
