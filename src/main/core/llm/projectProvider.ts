import { ApiError } from '../../../shared/api/result';
import type { Provider } from '../../../shared/domain/provider';
import type { ProvidersRepo } from './providersRepo';

/** A provider a call names, or the error every domain gives when it is not in the open project. */
export function projectProvider(providers: Pick<ProvidersRepo, 'get'>, id: string): Provider {
  const provider = providers.get(id);
  if (!provider) throw new ApiError('NOT_FOUND', 'That provider is not in this project.');
  return provider;
}
