import type OpenAI from 'openai';
import type { TrainerId } from '../../../shared/api/training';
import { TogetherTrainer } from './togetherTrainer';
import { OpenAiTrainer } from './openAiTrainer';
import type { Trainer } from './trainer';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import type { CallRecord } from '../../../shared/domain/call';
import type { ModelPrice } from '../../../shared/domain/model';
import type { Provider } from '../../../shared/domain/provider';
import { ApiError } from '../../../shared/api/result';
import { newId } from '../util/ids';
import type { ApiKeys } from './apiKeys';
import { costOf, findPrice, type TokenUsage } from './pricing';
import { classifyError, ProviderCallError } from './providerErrors';
import { ProviderLimits } from './providerLimits';
import { BatchCalls } from './batchCalls';
import { openAiSdk } from './openAiSdk';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export interface ChatRequest {
  providerId: string;
  model: string;
  messages: ChatMessage[];
  /** Why the call was made, for the ledger: 'speed-test', 'judge', 'generate-persona'… */
  purpose: string;
  jobId?: string | null;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  signal?: AbortSignal;
  /** When given, the answer is streamed and each piece of text is handed over as it arrives. */
  onDelta?: (text: string) => void;
}

export interface ChatResult {
  text: string;
  usage: TokenUsage;
  latencyMs: number;
  /** Time to the first streamed token; null for non-streamed calls. */
  ttftMs: number | null;
  costUsd: number | null;
  callId: string;
}

export interface GatewayDeps {
  provider(id: string): Provider;
  prices(): readonly ModelPrice[];
  keys: ApiKeys;
  record(call: CallRecord): void;
}

const noUsage: TokenUsage = { tokensIn: null, tokensOut: null, tokensCached: null };

/**
 * A structured answer that still broke the schema after the repair round. It carries the last answer
 * (parsed JSON, undefined when it was not JSON) so a caller can keep the parts that are valid, such
 * as the other criteria of a judgment, instead of losing them all.
 */
export class InvalidAnswerError extends ProviderCallError {
  constructor(
    message: string,
    readonly answer: unknown,
  ) {
    super('invalid_output', message);
  }
}

/**
 * The one door to every model: provider lookup, the official SDK at the provider's base URL,
 * per-provider concurrency, the SDK's retries (which honour retry-after-ms / retry-after), timeouts,
 * cancellation, structured output checked with zod, and one ledger row per call.
 */
export class LlmGateway {
  private readonly limits = new ProviderLimits();
  private readonly clients = new Map<string, OpenAI>();

  /** The Batch API route for jobs that chose the cheaper, slower mode. */
  readonly batches: BatchCalls;
  /** Fine-tuning at the providers that offer it; each gets the keyed client and nothing else. */
  readonly trainers: Record<TrainerId, Trainer>;

  constructor(private readonly deps: GatewayDeps) {
    this.batches = new BatchCalls((p) => this.client(p), { prices: deps.prices, record: deps.record, scrub: (t) => deps.keys.scrub(t) });
    this.trainers = { openai: new OpenAiTrainer((p) => this.client(p)), together: new TogetherTrainer((p) => this.client(p)) };
  }

  provider(id: string): Provider {
    return this.deps.provider(id);
  }

  /** The body of one chat request as the Batch API wants it, structured output included. */
  async batchBody(req: {
    model: string;
    messages: ChatMessage[];
    temperature?: number;
    seed?: number;
    schema?: z.ZodType;
    schemaName?: string;
  }): Promise<Record<string, unknown>> {
    return {
      model: req.model,
      messages: req.messages,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      ...(req.schema && req.schemaName ? { response_format: await this.responseFormat(req.schema, req.schemaName) } : {}),
    };
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    const provider = this.deps.provider(req.providerId);
    return this.limits.run(provider.id, provider.concurrency, () => this.callOnce(provider, req));
  }

