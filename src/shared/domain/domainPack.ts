import { z } from 'zod';

const labelled = z.object({ id: z.string().min(1), label: z.string().min(1) });

const promptTemplate = z.object({ version: z.number().int().min(1), template: z.string().min(1) });

/**
 * A project's taxonomy and prompts, as data the person can edit. The built-in CBT pack is the default;
 * another domain is another pack, not another build.
 */
export const domainPackSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.number().int().min(1),
  description: z.string(),
  disclaimer: z.string(),
  systemPrompt: z.string().min(1),
  distortions: z
    .array(
      labelled.extend({
        definition: z.string(),
        example: z.string(),
        aliases: z.array(z.string()).default([]),
        optional: z.boolean().optional(),
      }),
    )
    .min(1),
  coreBeliefs: z.array(z.object({ group: z.string().min(1), label: z.string().min(1), beliefs: z.array(labelled).min(1) })).min(1),
  styles: z.array(labelled.extend({ description: z.string(), simulatorInstruction: z.string() })).min(1),
  presentingProblems: z.array(labelled).min(1),
  ageBands: z.array(z.string()).min(1),
  severities: z.array(labelled.extend({ description: z.string() })).min(1),
  riskLevels: z.array(labelled.extend({ description: z.string() })).min(1),
  techniques: z.array(labelled).min(1),
  cognitiveModelFields: z.array(z.string()).min(1),
  prompts: z.record(z.string(), promptTemplate),
});
export type DomainPack = z.infer<typeof domainPackSchema>;
