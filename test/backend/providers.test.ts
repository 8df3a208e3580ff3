import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ApiCallError } from '../../src/shared/api/client';
import { startFakeOpenAI } from '../support/fakeOpenAI';
import type { FakeOpenAI } from '../support/fakeOpenAI';
import { startTestBackend, type TestBackend } from '../support/testBackend';

const KEY = 'sk-test-providers-0123456789abcdef';
let fake: FakeOpenAI;
let t: TestBackend;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Providers' });
});
afterEach(async () => {
  fake.clearFaults();
  await t.cleanup();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ApiCallError,
  );

describe('providers', () => {
  it('lists presets for OpenAI, local servers and hosted endpoints', async () => {
    const presets = await t.api.providers.presets();
    expect(presets.map((p) => p.id)).toEqual(
      expect.arrayContaining(['openai', 'ollama', 'lmstudio', 'vllm', 'together', 'fireworks', 'openrouter', 'custom']),
    );
    const ollama = presets.find((p) => p.id === 'ollama')!;
    expect(ollama.capabilities).toMatchObject({ chat: true, fineTuning: false, batches: false, files: false });
  });

  it('adds, edits and removes a provider, refusing a duplicate name', async () => {
    const p = await t.api.providers.add({ name: 'Fake', preset: 'custom', baseUrl: fake.url, concurrency: 3 });
    expect(p).toMatchObject({ name: 'Fake', baseUrl: fake.url, concurrency: 3, key: { hasKey: false, storage: 'none' } });
    expect((await failure(t.api.providers.add({ name: 'fake', preset: 'ollama' })))?.code).toBe('CONFLICT');
    const edited = await t.api.providers.update({ id: p.id, concurrency: 5, timeoutMs: 5000 });
    expect(edited).toMatchObject({ concurrency: 5, timeoutMs: 5000, name: 'Fake' });
    await t.api.providers.remove({ id: p.id });
    expect(await t.api.providers.list()).toEqual([]);
    expect((await failure(t.api.providers.remove({ id: p.id })))?.code).toBe('NOT_FOUND');
  });

  it('tests the connection, lists models and records them in the registry', async () => {
    const p = await t.api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: fake.url });
    expect((await failure(t.api.providers.test({ id: p.id })))?.code).toBe('UNAUTHORIZED');
    const withKey = await t.api.providers.setKey({ id: p.id, key: KEY });
    expect(withKey.key).toEqual({ hasKey: true, last4: 'cdef', storage: 'session', heldBack: null });
    const result = await t.api.providers.test({ id: p.id });
    expect(result.ok).toBe(true);
    expect(result.models).toContain('gpt-4o-mini');
    const registry = await t.api.models.list({ providerId: p.id });
    expect(registry.map((m) => m.modelId)).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-4o']));
  });

  it('explains a wrong key, an unreachable server and a server error', async () => {
    const wrong = await t.api.providers.add({ name: 'Wrong key', preset: 'openai', baseUrl: fake.url });
    await t.api.providers.setKey({ id: wrong.id, key: 'sk-wrong-key-000000000000' });
    const auth = await failure(t.api.providers.test({ id: wrong.id }));
    expect(auth).toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(auth!.message).toMatch(/refused the key/);

    const down = await t.api.providers.add({ name: 'Down', preset: 'custom', baseUrl: 'http://127.0.0.1:9/v1' });
    await t.api.providers.update({ id: down.id, maxRetries: 0 });
    const conn = await failure(t.api.providers.test({ id: down.id }));
    expect(conn!.message).toMatch(/Could not reach the provider/);

    const flaky = await t.api.providers.add({ name: 'Flaky', preset: 'custom', baseUrl: fake.url });
    await t.api.providers.update({ id: flaky.id, maxRetries: 0 });
    await t.api.providers.setKey({ id: flaky.id, key: KEY });
    fake.addFault({ route: 'models', kind: 'status503', times: 1 });
    const server = await failure(t.api.providers.test({ id: flaky.id }));
    expect(server!.message).toMatch(/server error/);
  });

  it('validates inputs with readable messages', async () => {
    const bad = await failure(t.api.providers.add({ name: 'x', preset: 'custom', baseUrl: 'not a url' }));
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
    expect(bad!.message).toMatch(/baseUrl: must be a URL/);
    const badPreset = await failure(t.call('providers.add', { name: 'x', preset: 'skynet' }));
    expect(badPreset).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('keeps role defaults and an editable price table', async () => {
    const p = await t.api.providers.add({ name: 'Fake', preset: 'custom', baseUrl: fake.url });
    const defaults = await t.api.models.setRoleDefault({ role: 'judge', providerId: p.id, modelId: 'gpt-4o' });
    expect(defaults.find((d) => d.role === 'judge')).toEqual({ role: 'judge', providerId: p.id, modelId: 'gpt-4o' });
    expect(defaults.find((d) => d.role === 'generator')).toEqual({ role: 'generator', providerId: null, modelId: null });
    await t.api.models.setPrice({ model: 'my-local-model', inputPerM: 0, outputPerM: 0 });
    await t.api.models.setPrice({ model: 'gpt-4o-mini', inputPerM: 0.2, outputPerM: 0.8 });
    const prices = await t.api.models.prices();
    expect(prices.find((x) => x.model === 'gpt-4o-mini')).toMatchObject({ inputPerM: 0.2, outputPerM: 0.8 });
    await t.api.models.removePrice({ model: 'my-local-model' });
    expect((await t.api.models.prices()).some((x) => x.model === 'my-local-model')).toBe(false);
    const registered = await t.api.models.register({
      providerId: p.id,
      modelId: 'ft:gpt-4o-mini:org::abc',
      lineage: { dataset: 'hybrid-v1' },
    });
    expect(registered).toMatchObject({ kind: 'registered', lineage: { dataset: 'hybrid-v1' } });
  });
});
