import type OpenAI from 'openai';
import type { CallRecord } from '../../../shared/domain/call';
import type { ModelPrice } from '../../../shared/domain/model';
import type { Provider } from '../../../shared/domain/provider';
import { newId } from '../util/ids';
import { openAiSdk } from './openAiSdk';
import { costOf, findPrice } from './pricing';
import { classifyError, ProviderCallError } from './providerErrors';

/** OpenAI's Batch API halves the price of asynchronous work. */
export const BATCH_DISCOUNT = 0.5;

export interface BatchRequest {
  customId: string;
  body: Record<string, unknown>;
}

export interface BatchLine {
  customId: string;
  text: string | null;
  error: string | null;
  callId: string;
  costUsd: number | null;
}

export type BatchState = {
  id: string;
  status: string;
  completed: number;
  failed: number;
  total: number;
  outputFileId: string | null;
  errorFileId: string | null;
};

/**
 * The Batch API path of the gateway: one JSONL upload and one batch per run, polled until done; each
 * answered line then gets its own ledger row (at the batch price), like any other call.
 */
export class BatchCalls {
  constructor(
    private readonly client: (provider: Provider) => Promise<OpenAI>,
    private readonly deps: { prices(): readonly ModelPrice[]; record(call: CallRecord): void; scrub(text: string): string },
  ) {}

  async submit(provider: Provider, requests: BatchRequest[], signal?: AbortSignal): Promise<string> {
    if (!provider.capabilities.batches)
      throw new ProviderCallError('bad_request', `${provider.name} does not offer the Batch API; run the job without it.`);
    const jsonl = requests
      .map((r) => JSON.stringify({ custom_id: r.customId, method: 'POST', url: '/v1/chat/completions', body: r.body }))
      .join('\n');
    try {
      const client = await this.client(provider);
      const file = await client.files.create(
        { file: await (await openAiSdk()).toFile(Buffer.from(jsonl), 'requests.jsonl'), purpose: 'batch' },
        { signal },
      );
      const batch = await client.batches.create(
        { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
        { signal },
      );
      return batch.id;
    } catch (err) {
      throw classifyError(err);
    }
  }

  async status(provider: Provider, id: string, signal?: AbortSignal): Promise<BatchState> {
    const b = await (
      await this.client(provider)
    ).batches
      .retrieve(id, { signal })
      .catch((err: unknown) => Promise.reject(classifyError(err)));
    return {
      id: b.id,
      status: b.status,
      completed: b.request_counts?.completed ?? 0,
      failed: b.request_counts?.failed ?? 0,
      total: b.request_counts?.total ?? 0,
      outputFileId: b.output_file_id ?? null,
      errorFileId: b.error_file_id ?? null,
    };
  }

  async cancel(provider: Provider, id: string): Promise<void> {
    await (await this.client(provider)).batches.cancel(id).catch(() => undefined);
  }

  /** Reads the output and error files; every line becomes one ledger row. */
  async results(
    provider: Provider,
    state: BatchState,
    model: string,
    purposeOf: (customId: string) => string,
    jobId: string,
  ): Promise<BatchLine[]> {
    const lines: BatchLine[] = [];
    for (const fileId of [state.outputFileId, state.errorFileId]) {
      if (!fileId) continue;
      const text = await (await (await this.client(provider)).files.content(fileId)).text();
      for (const raw of text.split('\n').filter((l) => l.trim())) {
        const line = JSON.parse(raw) as {
          custom_id: string;
          response?: { status_code: number; body: OpenAI.ChatCompletion } | null;
          error?: { message?: string } | null;
        };
        const body = line.response?.status_code === 200 ? line.response.body : null;
        const usage = {
          tokensIn: body?.usage?.prompt_tokens ?? null,
          tokensOut: body?.usage?.completion_tokens ?? null,
          tokensCached: body?.usage?.prompt_tokens_details?.cached_tokens ?? null,
        };
        const full = costOf(usage, findPrice(model, this.deps.prices()));
        const costUsd = full === null ? null : full * BATCH_DISCOUNT;
        const error = body
          ? null
          : this.deps.scrub(line.error?.message ?? `The provider answered with status ${line.response?.status_code ?? 'unknown'}.`);
        const callId = newId();
        this.deps.record({
          id: callId,
          at: Date.now(),
          providerId: provider.id,
          providerName: provider.name,
          model,
          purpose: `${purposeOf(line.custom_id)} (batch)`,
          jobId,
          ...usage,
          latencyMs: 0,
          costUsd,
          status: error ? 'error' : 'ok',
          errorClass: error ? 'bad_request' : null,
          errorMessage: error,
        });
        lines.push({ customId: line.custom_id, text: body?.choices[0]?.message?.content ?? null, error, callId, costUsd });
      }
    }
    return lines;
  }
}