  /** A chat whose answer must parse as `schema`; one repair round tells the model what was wrong. */
  async chatStructured<T>(req: ChatRequest & { schema: z.ZodType<T>; schemaName: string }): Promise<ChatResult & { value: T }> {
    const provider = this.deps.provider(req.providerId);
    const responseFormat = provider.capabilities.structuredOutput
      ? await this.responseFormat(req.schema, req.schemaName)
      : ({ type: 'json_object' } as const);
    let messages = req.messages;
    let lastError = '';
    let lastAnswer: unknown;
    let lastText = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await this.limits
        .run(provider.id, provider.concurrency, () =>
          this.callOnce(provider, { ...req, messages, onDelta: undefined }, responseFormat, (text) => {
            lastText = text;
            lastAnswer = safeJson(text);
            const parsed = req.schema.safeParse(lastAnswer);
            if (parsed.success) return null;
            return parsed.error.issues
              .slice(0, 5)
              .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
              .join('; ');
          }),
        )
        .catch((err: unknown) => {
          if (err instanceof ProviderCallError && err.errorClass === 'invalid_output') {
            lastError = err.message;
            return null;
          }
          throw err;
        });
      if (result) return { ...result, value: req.schema.parse(JSON.parse(result.text)) };
      // The model sees its own answer next to what was wrong with it, so it can fix that part.
      messages = [
        ...req.messages,
        ...(lastText ? [{ role: 'assistant' as const, content: lastText }] : []),
        { role: 'user', content: `Your previous answer did not fit the required JSON format (${lastError}). Answer again with JSON only.` },
      ];
    }
    throw new InvalidAnswerError(
      `The model's answer did not fit the expected format after a repair attempt: ${lastError}`,
      typeof lastAnswer === 'symbol' ? undefined : lastAnswer,
    );
  }

  async listModels(providerId: string, signal?: AbortSignal): Promise<string[]> {
    const provider = this.deps.provider(providerId);
    try {
      const page = await (await this.client(provider)).models.list({ signal });
      const ids: string[] = [];
      for await (const m of page) ids.push(m.id);
      return ids.sort();
    } catch (err) {
      throw this.scrubbed(classifyError(err));
    }
  }

  /**
   * Sends audio to the provider's transcription endpoint: diarized segments from a diarizing model,
   * timed segments from Whisper, plain text otherwise. One ledger row, like every other call.
   */
  async transcribe(req: {
    providerId: string;
    model: string;
    fileName: string;
    bytes: Uint8Array;
    purpose: string;
    jobId?: string | null;
    signal?: AbortSignal;
  }): Promise<unknown> {
    const provider = this.deps.provider(req.providerId);
    const format = /diariz/i.test(req.model) ? 'diarized_json' : /whisper/i.test(req.model) ? 'verbose_json' : 'json';
    return this.limits.run(provider.id, provider.concurrency, async () => {
      const callId = newId();
      const started = performance.now();
      const chat = { ...req, messages: [] } as ChatRequest;
      // A transcription reports no token usage: its ledger row has the time and the outcome only.
      const record = (status: 'ok' | 'cancelled' | 'error', failure: ProviderCallError | null) =>
        this.ledger(provider, chat, callId, noUsage, performance.now() - started, null, status, failure);
      try {
        if (!provider.capabilities.transcription)
          throw new ProviderCallError('bad_request', `${provider.name} is not set up for transcription; choose a provider that offers it.`);
        const client = await this.client(provider);
        const file = await (await openAiSdk()).toFile(req.bytes, req.fileName);
        const result = await client.audio.transcriptions.create(
          { file, model: req.model, response_format: format as 'json' },
          { signal: req.signal },
        );
        record('ok', null);
        return result;
      } catch (err) {
        const failure = this.scrubbed(req.signal?.aborted ? new ProviderCallError('cancelled', 'Cancelled.') : classifyError(err));
        record(failure.errorClass === 'cancelled' ? 'cancelled' : 'error', failure);
        throw failure;
      }
    });
  }

  /** Converting a zod schema to JSON Schema costs more than the rest of a call's bookkeeping: once per schema. */
  private readonly formats = new WeakMap<object, Map<string, unknown>>();

  private async responseFormat(schema: z.ZodType, name: string): Promise<unknown> {
    let byName = this.formats.get(schema);
    if (!byName) this.formats.set(schema, (byName = new Map()));
    // The SDK's zod helper loads with the SDK, on the first structured call (see openAiSdk).
    if (!byName.has(name)) byName.set(name, (await import('openai/helpers/zod')).zodResponseFormat(schema as never, name));
    return byName.get(name);
  }

  private async client(provider: Provider): Promise<OpenAI> {
    const key = this.deps.keys.get(provider);
    const cacheKey = JSON.stringify([provider.id, provider.baseUrl, provider.timeoutMs, provider.maxRetries, key]);
    let client = this.clients.get(cacheKey);
    if (!client) {
      const { default: OpenAI } = await openAiSdk();
      // Two first calls may both have waited for the SDK: the first one's client stays the only one.
      client = this.clients.get(cacheKey);
      if (client) return client;
      // Local servers need no key, but the SDK insists on one.
      client = new OpenAI({
        apiKey: key ?? 'no-key',
        baseURL: provider.baseUrl,
        timeout: provider.timeoutMs,
        maxRetries: provider.maxRetries,
      });
      this.clients.set(cacheKey, client);
    }
    return client;
  }

  private async callOnce(
    provider: Provider,
    req: ChatRequest,
    responseFormat?: unknown,
    validate?: (text: string) => string | null,
  ): Promise<ChatResult> {
    if (req.signal?.aborted) throw new ProviderCallError('cancelled', 'Cancelled.');
    const callId = newId();
    const started = performance.now();
    let usage: TokenUsage = noUsage;
    let ttftMs: number | null = null;
    const body = {
      model: req.model,
      messages: req.messages as ChatCompletionMessageParam[],
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      ...(responseFormat ? { response_format: responseFormat as never } : {}),
    };
    try {
      if (!provider.capabilities.chat) throw new ProviderCallError('bad_request', `${provider.name} is not set up for chat.`);
      let text = '';
      const client = await this.client(provider);
      if (req.onDelta) {
        const stream = await client.chat.completions.create(
          { ...body, stream: true, stream_options: { include_usage: true } },
          { signal: req.signal },
        );
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content ?? '';
          if (delta) {
            ttftMs ??= performance.now() - started;
            text += delta;
            req.onDelta(delta);
          }
          if (chunk.usage) usage = toUsage(chunk.usage);
        }
        // The SDK ends an aborted stream quietly; an answer cut off by a cancel is not an answer.
        if (req.signal?.aborted) throw new ProviderCallError('cancelled', 'Cancelled.');
      } else {
        const completion = await client.chat.completions.create({ ...body, stream: false }, { signal: req.signal });
        if (!completion || !Array.isArray(completion.choices))
          throw new ProviderCallError('invalid_output', 'The provider answered without any choices.');
        text = completion.choices[0]?.message?.content ?? '';
        if (completion.usage) usage = toUsage(completion.usage);
      }
      const invalid = validate?.(text);
      const latencyMs = performance.now() - started;
      const costUsd = costOf(usage, findPrice(req.model, this.deps.prices()));
      if (invalid) throw new ProviderCallError('invalid_output', invalid);
      this.ledger(provider, req, callId, usage, latencyMs, costUsd, 'ok', null);
      return { text, usage, latencyMs, ttftMs, costUsd, callId };
    } catch (err) {
      const failure = this.scrubbed(req.signal?.aborted ? new ProviderCallError('cancelled', 'Cancelled.') : classifyError(err));
      const latencyMs = performance.now() - started;
      this.ledger(
        provider,
        req,
        callId,
        usage,
        latencyMs,
        costOf(usage, findPrice(req.model, this.deps.prices())),
        failure.errorClass === 'cancelled' ? 'cancelled' : 'error',
        failure,
      );
      throw failure;
    }
  }

  private ledger(
    provider: Provider,
    req: ChatRequest,
    id: string,
    usage: TokenUsage,
    latencyMs: number,
    costUsd: number | null,
    status: CallRecord['status'],
    error: ProviderCallError | null,
  ): void {
    this.deps.record({
      id,
      at: Date.now(),
      providerId: provider.id,
      providerName: provider.name,
      model: req.model,
      purpose: req.purpose,
      jobId: req.jobId ?? null,
      ...usage,
      latencyMs: Math.round(latencyMs),
      costUsd,
      status,
      errorClass: error?.errorClass ?? null,
      errorMessage: error ? this.deps.keys.scrub(error.message).slice(0, 1000) : null,
    });
  }

  private scrubbed(err: ProviderCallError): ProviderCallError {
    const clean = this.deps.keys.scrub(err.message);
    return clean === err.message ? err : new ProviderCallError(err.errorClass, clean, err.status);
  }
}

function toUsage(u: OpenAI.CompletionUsage): TokenUsage {
  return {
    tokensIn: u.prompt_tokens ?? null,
    tokensOut: u.completion_tokens ?? null,
    tokensCached: u.prompt_tokens_details?.cached_tokens ?? null,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('not json');
  }
}

/** The API-level error for a failed call: PROVIDER_ERROR with the classified, key-free reason. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const failure = classifyError(err);
  return new ApiError('PROVIDER_ERROR', failure.message, { errorClass: failure.errorClass, status: failure.status });
}
