import type { SessionsApi } from '../../../shared/api/sessions';
import { ApiError } from '../../../shared/api/result';
import type { CoreContext } from '../context';

export function sessionsApi({ projects }: CoreContext): SessionsApi {
  return {
    'sessions.list': async ({ offset, limit }) => projects.require().sessions.list(offset ?? 0, limit ?? 100),
    'sessions.get': async ({ id }) => {
      const session = projects.require().sessions.get(id);
      if (!session) throw new ApiError('NOT_FOUND', 'That session is not in this project (it may have been deleted).');
      return session;
    },
  };
}
