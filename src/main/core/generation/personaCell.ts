import { z } from 'zod';
import { lazy } from '../../../shared/domain/lazy';

// Apart from personaSchema.ts: the personas repo reads cells with this schema, so it loads with every
// project open, where building the persona schema (built eagerly, as the model is sent it) would cost a
// short command's start-up for nothing. This one is built on its first use too.

/** The attribute combination a persona was sampled for: the unit of coverage. */
export const personaCellSchema = lazy(() =>
  z.object({
    distortions: z.array(z.string()).min(1).max(3),
    style: z.string(),
    ageBand: z.string(),
    presentingProblem: z.string(),
    severity: z.string(),
    riskLevel: z.string(),
  }),
);
export type PersonaCell = z.infer<ReturnType<typeof personaCellSchema>>;
