import type { ModelsApi } from '../../../shared/api/models';
import { ApiError } from '../../../shared/api/result';
import type { DomainDeps } from '../context';
import { newId } from '../util/ids';
import { projectProvider } from './projectProvider';

/** The parts of the open project this API reads and writes. */
export type ModelsParts = 'models' | 'prices' | 'providers';

export function modelsApi({ project: open, events }: DomainDeps<ModelsParts>): ModelsApi {
  return {
    'models.list': async ({ providerId }) => open().models.list(providerId),

    'models.register': async ({ providerId, modelId, displayName, lineage }) => {
      const project = open();
      projectProvider(project.providers, providerId);
      const entry = project.models.upsert({
        id: newId(),
        providerId,
        modelId,
        kind: 'registered',
        displayName: displayName ?? modelId,
        lineage: lineage ?? null,
        createdAt: Date.now(),
      });
      events.emit('data.changed', { entity: 'models' });
      return entry;
    },

    'models.remove': async ({ id }) => {
      if (!open().models.remove(id)) throw new ApiError('NOT_FOUND', 'That model is not in the registry.');
      events.emit('data.changed', { entity: 'models' });
      return null;
    },

    'models.prices': async () => open().prices.list(),

    'models.setPrice': async (input) => {
      const price = { cachedInputPerM: null, trainingPerM: null, ...input, updatedAt: Date.now() };
      const normalized = { ...price, cachedInputPerM: price.cachedInputPerM ?? null, trainingPerM: price.trainingPerM ?? null };
      open().prices.upsert(normalized);
      events.emit('data.changed', { entity: 'prices' });
      return normalized;
    },

    'models.removePrice': async ({ model }) => {
      if (!open().prices.remove(model)) throw new ApiError('NOT_FOUND', `No price is set for ${model}.`);
      events.emit('data.changed', { entity: 'prices' });
      return null;
    },

    'models.roleDefaults': async () => open().models.roleDefaults(),

    'models.setRoleDefault': async ({ role, providerId, modelId }) => {
      const project = open();
      if (providerId) projectProvider(project.providers, providerId);
      project.models.setRoleDefault({ role, providerId, modelId });
      events.emit('data.changed', { entity: 'models' });
      return project.models.roleDefaults();
    },
  };
}
