import type { ApiClient, ApiMethod } from './index';
import type { ApiEvent, ApiEventName, ApiEvents } from './events';
import type { ApiErrorBody, ApiResult, ErrorCode } from './result';

/** Anything that can carry a call and deliver events: Electron IPC, HTTP + SSE, or the backend itself. */
export interface Transport {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/** A failed call, as the caller sees it: a stable code and a sentence for people. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(
    readonly method: string,
    body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiCallError';
    this.code = body.code;
    this.details = body.details;
  }
}

export interface TypedClient {
  api: ApiClient;
  call<M extends ApiMethod>(method: M, input: unknown): Promise<unknown>;
  on<K extends ApiEventName>(name: K, listener: (payload: ApiEvents[K]) => void): () => void;
}

/**
 * Builds `api.domain.verb(input)` over any transport with a Proxy, so no caller ever spells a
 * channel or a method string, and the contract's types flow to every call site.
 */
export function createTypedClient(transport: Transport): TypedClient {
  const call = async (method: string, input: unknown) => {
    const result = await transport.call(method, input ?? {});
    if (!result.ok) throw new ApiCallError(method, result.error);
    return result.value;
  };
  const domains = new Map<string, unknown>();
  const api = new Proxy({} as ApiClient, {
    get(_target, domain) {
      if (typeof domain !== 'string') return undefined;
      if (!domains.has(domain)) {
        domains.set(
          domain,
          new Proxy(
            {},
            { get: (_t, verb) => (typeof verb === 'string' ? (input?: unknown) => call(`${domain}.${verb}`, input) : undefined) },
          ),
        );
      }
      return domains.get(domain);
    },
  });
  return {
    api,
    call: (method, input) => call(method, input),
    on(name, listener) {
      return transport.subscribe((event) => {
        if (event.name === name) listener(event.payload as ApiEvents[typeof name]);
      });
    },
  };
}
