import { z } from 'zod';
import cbtPack from '../../../../resources/domain-packs/cbt/pack.json';
import defaultPrices from '../../../../resources/pricing/default-prices.json';
import sampleSessions from '../../../../resources/sample/sessions.json';
import { domainPackSchema } from '../../../shared/domain/domainPack';
import { sessionTokens } from '../sessions/sessionEditing';
import { newId } from '../util/ids';
import type { OpenProject } from './openProject';

const priceFileSchema = z.object({
  prices: z.array(
    z.object({
      model: z.string(),
      inputPerM: z.number(),
      outputPerM: z.number(),
      cachedInputPerM: z.number().nullable(),
      trainingPerM: z.number().nullable(),
    }),
  ),
});

const sampleSchema = z.array(
  z.object({
    title: z.string(),
    status: z.enum(['draft', 'approved', 'rejected', 'needs_review']),
    tags: z.array(z.string()),
    notes: z.string().nullable().default(null),
    metadata: z.record(z.string(), z.unknown()),
    turns: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string().min(1) })).min(2),
  }),
);

/** Every new project starts with the built-in domain pack and the default price table. */
export function seedNewProject(project: OpenProject, name: string): void {
  const pack = domainPackSchema.parse(cbtPack);
  const now = Date.now();
  project.db.transaction(() => {
    project.meta.set('name', name);
    project.meta.set('createdAt', now);
    project.meta.set('domainPack', pack);
    for (const p of priceFileSchema.parse(defaultPrices).prices) project.prices.upsert({ ...p, updatedAt: now });
  })();
}

/** The first-launch project: a few counseling sessions written for the sample, so nothing starts empty. */
export function seedSampleContent(project: OpenProject): void {
  const pack = domainPackSchema.parse(cbtPack);
  const sessions = sampleSchema.parse(sampleSessions);
  const now = Date.now();
  project.db.transaction(() => {
    project.meta.set('isSample', true);
    sessions.forEach((s, i) =>
      project.sessions.insert({
        id: newId(),
        title: s.title,
        source: 'sample',
        status: s.status,
        tags: s.tags,
        systemPrompt: pack.systemPrompt,
        notes: s.notes,
        metadata: s.metadata,
        turns: s.turns,
        tokenCount: sessionTokens(pack.systemPrompt, s.turns),
        createdAt: now - (sessions.length - i) * 60_000,
      }),
    );
  })();
}
