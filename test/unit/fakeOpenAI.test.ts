import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  toFile,
} from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';
import { sampleJsonSchema } from '../support/fakeOpenAI/jsonSchemaSample';
import { createPrng } from '../support/fakeOpenAI/prng';
import { wav } from '../support/wav';

const API_KEY = 'sk-test-fake-key';
let fake: FakeOpenAI;

function client(maxRetries = 0): OpenAI {
  return new OpenAI({ apiKey: API_KEY, baseURL: fake.url, maxRetries, timeout: 5_000 });
}

const user = (content: string): OpenAI.Chat.ChatCompletionMessageParam => ({ role: 'user', content });

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 4_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** 16-bit mono PCM WAV; the tone varies the bytes so transcripts differ per clip. */

const cosine = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: API_KEY, fineTuneStepMs: 5 });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.setLatency(0);
});

describe('models', () => {
  it('lists and retrieves models, 404s unknown ones', async () => {
    const ids = (await client().models.list()).data.map((m) => m.id);
    expect(ids).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini-2024-07-18', 'text-embedding-3-small', 'whisper-1']);
    expect((await client().models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    await expect(client().models.retrieve('gpt-nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('chat completions', () => {
  const messages = [{ role: 'system' as const, content: 'You are a kind counselor.' }, user('I could not sleep this week')];

  it('answers deterministically by seed, with word-count usage', async () => {
    const a = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, seed: 7 });
    const b = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, seed: 7 });
    const c = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, seed: 8 });
    const text = a.choices[0]?.message.content ?? '';
    expect(text.length).toBeGreaterThan(10);
    expect(b.choices[0]?.message.content).toBe(text);
    expect(c.choices[0]?.message.content).not.toBe(text);
    expect(a.object).toBe('chat.completion');
    expect(a.usage?.prompt_tokens).toBe(11);
    expect(a.usage?.completion_tokens).toBe(text.match(/[\p{L}\p{N}]+/gu)?.length);
    expect(a.usage?.total_tokens).toBe((a.usage?.prompt_tokens ?? 0) + (a.usage?.completion_tokens ?? 0));
  });

  it('caps the answer at max_completion_tokens with finish_reason length', async () => {
    const r = await client().chat.completions.create({ model: 'gpt-4o', messages, max_completion_tokens: 3 });
    expect(r.choices[0]?.finish_reason).toBe('length');
    expect(r.usage?.completion_tokens).toBe(3);
  });

  it('streams deltas that add up to the plain answer, with a usage chunk last', async () => {
    const plain = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, seed: 3 });
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      seed: 3,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(chunks.length).toBeGreaterThan(4);
    expect(text).toBe(plain.choices[0]?.message.content);
    const last = chunks[chunks.length - 1];
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(plain.usage);
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe('stop');
  });

  it('answers json_schema requests with JSON that fits a zod schema (parse helper)', async () => {
    const Session = z.object({
      id: z.uuid(),
      summary: z.string().min(20).max(80),
      mood: z.enum(['calm', 'anxious', 'hopeful']),
      score: z.number().min(0).max(10),
      turns: z.number().int().min(1).max(50),
      tags: z.array(z.string()).min(2).max(4),
      when: z.iso.datetime(),
      contact: z.email().nullable(),
      speaker: z.object({ role: z.enum(['counselor', 'client']), age: z.number().int().nullable() }),
      kind: z.discriminatedUnion('type', [
        z.object({ type: z.literal('a'), x: z.string() }),
        z.object({ type: z.literal('b'), y: z.number() }),
      ]),
    });
    const format = zodResponseFormat(Session, 'session');
    const r = await client().chat.completions.parse({ model: 'gpt-4o-mini', messages, response_format: format, seed: 1 });
    const parsed = r.choices[0]?.message.parsed;
    expect(parsed).not.toBeNull();
    expect(Session.parse(parsed)).toEqual(parsed);
    expect(parsed?.summary.length).toBeGreaterThanOrEqual(20);

    type Tree = { name: string; children: Tree[] };
    const Tree: z.ZodType<Tree> = z.object({
      name: z.string(),
      get children() {
        return z.array(Tree);
      },
    });
    const tree = await client().chat.completions.parse({
      model: 'gpt-4o-mini',
      messages,
      response_format: zodResponseFormat(z.object({ root: Tree }), 'tree'),
    });
    expect(tree.choices[0]?.message.parsed?.root.name).toBeTruthy();
  });

  it('samples hand-written schemas with $defs, allOf, prefixItems, const and bounds', () => {
    const schema = {
      $defs: {
        person: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 3 }, age: { type: ['integer', 'null'], minimum: 18, maximum: 99 } },
          required: ['name', 'age'],
          additionalProperties: false,
        },
      },
      type: 'object',
      properties: {
        people: { type: 'array', items: { $ref: '#/$defs/person' }, minItems: 2, maxItems: 3 },
        pair: {
          type: 'array',
          prefixItems: [{ type: 'string' }, { type: 'number', exclusiveMinimum: 5, exclusiveMaximum: 6 }],
          items: false,
        },
        both: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { properties: { b: { type: 'boolean' } }, required: ['b'] },
          ],
        },
        choice: { oneOf: [{ type: 'string', enum: ['x', 'y'] }, { type: 'number' }] },
        fixed: { const: 42 },
        code: { type: 'string', maxLength: 3 },
      },
      required: ['people', 'pair', 'both', 'choice', 'fixed', 'code'],
      additionalProperties: false,
    } as const;
    const validator = z.fromJSONSchema(schema as unknown as Parameters<typeof z.fromJSONSchema>[0]);
    for (let seed = 0; seed < 20; seed++) {
      const value = sampleJsonSchema(schema, createPrng(seed));
      expect(validator.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
    expect(sampleJsonSchema(schema, createPrng(5))).toEqual(sampleJsonSchema(schema, createPrng(5)));
  });

  it('in schema-strict mode keeps to stated bounds and enums, and goes far outside any scale where none is stated', () => {
    const schema = {
      type: 'object',
      properties: {
        bounded: { type: 'integer', minimum: 1, maximum: 5 },
        unbounded: { type: 'integer' },
        fraction: { type: 'number', minimum: 1, maximum: 5 },
        label: { type: 'string', enum: ['Mind Reading', 'Labeling'] },
        free: { type: 'string' },
      },
      required: ['bounded', 'unbounded', 'fraction', 'label', 'free'],
      additionalProperties: false,
    } as const;
    const validator = z.fromJSONSchema(schema as unknown as Parameters<typeof z.fromJSONSchema>[0]);
    for (let seed = 0; seed < 20; seed++) {
      const value = sampleJsonSchema(schema, createPrng(seed), { strict: true }) as {
        bounded: number;
        unbounded: number;
        fraction: number;
        label: string;
        free: string;
      };
      expect(validator.safeParse(value).success, JSON.stringify(value)).toBe(true);
      expect(Number.isInteger(value.bounded) && value.bounded >= 1 && value.bounded <= 5).toBe(true);
      expect(value.unbounded < 0 || value.unbounded > 10).toBe(true);
      expect(Number.isInteger(value.fraction)).toBe(false);
      expect(['Mind Reading', 'Labeling']).toContain(value.label);
    }
  });

  it('switches schema-strict mode on and off per server', async () => {
    const strict = await startFakeOpenAI({ schemaStrict: true });
    onTestFinished(() => strict.close());
    const ask = () =>
      new OpenAI({ apiKey: 'k', baseURL: strict.url }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        response_format: zodResponseFormat(z.object({ score: z.number() }), 'n'),
      });
    expect(Math.abs(JSON.parse((await ask()).choices[0]!.message.content!).score)).toBeGreaterThan(5);
    strict.setSchemaStrict(false);
    expect((await ask()).choices[0]!.message.content).toMatch(/"score"/);
  });

  it('answers json_object with a JSON object', async () => {
    const r = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_object' } });
    expect(JSON.parse(r.choices[0]?.message.content ?? '')).toBeTypeOf('object');
  });

  it('replies with scripted text and can omit usage', async () => {
    const scripted = await client().chat.completions.create({ model: 'gpt-4o-mini', messages: [user('hi [[fake:reply={"a":[[1]]}]]')] });
    expect(scripted.choices[0]?.message.content).toBe('{"a":[[1]]}');
    expect(scripted.usage).toBeDefined();
    const noUsage = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [user('hi [[fake:reply=ok]] [[fake:usage=none]]')],
    });
    expect(noUsage.choices[0]?.message.content).toBe('ok');
    expect(noUsage.usage).toBeUndefined();
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [user('x [[fake:usage=none]]')],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) expect(chunk.usage ?? null).toBeNull();
  });

  it('rejects unknown models the way OpenAI does', async () => {
    const err = await client()
      .chat.completions.create({ model: 'gpt-99', messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).code).toBe('model_not_found');
  });
});

