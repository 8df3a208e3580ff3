import { z } from 'zod';
import type { HandlerLoaders } from '../../shared/api';
import { inputLoaders } from '../../shared/api/inputLoaders';
import { ApiError, type ApiResult } from '../../shared/api/result';
import type { Logger } from '../core/util/logger';

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

type Handler = (input: unknown) => Promise<unknown>;
type Domain = keyof HandlerLoaders;

/**
 * The one place inputs are checked: every call is validated with its zod schema before domain code
 * runs, and every outcome becomes `{ok, value}` or `{ok: false, error}`. Unexpected errors are logged
 * with their stack and reach people as one short sentence. A domain's schemas and handlers load on its
 * first call, so a host that makes one call loads one domain.
 */
export function createDispatcher(handlers: HandlerLoaders, log: Logger): Dispatch {
  return async (method, input) => {
    const domain = typeof method === 'string' ? method.slice(0, Math.max(0, method.indexOf('.'))) : '';
    if (!Object.hasOwn(inputLoaders, domain)) return unknownMethod(method);
    let schema: z.ZodType | undefined;
    let handler: Handler | undefined;
    try {
      const [schemas, table] = await Promise.all([inputLoaders[domain as Domain](), handlers[domain as Domain]()]);
      schema = Object.hasOwn(schemas, method) ? (schemas as Record<string, z.ZodType>)[method] : undefined;
      handler = Object.hasOwn(table, method) ? (table as Record<string, Handler | undefined>)[method] : undefined;
    } catch (err) {
      log.error(`${method}: loading the ${domain} domain failed`, err);
      return fail('INTERNAL', 'Something went wrong inside the app. The details are in the log; please try again.');
    }
    if (!schema) return unknownMethod(method);
    if (!handler) return fail('NOT_FOUND', `"${method}" is not available in this version of the app.`);
    // Without zod's generated fast path: it compiles code for each schema on its first parse, which costs more than
    // it saves when a schema checks one small input per call (and a CLI command makes one or two calls in all).
    const parsed = schema.safeParse(input ?? {}, { jitless: true });
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

function unknownMethod(method: unknown): ApiResult<never> {
  return fail('INVALID_INPUT', `Unknown method "${String(method).slice(0, 100)}".`);
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
