import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { SessionDetail, SessionSummary } from '../domain/session';
import type { InputSchemas, Method } from './contractTypes';

export interface SessionsApi {
  'sessions.list': Method<{ offset?: number | undefined; limit?: number | undefined }, { rows: SessionSummary[]; total: number }>;
  'sessions.get': Method<{ id: string }, SessionDetail>;
}

export const sessionsInputs = {
  'sessions.list': z.strictObject({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }),
  'sessions.get': z.strictObject({ id: idSchema }),
} satisfies InputSchemas<SessionsApi>;
