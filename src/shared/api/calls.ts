import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { CallRecord, CallStatus, CallTotals } from '../domain/call';
import type { InputSchemas, Method, NoInput } from './contractTypes';

export interface CallsApi {
  'calls.list': Method<
    {
      offset?: number | undefined;
      limit?: number | undefined;
      providerId?: string | undefined;
      jobId?: string | undefined;
      status?: CallStatus | undefined;
    },
    { rows: CallRecord[]; total: number }
  >;
  'calls.totals': Method<{ jobId?: string | undefined; providerId?: string | undefined }, CallTotals>;
  /** Totals per purpose (personas, scenarios, sessions, judging, safety checks…): what each step cost. */
  'calls.byPurpose': Method<NoInput, (CallTotals & { purpose: string })[]>;
}

export const callsInputs = {
  'calls.list': z.strictObject({
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    providerId: idSchema.optional(),
    jobId: idSchema.optional(),
    status: z.enum(['ok', 'error', 'cancelled']).optional(),
  }),
  'calls.totals': z.strictObject({ jobId: idSchema.optional(), providerId: idSchema.optional() }),
  'calls.byPurpose': z.strictObject({}),
} satisfies InputSchemas<CallsApi>;
