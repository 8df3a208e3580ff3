import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArenaColumn } from '../../src/shared/api/arena';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-names-test-0123456789abcd';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Names' });
  providerId = await addFakeProvider(t, fake.url, KEY, 4);
  await t.api.models.register({ providerId, modelId: 'gpt-4o-mini-2024-07-18', displayName: 'Hybrid v1 (gpt-4o-mini)' });
});
afterEach(async () => {
  await t.cleanup();
});

const col = (model: string): ArenaColumn => ({ providerId, model, systemPrompt: null, temperature: null, maxTokens: null });

describe('names people read', () => {
  it('the arena names a column by the registry name, a model the registry lacks by its id', async () => {
    const c = await t.api.arena.create({
      mode: 'named',
      sharedSystemPrompt: null,
      columns: [col('gpt-4o-mini-2024-07-18'), col('gpt-4o-unlisted')],
    });
    expect(c.columns.map((x) => x.label)).toEqual(['Hybrid v1 (gpt-4o-mini)', 'gpt-4o-unlisted']);
    expect(c.columns[0]!.model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('a revealed blind column and the leaderboard use the registry name too', async () => {
    const c = await t.api.arena.create({
      mode: 'blind',
      sharedSystemPrompt: null,
      columns: [col('gpt-4o-mini-2024-07-18'), col('gpt-4o')],
    });
    await t.api.arena.send({ id: c.id, text: 'Hello.' });
    await waitFor(async () => {
      const now = await t.api.arena.get({ id: c.id });
      return now.messages.some((m) => m.status === 'streaming') ? null : now;
    }, 20_000);
    const voted = await t.api.arena.vote({ id: c.id, verdict: 'a' });
    expect(voted.columns.map((x) => x.label.replace(/^Model [AB]: /, '')).sort()).toEqual(['Hybrid v1 (gpt-4o-mini)', 'gpt-4o']);
    expect(voted.columns.every((x) => /^Model [AB]: /.test(x.label))).toBe(true);
    const board = await t.api.arena.leaderboard({});
    expect(board.rows.map((r) => r.name).sort()).toEqual(['Hybrid v1 (gpt-4o-mini)', 'gpt-4o']);
  });
});
