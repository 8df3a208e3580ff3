import { z } from 'zod';
import { apiInputs, isApiMethod, type Handlers } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/api/result';
import type { Logger } from '../core/util/logger';

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

type Handler = (input: unknown) => Promise<unknown>;

/**
 * The one place inputs are checked: every call is validated with its zod schema before domain code
 * runs, and every outcome becomes `{ok, value}` or `{ok: false, error}`. Unexpected errors are logged
 * with their stack and reach people as one short sentence.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (method, input) => {
    if (typeof method !== 'string' || !isApiMethod(method)) {
      return fail('INVALID_INPUT', `Unknown method "${String(method).slice(0, 100)}".`);
    }
    const handler = handlers[method] as Handler | undefined;
    if (!handler) return fail('NOT_FOUND', `"${method}" is not available in this version of the app.`);
    const parsed = (apiInputs[method] as z.ZodType).safeParse(input ?? {});
    if (!parsed.success) {
      return fail('INVALID_INPUT', describeIssues(parsed.error), {
        issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    try {
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      if (err instanceof ApiError) return fail(err.code, err.message, err.details);
      if (err instanceof z.ZodError) return fail('INVALID_INPUT', describeIssues(err));
      log.error(`${method} failed`, err);
      return fail('INTERNAL', 'Something went wrong inside the app. The details are in the log; please try again.');
    }
  };
}

function fail(code: ApiError['code'], message: string, details?: unknown): ApiResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The input is not valid.';
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${where}${first.message}${more}`;
}
