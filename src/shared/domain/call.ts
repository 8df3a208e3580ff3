export type CallStatus = 'ok' | 'error' | 'cancelled';

export const errorClasses = [
  'rate_limited',
  'server_error',
  'timeout',
  'connection',
  'auth',
  'bad_request',
  'not_found',
  'invalid_output',
  'cancelled',
  'unknown',
] as const;
export type ErrorClass = (typeof errorClasses)[number];

/** One row of the call ledger: every model call leaves exactly one. */
export interface CallRecord {
  id: string;
  at: number;
  providerId: string;
  providerName: string;
  model: string;
  purpose: string;
  jobId: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  tokensCached: number | null;
  latencyMs: number;
  costUsd: number | null;
  status: CallStatus;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
}

export interface CallTotals {
  count: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}
