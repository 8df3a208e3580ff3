import type { IncomingHttpHeaders } from 'node:http';

export type FaultRoute = 'chat' | 'models' | 'embeddings' | 'files' | 'fine_tuning' | 'batches' | 'audio';
export type RouteName = FaultRoute | 'admin' | 'other';

export interface FakeOpenAIOptions {
  /** If set, requests without `Authorization: Bearer <apiKey>` get an OpenAI-shaped 401. */
  apiKey?: string;
  /** Fixed latency before every non-stream response; default 0. */
  latencyMs?: number;
  /** Default: gpt-4o-mini, gpt-4o, gpt-4o-mini-2024-07-18, text-embedding-3-small, whisper-1. */
  models?: string[];
  /** Time per state change / training step of fine-tuning jobs and batches; default 50. */
  fineTuneStepMs?: number;
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Serves `/__admin/*` so another process can steer faults and read counts. */
  admin?: boolean;
  /** Seed of the PRNG behind `FaultRule.probability`; default 1. */
  seed?: number;
  /**
   * Answer structured-output requests only as the schema allows, and adversarially where it allows
   * more than the caller checks (unbounded numbers out of any scale, free strings as random words).
   * Either way a `strict: true` schema outside OpenAI's supported subset is refused with a 400 (see
   * strictSchemaRules). 'minimal' answers the least the schema allows instead: null wherever null is
   * allowed, the fewest array items, the shortest strings, numbers at a bound.
   */
  schemaStrict?: boolean | 'minimal';
}

export interface FaultRule {
  route: FaultRoute | '*';
  /**
   * noAnswer: the request is carried out (a job is created) but its answer never leaves; the connection
   * stays open until the client gives up or the server closes, as when the app stops mid-request.
   */
  kind: 'status429' | 'status500' | 'status503' | 'drop' | 'malformedJson' | 'truncatedStream' | 'slow' | 'noAnswer';
  /** Cap on how many requests this rule hits; alone it means "the next N matching requests". */
  times?: number;
  /** Hit every Nth matching request (1-based: every 3 hits the 3rd, 6th, ...). */
  every?: number;
  /** Hit with this probability, drawn from a PRNG seeded per rule. */
  probability?: number;
  /** For status429: sent as `retry-after-ms` (and rounded up as `retry-after` seconds). */
  retryAfterMs?: number;
  /** For slow: delay before responding and between stream chunks. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  route: RouteName;
  /** Raw headers, authorization included, so tests can assert on them. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON; for multipart a summary `{ fields, files }`; otherwise the raw text or null. */
  body: unknown;
  /** The fault applied to this request, if any. */
  fault: FaultRule['kind'] | null;
  at: number;
}

export interface FakeOpenAI {
  /** Base URL to give the SDK, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  requests: RecordedRequest[];
  countRequests(route: RouteName | '*'): number;
  /** Resolves once no request is being handled: one a client sent before it closed is recorded by then. */
  settled(): Promise<void>;
  setLatency(ms: number): void;
  setSchemaStrict(on: boolean | 'minimal'): void;
}
