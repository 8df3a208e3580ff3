import { z } from 'zod';
import { faultRuleSchema, type FaultEngine } from '../faults';
import { ApiError, type Ctx, type RouteDef } from '../http';
import type { RecordedRequest } from '../types';

/**
 * Lets a test in another process (Playwright, the `fake-llm` CLI's user) steer faults and read
 * request counts, since it cannot reach the server object.
 */
export interface AdminDeps {
  faults: FaultEngine;
  requests: RecordedRequest[];
}

const clearBody = z.strictObject({ clear: z.literal(true) });
const latencyBody = z.strictObject({ ms: z.number().nonnegative() });
const strictBody = z.strictObject({ on: z.boolean() });

// Admin answers skip the configured latency and faults: they steer the fake, they are not the API.
function reply(ctx: Ctx, value: unknown): void {
  ctx.res.writeHead(200, { 'content-type': 'application/json' });
  ctx.res.end(JSON.stringify(value));
}

function parse<T>(schema: z.ZodType<T>, ctx: Ctx): T {
  const result = schema.safeParse(ctx.body);
  if (!result.success) throw new ApiError(400, z.prettifyError(result.error));
  return result.data;
}

export function adminRoutes(deps: AdminDeps): RouteDef[] {
  return [
    {
      method: 'POST',
      pattern: /^\/__admin\/faults$/,
      handler: (ctx) => {
        // Parsed by shape rather than as a union, so a bad rule gets a message naming the bad field.
        if (ctx.body && typeof ctx.body === 'object' && 'clear' in ctx.body) {
          parse(clearBody, ctx);
          deps.faults.clear();
        } else {
          deps.faults.add(parse(faultRuleSchema, ctx));
        }
        reply(ctx, { ok: true });
      },
    },
    {
      method: 'POST',
      pattern: /^\/__admin\/latency$/,
      handler: (ctx) => {
        ctx.state.latencyMs = parse(latencyBody, ctx).ms;
        reply(ctx, { ok: true });
      },
    },
    {
      method: 'POST',
      pattern: /^\/__admin\/schema-strict$/,
      handler: (ctx) => {
        ctx.state.schemaStrict = parse(strictBody, ctx).on;
        reply(ctx, { ok: true });
      },
    },
    {
      method: 'GET',
      pattern: /^\/__admin\/requests$/,
      handler: (ctx) => {
        const byRoute: Record<string, number> = {};
        for (const r of deps.requests) byRoute[r.route] = (byRoute[r.route] ?? 0) + 1;
        reply(ctx, { total: deps.requests.length, byRoute });
      },
    },
  ];
}
