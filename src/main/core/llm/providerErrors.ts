import type { ErrorClass } from '../../../shared/domain/call';
import { loadedOpenAiSdk } from './openAiSdk';

/** A failed model call, classified so the ledger, the job and the person all get the same short reason. */
export class ProviderCallError extends Error {
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderCallError';
  }
}

const advice: Record<ErrorClass, string> = {
  rate_limited: 'The provider is rate limiting; lower the concurrency or wait a minute.',
  server_error: 'The provider had a server error; try again later.',
  timeout: 'The provider did not answer in time; raise the timeout or try a smaller request.',
  connection: 'Could not reach the provider; check the base URL and that the server is running.',
  auth: 'The provider refused the key; check the key in Settings > Providers.',
  bad_request: 'The provider rejected the request.',
  not_found: 'The provider does not know this model or route; check the model name and base URL.',
  invalid_output: 'The model answered with something that does not fit the expected format.',
  cancelled: 'Cancelled.',
  unknown: 'Unexpected error from the provider.',
};

export function classifyError(err: unknown): ProviderCallError {
  if (err instanceof ProviderCallError) return err;
  // Not loaded means no SDK client was made, so `err` is none of its errors.
  const OpenAI = loadedOpenAiSdk();
  if (OpenAI && err instanceof OpenAI.APIUserAbortError) return new ProviderCallError('cancelled', advice.cancelled);
  if (OpenAI && err instanceof OpenAI.APIConnectionTimeoutError) return new ProviderCallError('timeout', advice.timeout);
  if (OpenAI && err instanceof OpenAI.APIConnectionError)
    return new ProviderCallError('connection', `${advice.connection} (${err.message})`);
  if (OpenAI && err instanceof OpenAI.APIError) {
    const status = err.status ?? null;
    const detail = err.message ? ` (${err.message.slice(0, 300)})` : '';
    if (status === 429) return new ProviderCallError('rate_limited', advice.rate_limited + detail, status);
    if (status === 401 || status === 403) return new ProviderCallError('auth', advice.auth + detail, status);
    if (status === 404) return new ProviderCallError('not_found', advice.not_found + detail, status);
    if (status !== null && status >= 500) return new ProviderCallError('server_error', advice.server_error + detail, status);
    if (status !== null && status >= 400) return new ProviderCallError('bad_request', advice.bad_request + detail, status);
    return new ProviderCallError('unknown', advice.unknown + detail, status);
  }
  if (err instanceof SyntaxError) return new ProviderCallError('invalid_output', `${advice.invalid_output} (${err.message})`);
  if (err instanceof Error && err.name === 'AbortError') return new ProviderCallError('cancelled', advice.cancelled);
  return new ProviderCallError('unknown', `${advice.unknown} (${err instanceof Error ? err.message : String(err)})`);
}
