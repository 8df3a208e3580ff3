import type { ProvidersApi } from '../../../shared/api/providers';
import { ApiError } from '../../../shared/api/result';
import type { KeyStatus, Provider, ProviderView } from '../../../shared/domain/provider';
import { presetById, providerPresets } from '../../../shared/domain/providerPresets';
import type { CoreContext, DomainDeps } from '../context';
import type { OpenProject } from '../projects/openProject';
import { newId } from '../util/ids';
import { toApiError } from './gateway';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 3;

/** The parts of the open project this API reads and writes. */
export type ProvidersParts = 'db' | 'gateway' | 'jobs' | 'models' | 'providers';

export function providersApi({
  project: open,
  events,
  keys,
  secrets,
}: DomainDeps<ProvidersParts> & Pick<CoreContext, 'keys' | 'secrets'>): ProvidersApi {
  const view = (p: Provider): ProviderView => ({ ...p, key: keys.status(p) });
  const requireProvider = (project: Pick<OpenProject, ProvidersParts>, id: string): Provider => {
    const p = project.providers.get(id);
    if (!p) throw new ApiError('NOT_FOUND', 'That provider is not in this project (it may have been removed).');
    return p;
  };
  const changed = () => events.emit('data.changed', { entity: 'providers' });

  return {
    'providers.presets': async () => [...providerPresets],
    'providers.list': async () => open().providers.list().map(view),

    'providers.add': async (input) => {
      const project = open();
      if (project.providers.findByName(input.name))
        throw new ApiError('CONFLICT', `A provider named "${input.name}" already exists. Choose another name.`);
      const preset = presetById(input.preset);
      const now = Date.now();
      const provider: Provider = {
        id: newId(),
        name: input.name,
        preset: input.preset,
        baseUrl: input.baseUrl ?? preset.baseUrl,
        apiKeyEnv: input.apiKeyEnv === undefined ? preset.apiKeyEnv : input.apiKeyEnv,
        concurrency: input.concurrency ?? preset.concurrency,
        timeoutMs: DEFAULT_TIMEOUT_MS,
        maxRetries: DEFAULT_MAX_RETRIES,
        capabilities: input.capabilities ?? preset.capabilities,
        createdAt: now,
        updatedAt: now,
      };
      project.providers.insert(provider);
      // Added here by the person at this computer: the variable it names is their choice for this address.
      keys.trustEnv(provider);
      changed();
      return view(provider);
    },

    'providers.update': async ({ id, ...patch }) => {
      const project = open();
      const current = requireProvider(project, id);
      if (patch.name && patch.name.toLowerCase() !== current.name.toLowerCase() && project.providers.findByName(patch.name)) {
        throw new ApiError('CONFLICT', `A provider named "${patch.name}" already exists.`);
      }
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next: Provider = { ...current, ...defined, updatedAt: Date.now() };
      project.providers.update(next);
      // Choosing the variable or the address here is choosing where that variable's key may go.
      if (patch.apiKeyEnv !== undefined || patch.baseUrl !== undefined) keys.trustEnv(next);
      changed();
      return view(next);
    },

    'providers.remove': async ({ id }) => {
      const project = open();
      const provider = requireProvider(project, id);
      project.providers.remove(id);
      keys.clear(provider);
      changed();
      events.emit('data.changed', { entity: 'models' });
      return null;
    },

    'providers.setKey': async ({ id, key, persist }) => {
      const provider = requireProvider(open(), id);
      const info = secrets.info();
      // Without a secure backend, a key is only written to disk when the person said so after the warning.
      keys.set(provider, key, info.secure ? true : (persist ?? false));
      changed();
      return view(provider);
    },

    'providers.clearKey': async ({ id }) => {
      const provider = requireProvider(open(), id);
      keys.clear(provider);
      changed();
      return view(provider);
    },

    'providers.keyStorage': async () => secrets.info(),

    'providers.allowKeyEnv': async ({ id }) => {
      const provider = requireProvider(open(), id);
      if (!provider.apiKeyEnv) throw new ApiError('INVALID_INPUT', `${provider.name} names no environment variable for its key.`);
      keys.trustEnv(provider);
      changed();
      return view(provider);
    },

    'providers.test': async ({ id }) => {
      const project = open();
      const provider = requireProvider(project, id);
      const preset = presetById(provider.preset);
      const held = keys.status(provider).heldBack;
      if (held) throw new ApiError('UNAUTHORIZED', heldBackMessage(provider.name, held));
      if (preset.needsKey && !keys.get(provider)) {
        throw new ApiError(
          'UNAUTHORIZED',
          `${provider.name} needs an API key. Set it in Settings > Providers${provider.apiKeyEnv ? ` or in the ${provider.apiKeyEnv} environment variable` : ''}.`,
        );
      }
      const started = performance.now();
      let models: string[];
      try {
        models = await project.gateway.listModels(id);
      } catch (err) {
        throw toApiError(err);
      }
      const now = Date.now();
      project.db.transaction(() => {
        for (const modelId of models) {
          project.models.upsert({
            id: newId(),
            providerId: id,
            modelId,
            kind: modelId.startsWith('ft:') ? 'fine-tuned' : 'base',
            displayName: modelId,
            lineage: null,
            createdAt: now,
          });
        }
      })();
      events.emit('data.changed', { entity: 'models' });
      return {
        ok: true,
        latencyMs: Math.round(performance.now() - started),
        models,
        message: `Connected to ${provider.name}: ${models.length} model${models.length === 1 ? '' : 's'} available.`,
      };
    },

    'providers.startSpeedTest': async (input) => {
      const project = open();
      await project.jobs.load('speedTest');
      const provider = requireProvider(project, input.providerId);
      if (!provider.capabilities.chat)
        throw new ApiError('INVALID_INPUT', `${provider.name} is not set up for chat, so it cannot be speed tested.`);
      const summary = project.jobs.create(
        'speedTest',
        {
          providerId: provider.id,
          providerName: provider.name,
          model: input.model,
          calls: input.calls,
          concurrency: input.concurrency,
          maxTokens: input.maxTokens,
        },
        { budgetUsd: input.budgetUsd ?? null },
      );
      events.emit('data.changed', { entity: 'jobs' });
      return summary;
    },
  };
}

/** Why a key is not used, and what would happen if it were allowed. */
function heldBackMessage(name: string, held: NonNullable<KeyStatus['heldBack']>): string {
  return held.reason === 'env-not-chosen-here'
    ? `${name} would send the key in your ${held.env} environment variable to ${held.baseUrl}. This project names that variable but nobody chose it on this computer: allow it in Settings > Providers if you trust that address, or set a key.`
    : `${name}'s address changed to ${held.baseUrl}, and its key was set for another address, so it is not sent there. Set the key again for the new address.`;
}
