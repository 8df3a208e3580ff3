import { z } from 'zod';
import cbtPack from '../../../../resources/domain-packs/cbt/pack.json';
import defaultPrices from '../../../../resources/pricing/default-prices.json';
import { domainPackSchema } from '../../../shared/domain/domainPack';
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
