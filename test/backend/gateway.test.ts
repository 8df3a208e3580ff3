import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CallRecord } from '../../src/shared/domain/call';
import type { Provider } from '../../src/shared/domain/provider';
import { presetById } from '../../src/shared/domain/providerPresets';
import { ApiKeys } from '../../src/main/core/llm/apiKeys';
import { LlmGateway } from '../../src/main/core/llm/gateway';
import { ProviderCallError } from '../../src/main/core/llm/providerErrors';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';

const KEY = 'sk-gateway-test-key-1234567890';
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.setLatency(0);
});

function setup(overrides: Partial<Provider> = {}) {
  const provider: Provider = {
    id: '01J00000000000000000000000',
    name: 'Fake',
    preset: 'openai',
    baseUrl: fake.url,
    apiKeyEnv: null,
    concurrency: 4,
    timeoutMs: 5000,
    maxRetries: 2,
    capabilities: presetById('openai').capabilities,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
  const secrets = new MemorySecretStore();
  const keys = new ApiKeys(secrets, {}, new MemorySettingsStore());
  keys.set(provider, KEY, false);
  const ledger: CallRecord[] = [];
  const gateway = new LlmGateway({
    provider: () => provider,
    prices: () => [{ model: 'gpt-4o-mini', inputPerM: 0.15, outputPerM: 0.6, cachedInputPerM: null, trainingPerM: null, updatedAt: 0 }],
    keys,
    record: (c) => ledger.push(c),
  });
  return { gateway, ledger, provider };
}

const ask = { providerId: 'p', model: 'gpt-4o-mini', purpose: 'test', messages: [{ role: 'user' as const, content: 'Hello there' }] };

describe('LLM gateway', () => {
  it('makes a call and writes one ledger row with tokens, latency and cost', async () => {
    const { gateway, ledger } = setup();
    const result = await gateway.chat({ ...ask, seed: 1 });
    expect(result.text.length).toBeGreaterThan(0);
    expect(ledger).toHaveLength(1);
    const row = ledger[0]!;
    expect(row).toMatchObject({ status: 'ok', model: 'gpt-4o-mini', purpose: 'test', errorClass: null });
    expect(row.tokensIn).toBeGreaterThan(0);
    expect(row.costUsd).toBeCloseTo((row.tokensIn! * 0.15 + row.tokensOut! * 0.6) / 1e6, 12);
  });

  it('streams deltas and measures time to first token', async () => {
    const { gateway, ledger } = setup();
    const pieces: string[] = [];
    const result = await gateway.chat({ ...ask, onDelta: (d) => pieces.push(d) });
    expect(pieces.join('')).toBe(result.text);
    expect(result.ttftMs).not.toBeNull();
    expect(ledger[0]!.tokensOut).toBeGreaterThan(0);
  });

  it('retries a 429 after the delay the provider asked for', async () => {
    const { gateway, ledger } = setup();
    fake.addFault({ route: 'chat', kind: 'status429', times: 1, retryAfterMs: 300 });
    const started = Date.now();
    await gateway.chat(ask);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(ledger.map((r) => r.status)).toEqual(['ok']);
  });

  it('classifies failures and records them: server error, dropped connection, malformed JSON', async () => {
    const { gateway, ledger } = setup({ maxRetries: 0 });
    const classOf = async (fault: Parameters<FakeOpenAI['addFault']>[0]) => {
      fake.clearFaults();
      fake.addFault(fault);
      const err = await gateway.chat(ask).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ProviderCallError);
      return (err as ProviderCallError).errorClass;
    };
    expect(await classOf({ route: 'chat', kind: 'status500' })).toBe('server_error');
    expect(await classOf({ route: 'chat', kind: 'drop' })).toBe('connection');
    expect(await classOf({ route: 'chat', kind: 'malformedJson' })).toMatch(/invalid_output|unknown/);
    expect(ledger.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(ledger.every((r) => r.errorMessage && !r.errorMessage.includes(KEY))).toBe(true);
  });

  it('fails a truncated stream instead of returning half an answer', async () => {
    const { gateway, ledger } = setup({ maxRetries: 0 });
    fake.addFault({ route: 'chat', kind: 'truncatedStream' });
    await expect(gateway.chat({ ...ask, onDelta: () => undefined })).rejects.toBeInstanceOf(ProviderCallError);
    expect(ledger[0]!.status).toBe('error');
  });

  it('tolerates a provider that omits usage: tokens and cost unknown, never zero', async () => {
    const { gateway, ledger } = setup();
    await gateway.chat({ ...ask, messages: [{ role: 'user', content: 'Hi [[fake:usage=none]]' }] });
    expect(ledger[0]).toMatchObject({ status: 'ok', tokensIn: null, tokensOut: null, costUsd: null });
  });

  it('returns structured output checked by zod', async () => {
    const { gateway } = setup();
    const schema = z.object({
      summary: z.string(),
      distortions: z.array(z.string()).min(1).max(3),
      severity: z.enum(['mild', 'moderate', 'severe']),
    });
    const result = await gateway.chatStructured({ ...ask, schema, schemaName: 'scenario' });
    expect(schema.safeParse(result.value).success).toBe(true);
  });

  it('asks once more when the answer does not fit the schema, telling the model what was wrong', async () => {
    const { gateway, ledger } = setup();
    const schema = z.object({ score: z.number().int().min(1).max(10) });
    const bad = { ...ask, messages: [{ role: 'user' as const, content: 'Score it [[fake:reply={"score": "high"}]]' }] };
    const result = await gateway.chatStructured({ ...bad, schema, schemaName: 'score' });
    expect(result.value.score).toBeGreaterThanOrEqual(1);
    expect(ledger.map((r) => r.errorClass)).toEqual(['invalid_output', null]);
    const repair = fake.requests.at(-1)!.body as { messages: { content: string }[] };
    expect(repair.messages.at(-1)!.content).toMatch(/did not fit.*score/);
  });

  it('gives up with the reason when the repaired answer still does not fit', async () => {
    // Without json_schema support the provider is only asked for a JSON object, which here never fits.
    const { gateway, ledger } = setup({ capabilities: { ...presetById('openai').capabilities, structuredOutput: false } });
    const schema = z.object({ score: z.number().int().min(1).max(10) });
    const err = await gateway.chatStructured({ ...ask, schema, schemaName: 'score' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderCallError);
    expect((err as ProviderCallError).errorClass).toBe('invalid_output');
    expect((err as ProviderCallError).message).toMatch(/score/);
    expect(ledger.map((r) => r.errorClass)).toEqual(['invalid_output', 'invalid_output']);
  });

  it('cancels an in-flight call through its AbortSignal and records it as cancelled', async () => {
    const { gateway, ledger } = setup();
    fake.setLatency(2000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await gateway.chat({ ...ask, signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect((err as ProviderCallError).errorClass).toBe('cancelled');
    expect(ledger[0]!.status).toBe('cancelled');
  });

  it('treats a stream cut off by a cancel as cancelled, never as a finished answer', async () => {
    const { gateway, ledger } = setup();
    fake.addFault({ route: 'chat', kind: 'slow', delayMs: 80 });
    const controller = new AbortController();
    const err = await gateway.chat({ ...ask, maxTokens: 50, signal: controller.signal, onDelta: () => controller.abort() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as ProviderCallError).errorClass).toBe('cancelled');
    expect(ledger.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('keeps to the provider’s concurrency', async () => {
    const { gateway } = setup({ concurrency: 2 });
    fake.setLatency(150);
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => gateway.chat(ask)));
    const elapsed = Date.now() - started;
    // 6 calls of 150 ms two at a time need three rounds; all at once would take one.
    expect(elapsed).toBeGreaterThanOrEqual(440);
  });

  it('times out a provider that does not answer', async () => {
    const { gateway, ledger } = setup({ timeoutMs: 200, maxRetries: 0 });
    fake.setLatency(1500);
    const err = await gateway.chat(ask).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as ProviderCallError).errorClass).toBe('timeout');
    expect(ledger[0]!.errorClass).toBe('timeout');
  });
});