describe('auth and faults', () => {
  it('401s a wrong or missing key in OpenAI shape', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-123', baseURL: fake.url, maxRetries: 0 });
    const err = await wrong.models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).code).toBe('invalid_api_key');
    const raw = await fetch(`${fake.url}/models`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: { type: 'invalid_request_error', param: null } });
  });

  it('sends 429 with retry-after-ms, which the SDK waits for and retries', async () => {
    // 1200 ms sits between the SDK's own first backoff (<= 500 ms) and `retry-after: 2` (2000 ms),
    // so the elapsed time shows which of the three the SDK obeyed.
    fake.addFault({ route: 'chat', kind: 'status429', times: 1, retryAfterMs: 1_200 });
    const before = fake.countRequests('chat');
    const started = Date.now();
    const r = await client(2).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('hello')] });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_200);
    expect(elapsed).toBeLessThan(1_900);
    expect(r.choices[0]?.message.content).toBeTruthy();
    expect(fake.countRequests('chat') - before).toBe(2);
    expect(fake.requests.at(-2)?.fault).toBe('status429');
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('500 without retries is an APIError with status 500', async () => {
    fake.addFault({ route: 'chat', kind: 'status500' });
    const err = await client(0)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(500);
  });

  it('applies `every` deterministically and scopes faults by route', async () => {
    fake.addFault({ route: 'models', kind: 'status503', every: 2 });
    const outcomes: (number | 'ok')[] = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(
        await client(0)
          .models.list()
          .then(
            () => 'ok' as const,
            (e: APIError) => e.status ?? -1,
          ),
      );
    expect(outcomes).toEqual(['ok', 503, 'ok', 503]);
    await expect(client(0).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')] })).resolves.toBeTruthy();
  });

  it('repeats the same probability pattern for the same seed', async () => {
    const pattern = async (): Promise<string> => {
      const other = await startFakeOpenAI({ seed: 42 });
      other.addFault({ route: '*', kind: 'status500', probability: 0.5 });
      const c = new OpenAI({ apiKey: 'k', baseURL: other.url, maxRetries: 0 });
      let out = '';
      for (let i = 0; i < 12; i++)
        out += await c.models.list().then(
          () => '.',
          () => 'x',
        );
      await other.close();
      return out;
    };
    const first = await pattern();
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await pattern()).toBe(first);
  });

  it('drop gives an APIConnectionError', async () => {
    fake.addFault({ route: 'chat', kind: 'drop', times: 1 });
    await expect(client(0).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')] })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
  });

  it('malformedJson makes the SDK fail, plain and streaming', async () => {
    // The SDK logs the unparsable SSE line before throwing; keep the test output clean.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => quiet.mockRestore());
    fake.addFault({ route: 'chat', kind: 'malformedJson', times: 2 });
    await expect(client(0).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')] })).rejects.toThrow();
    const stream = await client(0).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')], stream: true });
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toThrow();
  });

  it('truncatedStream cuts a stream after a couple of chunks, and a JSON body halfway', async () => {
    fake.addFault({ route: 'chat', kind: 'truncatedStream', times: 2 });
    const stream = await client(0).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('tell me more')], stream: true });
    let received = 0;
    await expect(
      (async () => {
        for await (const _ of stream) received++;
      })(),
    ).rejects.toThrow();
    expect(received).toBe(2);
    await expect(client(0).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('x')] })).rejects.toThrow();
  });

  it('slow and latency delay responses', async () => {
    fake.addFault({ route: 'models', kind: 'slow', delayMs: 150, times: 1 });
    let started = Date.now();
    await client().models.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    fake.setLatency(120);
    started = Date.now();
    await client().models.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
  });

  it('exposes admin routes only when asked', async () => {
    const adminFake = await startFakeOpenAI({ admin: true });
    const origin = adminFake.url.replace(/\/v1$/, '');
    const c = new OpenAI({ apiKey: 'k', baseURL: adminFake.url, maxRetries: 0 });
    const post = (body: unknown): Promise<Response> =>
      fetch(`${origin}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ route: 'models', kind: 'nope' })).status).toBe(400);
    expect((await post({ route: 'models', kind: 'status503', times: 1 })).status).toBe(200);
    await expect(c.models.list()).rejects.toMatchObject({ status: 503 });
    await c.models.list();
    expect(await (await fetch(`${origin}/__admin/requests`)).json()).toEqual({ total: 2, byRoute: { models: 2 } });
    await adminFake.close();
    const withoutAdmin = await fetch(`${fake.url.replace(/\/v1$/, '')}/__admin/requests`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(withoutAdmin.status).toBe(404);
  });
});

describe('files, fine-tuning, batches', () => {
  const example = (i: number): string =>
    JSON.stringify({ messages: [user(`How do I cope, take ${i}?`), { role: 'assistant', content: 'One small step at a time.' }] });
  const trainingJsonl = [0, 1, 2].map(example).join('\n') + '\n';

  it('uploads, lists, reads and deletes files', async () => {
    const c = client();
    const file = await c.files.create({ file: await toFile(Buffer.from(trainingJsonl), 'train.jsonl'), purpose: 'fine-tune' });
    expect(file).toMatchObject({ object: 'file', filename: 'train.jsonl', purpose: 'fine-tune', bytes: Buffer.byteLength(trainingJsonl) });
    expect((await c.files.list()).data.map((f) => f.id)).toContain(file.id);
    expect((await c.files.retrieve(file.id)).filename).toBe('train.jsonl');
    expect(await (await c.files.content(file.id)).text()).toBe(trainingJsonl);
    expect(await c.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
    await expect(c.files.retrieve(file.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('runs a fine-tuning job to success with metrics, checkpoints and a results CSV', async () => {
    const c = client();
    const file = await c.files.create({ file: await toFile(Buffer.from(trainingJsonl), 'train.jsonl'), purpose: 'fine-tune' });
    const created = await c.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id, suffix: 'mix50' });
    expect(created.status).toBe('validating_files');
    const job = await until(
      () => c.fineTuning.jobs.retrieve(created.id),
      (j) => j.status === 'succeeded',
    );
    expect(job.status).toBe('succeeded');
    expect(job.fine_tuned_model).toBe(`ft:gpt-4o-mini-2024-07-18:fake-org:mix50:${created.id.slice(6, 14)}`);
    expect(job.trained_tokens).toBeGreaterThan(0);

    const events = [];
    for await (const e of c.fineTuning.jobs.listEvents(job.id, { limit: 5 })) events.push(e);
    const metrics = events
      .filter((e) => e.type === 'metrics')
      .map((e) => e.data as { step: number; train_loss: number; total_steps: number })
      .reverse();
    expect(metrics.length).toBe(metrics[0]?.total_steps);
    expect(metrics.map((m) => m.step)).toEqual(metrics.map((_, i) => i + 1));
    expect(metrics[0]!.train_loss).toBeGreaterThan(metrics[metrics.length - 1]!.train_loss);
    expect(events.map((e) => e.message)).toContain('Files validated, moving job to queued state');

    const csv = await (await c.files.content(job.result_files[0] ?? '')).text();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    expect(rows.length).toBe(metrics.length);
    const checkpoints = (await c.fineTuning.jobs.checkpoints.list(job.id)).data;
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints[0]?.fine_tuned_model_checkpoint).toMatch(/^ft:.*:ckpt-step-\d+$/);

    expect((await c.models.list()).data.map((m) => m.id)).toContain(job.fine_tuned_model);
    expect((await c.models.retrieve(job.fine_tuned_model ?? '')).owned_by).toBe('fake-org');
    const answer = await c.chat.completions.create({ model: job.fine_tuned_model ?? '', messages: [user('hello')] });
    expect(answer.choices[0]?.message.content).toBeTruthy();
  });

  it('refuses, rejects and fails fine-tuning jobs like OpenAI', async () => {
    const c = client();
    const good = await c.files.create({ file: await toFile(Buffer.from(trainingJsonl), 't.jsonl'), purpose: 'fine-tune' });
    const refused = await c.fineTuning.jobs
      .create({ model: 'gpt-4o-mini', training_file: good.id, suffix: 'refuse' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect((refused as APIError).message).toMatch(/not allowed to create new fine-tuning jobs/);
    await expect(c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: 'file-missing' })).rejects.toBeInstanceOf(BadRequestError);
    const bad = await c.files.create({ file: await toFile(Buffer.from('{"messages": [\n'), 'bad.jsonl'), purpose: 'fine-tune' });
    const job = await c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: bad.id });
    const failed = await until(
      () => c.fineTuning.jobs.retrieve(job.id),
      (j) => j.status === 'failed',
    );
    expect(failed.error?.code).toBe('invalid_training_file');
    const other = await c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: good.id });
    expect((await c.fineTuning.jobs.cancel(other.id)).status).toBe('cancelled');
  });

  it('keeps the metadata of a job and filters the job list by it, as OpenAI does', async () => {
    const c = client();
    const file = await c.files.create({ file: await toFile(Buffer.from(trainingJsonl), 't.jsonl'), purpose: 'fine-tune' });
    const tagged = await c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { run: 'r-1', team: 'a' } });
    const other = await c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { run: 'r-2' } });
    const plain = await c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    expect(tagged.metadata).toEqual({ run: 'r-1', team: 'a' });
    const ids = async (metadata: Record<string, string> | null) => (await c.fineTuning.jobs.list({ metadata })).data.map((j) => j.id);
    expect(await ids({ run: 'r-1' })).toEqual([tagged.id]);
    expect(await ids({ run: 'r-1', team: 'b' })).toEqual([]);
    expect(await ids({ run: 'r-3' })).toEqual([]);
    expect(await ids({})).toEqual(expect.arrayContaining([tagged.id, other.id, plain.id]));
    const untagged = await c.get<{ data: { id: string }[] }>('/fine_tuning/jobs', { query: { metadata: 'null' } });
    expect(untagged.data.map((j) => j.id)).toContain(plain.id);
    expect(untagged.data.map((j) => j.id)).not.toContain(tagged.id);
    await expect(
      c.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { run: 'x'.repeat(513) } }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('carries out a request whose answer never arrives (noAnswer)', async () => {
    const c = client();
    const file = await c.files.create({ file: await toFile(Buffer.from(trainingJsonl), 't.jsonl'), purpose: 'fine-tune' });
    fake.addFault({ route: 'fine_tuning', kind: 'noAnswer', times: 1 });
    const lost = await c.fineTuning.jobs
      .create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { run: 'lost' } }, { timeout: 300, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(APIConnectionTimeoutError);
    expect((await c.fineTuning.jobs.list({ metadata: { run: 'lost' } })).data).toHaveLength(1);
  });

  it('runs a batch to completion with output and error files', async () => {
    const c = client();
    const line = (id: string, model: string): string =>
      JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [user(`case ${id}`)] } });
    const input = [line('a', 'gpt-4o-mini'), line('b', 'gpt-4o-mini'), line('c', 'no-such-model')].join('\n');
    const file = await c.files.create({ file: await toFile(Buffer.from(input), 'batch.jsonl'), purpose: 'batch' });
    const created = await c.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    expect(created.status).toBe('validating');
    const batch = await until(
      () => c.batches.retrieve(created.id),
      (b) => b.status === 'completed',
    );
    expect(batch.status).toBe('completed');
    expect(batch.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
    const out = (await (await c.files.content(batch.output_file_id ?? '')).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { custom_id: string; error: null; response: { status_code: number; body: OpenAI.Chat.ChatCompletion } });
    expect(out.map((o) => o.custom_id)).toEqual(['a', 'b']);
    expect(out[0]?.response.status_code).toBe(200);
    expect(out[0]?.response.body.choices[0]?.message.content).toBeTruthy();
    const errors = (await (await c.files.content(batch.error_file_id ?? '')).text()).trim().split('\n');
    expect(JSON.parse(errors[0] ?? '')).toMatchObject({ custom_id: 'c', response: { status_code: 404 } });
    expect((await c.batches.list()).data.map((b) => b.id)).toContain(batch.id);
  });
});

describe('audio and embeddings', () => {
  it('transcribes deterministically as verbose_json and diarized_json', async () => {
    const c = client();
    const clip = wav(4, 440);
    const verbose = await c.audio.transcriptions.create({
      file: await toFile(clip, 'clip.wav'),
      model: 'whisper-1',
      response_format: 'verbose_json',
    });
    expect(verbose.duration).toBe(4);
    expect(verbose.segments?.length).toBeGreaterThan(0);
    expect(verbose.segments?.at(-1)?.end).toBeCloseTo(4, 1);
    const again = await c.audio.transcriptions.create({ file: await toFile(clip, 'clip.wav'), model: 'whisper-1' });
    expect(again.text).toBe(verbose.text);
    const other = await c.audio.transcriptions.create({ file: await toFile(wav(4, 300), 'b.wav'), model: 'whisper-1' });
    expect(other.text).not.toBe(verbose.text);

    const diarized = await c.audio.transcriptions.create({
      file: await toFile(clip, 'clip.wav'),
      model: 'gpt-4o-transcribe-diarize',
      response_format: 'diarized_json',
    });
    expect('segments' in diarized).toBe(true);
    const segments = (diarized as OpenAI.Audio.TranscriptionDiarized).segments;
    expect(new Set(segments.map((s) => s.speaker))).toEqual(new Set(['A', 'B']));
    expect(segments.every((s) => s.end >= s.start)).toBe(true);
    await expect(
      c.audio.transcriptions.create({ file: await toFile(clip, 'clip.wav'), model: 'whisper-1', response_format: 'diarized_json' }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('embeds deterministically, unit-length, with similar texts closer', async () => {
    const c = client();
    const texts = ['I feel anxious about work this week', 'I feel anxious about work', 'quarterly tax filing deadline'];
    const r = await c.embeddings.create({ model: 'text-embedding-3-small', input: texts });
    const [a, b, far] = r.data.map((d) => d.embedding);
    expect(a).toHaveLength(64);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, far!) + 0.3);
    const floats = await c.embeddings.create({
      model: 'text-embedding-3-small',
      input: texts[0]!,
      encoding_format: 'float',
      dimensions: 64,
    });
    floats.data[0]!.embedding.forEach((v, i) => expect(v).toBeCloseTo(a![i]!, 6));
    expect((await c.embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 16 })).data[0]?.embedding).toHaveLength(
      16,
    );
  });
});
