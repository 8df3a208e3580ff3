import type { ModelsApi } from '../../../shared/api/models';
import { ApiError } from '../../../shared/api/result';
import type { CoreContext } from '../context';
import { newId } from '../util/ids';
import { projectProvider } from './projectProvider';

export function modelsApi({ projects, events }: CoreContext): ModelsApi {
  return {
    'models.list': async ({ providerId }) => projects.require().models.list(providerId),

    'models.register': async ({ providerId, modelId, displayName, lineage }) => {
      const project = projects.require();
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
      if (!projects.require().models.remove(id)) throw new ApiError('NOT_FOUND', 'That model is not in the registry.');
      events.emit('data.changed', { entity: 'models' });
      return null;
    },

    'models.prices': async () => projects.require().prices.list(),

    'models.setPrice': async (input) => {
      const price = { cachedInputPerM: null, trainingPerM: null, ...input, updatedAt: Date.now() };
      const normalized = { ...price, cachedInputPerM: price.cachedInputPerM ?? null, trainingPerM: price.trainingPerM ?? null };
      projects.require().prices.upsert(normalized);
      events.emit('data.changed', { entity: 'prices' });
      return normalized;
    },

    'models.removePrice': async ({ model }) => {
      if (!projects.require().prices.remove(model)) throw new ApiError('NOT_FOUND', `No price is set for ${model}.`);
      events.emit('data.changed', { entity: 'prices' });
      return null;
    },

    'models.roleDefaults': async () => projects.require().models.roleDefaults(),

    'models.setRoleDefault': async ({ role, providerId, modelId }) => {
      const project = projects.require();
      if (providerId) projectProvider(project.providers, providerId);
      project.models.setRoleDefault({ role, providerId, modelId });
      events.emit('data.changed', { entity: 'models' });
      return project.models.roleDefaults();
    },
  };
}
